import Foundation
@testable import PCAProcess
import XCTest

final class ChildProcessTests: XCTestCase {
    func testCollectsOutputErrorAndExitCode() throws {
        let output = try ChildProcess.run(["/bin/sh", "-c", "printf out; printf err >&2; exit 7"])
        XCTAssertEqual(output.status, 7)
        XCTAssertEqual(output.stdout, "out")
        XCTAssertEqual(output.stderr, "err")
        XCTAssertFalse(output.timedOut)
    }

    func testLooksProgramsUpOnPath() throws {
        let output = try ChildProcess.run(["sh", "-c", "echo found"])
        XCTAssertEqual(output.stdout, "found\n")
    }

    func testPassesExactlyTheGivenEnvironment() throws {
        let output = try ChildProcess.run(["/bin/sh", "-c", "echo \"$ONLY_THIS-${HOME:-unset}\""], environment: ["ONLY_THIS": "yes"])
        XCTAssertEqual(output.stdout, "yes-unset\n")
    }

    func testStandardInputIsEmpty() throws {
        // A child that reads its input must see end-of-file at once, never the caller's terminal.
        let output = try ChildProcess.run(["/bin/sh", "-c", "cat; echo done"], timeout: 10)
        XCTAssertEqual(output.stdout, "done\n")
        XCTAssertFalse(output.timedOut)
    }

    func testASignalIsReportedAs128PlusItsNumber() throws {
        let output = try ChildProcess.run(["/bin/sh", "-c", "kill -TERM $$"])
        XCTAssertEqual(output.status, 128 + SIGTERM)
    }

    func testDeadlineKillsTheProgramAndItsChildren() throws {
        let started = Date()
        // 3 s: long enough for the shell to start and print its child's pid on a loaded machine.
        let output = try ChildProcess.run(["/bin/sh", "-c", "sleep 30 & echo $!; wait"], timeout: 3)
        XCTAssertTrue(output.timedOut)
        XCTAssertEqual(output.status, 128 + SIGKILL)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        // The grandchild was in the same process group and went too.
        let grandchild = pid_t(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(grandchild, 0)
        var gone = false
        for _ in 0..<200 where !gone {
            gone = kill(grandchild, 0) != 0 || Self.isZombie(grandchild)
            if !gone { usleep(10_000) }
        }
        XCTAssertTrue(gone, "process \(grandchild) outlived the deadline")
    }

    func testADaemonHoldingItsOutputDoesNotDelayTheRun() throws {
        // Like `tmux new-session -d`: the command returns at once, a background process lives on.
        let started = Date()
        let output = try ChildProcess.run(["/bin/sh", "-c", "(sleep 30 &) ; echo started"], timeout: 60)
        XCTAssertEqual(output.stdout, "started\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "it did not wait for the daemon's 30 s")
    }

    func testSignalsIgnoredHereAreDefaultInTheChild() throws {
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        // `yes | head -1`: with SIGPIPE ignored, yes would spin on EPIPE errors instead of dying.
        let output = try ChildProcess.run(["/bin/sh", "-c", "yes | head -n 1"], timeout: 10)
        XCTAssertEqual(output.stdout, "y\n")
        XCTAssertFalse(output.timedOut)
    }

    func testAMissingProgramIsAnError() {
        XCTAssertThrowsError(try ChildProcess.run(["/nonexistent/program"])) { error in
            XCTAssertTrue(String(describing: error).contains("/nonexistent/program"), "\(error)")
        }
    }

    func testRunningProcessReportsStatusAndTerminates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("out").path
        let server = try ChildProcess.Running(["/bin/sh", "-c", "echo ready on 42; exec sleep 30"], stdoutPath: log)
        XCTAssertEqual(server.firstLine(ofFile: log, timeout: 10), "ready on 42")
        XCTAssertTrue(server.isRunning)
        XCTAssertEqual(server.terminate(grace: 5), 128 + SIGTERM)
        XCTAssertFalse(server.isRunning)
    }

    func testWaitUntilExitReportsStatusAndTheChildsPeakMemory() throws {
        // python3 holding a 64 MiB buffer: the child's own peak, not ours.
        let child = try ChildProcess.Running(["python3", "-c", "b = bytearray(64 << 20); b[-1] = 1; raise SystemExit(3)"])
        let (status, peakKiB) = child.waitUntilExit()
        XCTAssertEqual(status, 3)
        XCTAssertGreaterThan(peakKiB, 64 * 1024)
        XCTAssertFalse(child.isRunning)
    }

    func testFirstLineIsNilWhenTheProgramEndsWithoutOne() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        defer { unlink(log) }
        let child = try ChildProcess.Running(["/bin/sh", "-c", "printf partial"], stdoutPath: log)
        XCTAssertNil(child.firstLine(ofFile: log, timeout: 10))
        XCTAssertEqual(child.wait(timeout: 5), 0)
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// A group being made is listed before anyone can read the list: `killAllRunning` from a signal waits for a
    /// spawn under way instead of missing its child. (The read starts once the spawn has begun; without the shared
    /// lock it comes back empty while the spawn sleeps, and a read that is late sees the child either way, so this
    /// never fails by chance.)
    func testTheGroupListWaitsForASpawnUnderWay() throws {
        let registry = ChildProcess.GroupRegistry()
        let seen = Collected()
        let spawning = DispatchSemaphore(value: 0)
        let reader = Thread {
            spawning.wait()
            seen.set(registry.all)
        }
        reader.start()
        let pid = try registry.spawnListed {
            spawning.signal()
            Thread.sleep(forTimeInterval: 0.3)
            return 424_242
        }
        let deadline = Date().addingTimeInterval(10)
        while seen.value == nil, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(seen.value, [pid])
    }

    func testKillAllRunningEndsEveryOwnGroupChildAndItsChildren() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("grandchild").path
        // The child starts a grandchild in the same group: both must end.
        let child = try ChildProcess.Running(["/bin/sh", "-c", "sleep 60 & echo $! > '\(pidFile)'; wait"], ownProcessGroup: true)
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: pidFile, encoding: .utf8))?.hasSuffix("\n") != true, Date() < deadline { usleep(10_000) }
        let grandchild = try XCTUnwrap(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        ChildProcess.killAllRunning()
        XCTAssertNotNil(child.wait(timeout: 5), "the child ended")
        var gone = false
        for _ in 0..<200 where !gone {
            gone = kill(grandchild, 0) != 0 || Self.isZombie(grandchild)
            if !gone { usleep(10_000) }
        }
        XCTAssertTrue(gone, "the grandchild in its group ended too")
    }

}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [pid_t]?
    func set(_ value: [pid_t]) { lock.withLock { stored = value } }
    var value: [pid_t]? { lock.withLock { stored } }
}
