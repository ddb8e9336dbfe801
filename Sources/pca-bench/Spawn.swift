import Foundation
import PCAProcess
#if canImport(Glibc)
import Glibc
#endif

/// A finished child process: exit status, wall time, peak resident memory, output.
struct ChildResult {
    var status: Int32
    var seconds: Double
    var peakMiB: Double
    var stdout: String
}

/// Runs a program to completion with posix_spawn and wait4, so its own peak memory (ru_maxrss) is known.
func runMeasured(_ arguments: [String], environment: [String: String], stdoutPath: String? = nil) throws -> ChildResult {
    let output = stdoutPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let started = Date()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    guard spawned == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(started)
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    if stdoutPath == nil { try? FileManager.default.removeItem(atPath: output) }
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildResult(status: exitStatus, seconds: seconds, peakMiB: Double(usage.ru_maxrss) / 1024, stdout: text)
}

/// Runs a short command (tmux and friends) and returns its standard output; empty if it fails or hangs.
@discardableResult
func shell(_ arguments: [String]) -> String {
    (try? ChildProcess.run(arguments, timeout: 30))?.stdout ?? ""
}

func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// CPU seconds (user + system) a process has used, from /proc.
func cpuSeconds(pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// A process's peak resident memory in MiB (VmHWM).
func peakMiB(pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Double(line.split(separator: " ").dropFirst().first ?? "").map { $0 / 1024 }
    }
    return nil
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
