import Foundation
import PCAProcess
import XCTest

/// A program running in a detached tmux session: type with `send`, read the screen with `screen`.
final class TerminalSession {
    let name: String

    init(command: String, environment: [String: String], width: Int = 120, height: Int = 35) throws {
        name = "pca-e2e-\(UUID().uuidString.prefix(8))"
        let exports = environment.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // After the program ends, print its status and the terminal modes, so the test can see both.
        let script = "env \(exports) \(command); echo PCA_TUI_EXITED=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo; sleep 120"
        let start = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "bash", "--norc", "-c", script]
        // Once more if the first try fails: the server may have been ending with the previous test's last session.
        var made = try Self.run(start)
        if made.status != 0 {
            Thread.sleep(forTimeInterval: 0.2)
            made = try Self.run(start)
        }
        guard made.status == 0 else { throw SessionError.notStarted(made.stderr) }
    }

    enum SessionError: Error, CustomStringConvertible {
        case notStarted(String)
        var description: String {
            switch self {
            case let .notStarted(reason): "tmux new-session failed: \(reason)"
            }
        }
    }

    deinit {
        _ = try? Self.tmux(["kill-session", "-t", name])
    }

    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try Self.tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Runs a `:` command in the UI, such as "profile prod".
    func command(_ text: String) throws {
        try send(":")
        try type(text)
        try send("Enter")
    }

    /// The pid of the program in the pane (the shell's only child: `env` execs the program).
    func programPID() throws -> Int32 {
        let shell = try Self.tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try ChildProcess.run(["pgrep", "-P", shell], timeout: 10).stdout
        guard let pid = children.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw XCTSkip("no program under the pane's shell \(shell)")
        }
        return pid
    }

    func screen() throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name])
    }

    /// Waits until the screen contains `text`; fails with the screen when it does not within `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("'\(text)' did not appear; the screen was:\n\(last)", file: file, line: line)
        throw XCTSkip("screen did not show \(text)")
    }

    /// Runs tmux with a deadline (a tmux that hangs fails the test instead of the whole run), on a server of
    /// the tests' own: the user's tmux sessions and settings stay out of it, and its environment is ours.
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        try run(arguments).stdout
    }

    private static func run(_ arguments: [String]) throws -> ChildProcess.Output {
        let output = try ChildProcess.run(["tmux", "-L", socketName, "-f", "/dev/null"] + arguments, timeout: 30)
        if output.timedOut {
            XCTFail("tmux \(arguments.first ?? "") did not finish within 30 s")
        }
        return output
    }

    /// One tmux server per test process: two runs on one machine never share (or end) each other's server.
    private static let socketName = "pca-tui-tests-\(getpid())"

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
