import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs other programs with posix_spawn and waitpid.
///
/// Foundation's `Process` learns that a child ended from a SIGCHLD dispatch source; on Linux that
/// notice is occasionally lost, and `waitUntilExit()` then blocks forever beside a zombie child. Here
/// the parent asks the kernel directly (waitpid), always with a deadline, so a run can time out but
/// never hang. Output goes through temporary files rather than pipes: a daemon the child starts (the
/// tmux server, say) cannot keep us waiting for end-of-file, and a chatty child cannot fill a pipe.
public enum ChildProcess {
    /// How a finished run ended and what it printed.
    public struct Output: Sendable {
        /// The exit code, or 128 + the signal number when a signal ended the program (as a shell reports).
        public var status: Int32
        public var standardOutput: Data
        public var standardError: Data
        /// True when the deadline passed and the program was killed.
        public var timedOut: Bool

        public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
        public var stderr: String { String(decoding: standardError, as: UTF8.self) }
    }

    public struct SpawnError: Error, CustomStringConvertible, Sendable {
        public var program: String
        public var reason: String
        public var description: String { "cannot start \(program): \(reason)" }
    }

    /// Runs `arguments` (the first is the program, looked up on PATH when it has no slash) to completion.
    /// Standard input is /dev/null. `environment` nil means this process's environment. After `timeout`
    /// seconds the program and its process group are killed and `timedOut` is set.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) throws -> Output {
        let capture = try OutputFiles()
        defer { capture.remove() }
        let child = try Running(arguments, environment: environment, stdoutPath: capture.stdoutPath,
                                stderrPath: capture.stderrPath, ownProcessGroup: true)
        let ended = child.wait(timeout: timeout)
        if ended == nil {
            child.kill(group: true)
        }
        let status = ended ?? child.wait(timeout: 5) ?? 137
        return Output(status: status, standardOutput: capture.read(capture.stdoutPath),
                      standardError: capture.read(capture.stderrPath), timedOut: ended == nil)
    }

    /// Runs to completion off the caller's thread, for async code that must not block the cooperative pool.
    public static func runDetached(_ arguments: [String], environment: [String: String]? = nil,
                                   timeout: TimeInterval = 60) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, environment: environment, timeout: timeout) })
            }
        }
    }

    /// A started program that runs until it ends or is stopped, such as a server.
    public final class Running: @unchecked Sendable {
        public let pid: pid_t
        private let lock = NSLock()
        private var exitStatus: Int32?

        /// Starts the program with standard input from /dev/null and its output appended to the given files
        /// (/dev/null when nil).
        public init(_ arguments: [String], environment: [String: String]? = nil,
                    stdoutPath: String? = nil, stderrPath: String? = nil, ownProcessGroup: Bool = false) throws {
            precondition(!arguments.isEmpty, "a program to run")
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)

            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            // The child starts with no blocked signals and default dispositions, whatever this process
            // ignores (SIGPIPE in the emulator, SIGINT while the UI runs).
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCONT] {
                sigaddset(&defaults, number)
            }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
            if ownProcessGroup {
                flags |= Int32(POSIX_SPAWN_SETPGROUP)
                posix_spawnattr_setpgroup(&attributes, 0)
            }
            posix_spawnattr_setflags(&attributes, Int16(flags))

            let argv = arguments.map { strdup($0) } + [nil]
            let variables = environment ?? ProcessInfo.processInfo.environment
            let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            func spawn() throws -> pid_t {
                var pid: pid_t = 0
                let spawned = arguments[0].contains("/")
                    ? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
                    : posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
                guard spawned == 0 else {
                    throw SpawnError(program: arguments[0], reason: String(cString: strerror(spawned)))
                }
                return pid
            }
            // A group is listed in the same step it is made: a signal's `killAllRunning` never falls between the two.
            self.pid = ownProcessGroup ? try ChildProcess.groups.spawnListed(spawn) : try spawn()
        }

        deinit {
            if status == nil {
                kill(signal: SIGKILL)
                _ = wait(timeout: 5)
            }
        }

        /// The exit status once the program has ended (reaping it if it just did); nil while it runs.
        public var status: Int32? {
            lock.lock()
            defer { lock.unlock() }
            if exitStatus == nil {
                var raw: Int32 = 0
                var result: pid_t
                repeat {
                    result = waitpid(pid, &raw, WNOHANG)
                } while result < 0 && errno == EINTR
                if result == pid {
                    exitStatus = Self.decode(raw)
                } else if result < 0 {
                    // Someone else reaped it; the status is lost, but it has ended.
                    exitStatus = -1
                }
                if exitStatus != nil { ChildProcess.groups.remove(pid) }
            }
            return exitStatus
        }

        public var isRunning: Bool { status == nil }

        /// Blocks until the program ends, with no deadline and no polling delay (for measurements); its status
        /// and peak resident memory in KiB (`ru_maxrss` of the child alone).
        public func waitUntilExit() -> (status: Int32, peakResidentKiB: Int) {
            lock.lock()
            defer { lock.unlock() }
            var raw: Int32 = 0
            var usage = rusage()
            var result: pid_t
            repeat {
                result = wait4(pid, &raw, 0, &usage)
            } while result < 0 && errno == EINTR
            if exitStatus == nil {
                exitStatus = result == pid ? Self.decode(raw) : -1
            }
            return (exitStatus ?? -1, Int(usage.ru_maxrss))
        }

        /// Waits up to `timeout` seconds for the program to end; its status, or nil if it is still running.
        @discardableResult
        public func wait(timeout: TimeInterval) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            var pause: UInt32 = 1_000
            while true {
                if let status { return status }
                if Date() >= deadline { return nil }
                usleep(pause)
                pause = min(pause * 2, 20_000)
            }
        }

        /// Sends `signal` to the program (and its process group when it leads one).
        public func kill(signal: Int32 = SIGKILL, group: Bool = false) {
            guard isRunning else { return }
            if group {
                ChildProcess.sendSignal(-pid, signal)
            }
            ChildProcess.sendSignal(pid, signal)
        }

        /// Asks the program to stop with SIGTERM; kills it if it has not ended within `grace` seconds.
        @discardableResult
        public func terminate(grace: TimeInterval = 10) -> Int32 {
            kill(signal: SIGTERM)
            if let status = wait(timeout: grace) { return status }
            kill(signal: SIGKILL)
            return wait(timeout: 5) ?? 137
        }

        /// Waits until the file at `path` (where this program writes) holds a whole first line, and returns it
        /// without the newline; nil if the program ends or `timeout` passes first.
        public func firstLine(ofFile path: String, timeout: TimeInterval) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let data = FileManager.default.contents(atPath: path), let end = data.firstIndex(of: UInt8(ascii: "\n")) {
                    return String(decoding: data[data.startIndex..<end], as: UTF8.self)
                }
                if !isRunning { return nil }
                usleep(5_000)
            }
            return nil
        }

        private static func decode(_ raw: Int32) -> Int32 {
            let signal = raw & 0x7f
            return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
        }
    }

    /// Kills the process group of every program started with its own group that is still running: called on
    /// the way out, so no child (a `credential_process` waiting for input, say) outlives this program.
    public static func killAllRunning() {
        for group in groups.all { sendSignal(-group, SIGKILL) }
    }

    /// Process groups of the programs still running.
    static let groups = GroupRegistry()

    final class GroupRegistry: @unchecked Sendable {
        private let lock = NSLock()
        private var members: Set<pid_t> = []
        /// Runs `spawn` and lists the process it made under one lock, so `all` never misses one just started.
        func spawnListed(_ spawn: () throws -> pid_t) throws -> pid_t {
            try lock.withLock {
                let pid = try spawn()
                members.insert(pid)
                return pid
            }
        }
        func remove(_ pid: pid_t) { lock.withLock { _ = members.remove(pid) } }
        var all: [pid_t] { lock.withLock { Array(members) } }
    }

    /// kill(2), named apart from `Running.kill`.
    private static func sendSignal(_ pid: pid_t, _ signal: Int32) {
        _ = kill(pid, signal)
    }

    /// Two temporary files that receive a run's standard output and error.
    private struct OutputFiles {
        let stdoutPath: String
        let stderrPath: String

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("pca-child-\(UUID().uuidString)").path
            stdoutPath = base + ".out"
            stderrPath = base + ".err"
            for path in [stdoutPath, stderrPath] {
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                guard descriptor >= 0 else {
                    throw SpawnError(program: "(output file)", reason: String(cString: strerror(errno)))
                }
                close(descriptor)
            }
        }

        func read(_ path: String) -> Data {
            FileManager.default.contents(atPath: path) ?? Data()
        }

        func remove() {
            unlink(stdoutPath)
            unlink(stderrPath)
        }
    }
}
