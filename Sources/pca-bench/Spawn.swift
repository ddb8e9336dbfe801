import Foundation
import PCAProcess
#if canImport(Glibc)
import Glibc
#endif

/// A finished child process: exit status, wall time, its own CPU time, peak resident memory, output.
struct ChildResult {
    var status: Int32
    var seconds: Double
    /// User + system CPU seconds of the child alone (getrusage of the children waited for, across the wait).
    var cpuSeconds: Double
    var peakMiB: Double
    var stdout: String
}

/// Runs a program to completion and measures it: wall time, and its own peak memory (its VmHWM, watched while it
/// runs; wait4's ru_maxrss only where the watch saw nothing).
/// Its standard output goes to `stdoutPath` (kept) or a temporary file (read, then removed).
func runMeasured(_ arguments: [String], environment: [String: String], stdoutPath: String? = nil) throws -> ChildResult {
    let output = stdoutPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out").path
    // Appended to by the child: start from an empty file.
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    let cpuBefore = childrenCPUSeconds()
    let started = Date()
    let child: ChildProcess.Running
    do {
        child = try ChildProcess.Running(arguments, environment: environment, stdoutPath: output)
    } catch {
        throw BenchError("\(error)")
    }
    let watcher = HighWaterWatcher(pid: child.pid, program: URL(fileURLWithPath: arguments[0]).lastPathComponent)
    let (status, reportedPeakKiB) = child.waitUntilExit()
    let seconds = Date().timeIntervalSince(started)
    let peak = watcher.stop() ?? Double(reportedPeakKiB) / 1024
    // Only this child is waited for meanwhile, so the difference is its own.
    let cpu = childrenCPUSeconds() - cpuBefore
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    if stdoutPath == nil { try? FileManager.default.removeItem(atPath: output) }
    return ChildResult(status: status, seconds: seconds, cpuSeconds: cpu, peakMiB: peak, stdout: text)
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

/// CPU seconds (user + system) of every child waited for so far.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Resident memory of a running process in MiB (VmRSS).
func residentMiB(pid: Int32) -> Double? {
    statusField("VmRSS:", pid: pid)
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
    statusField("VmHWM:", pid: pid)
}

/// A memory field of /proc/PID/status, in MiB.
private func statusField(_ name: String, pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name) {
        return Double(line.split(separator: " ").dropFirst().first ?? "").map { $0 / 1024 }
    }
    return nil
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Watches a child's own peak resident memory (VmHWM) while it runs. Not wait4's ru_maxrss: the child is spawned
/// sharing this process's memory until it execs, and Linux carries that memory's high-water mark into the
/// child's, so every child of a large pca-bench (it holds 10,000 parsed CAs) reported at least pca-bench's own
/// size. Readings are taken only once the child runs `program`, i.e. after its exec.
final class HighWaterWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var peak: Double?
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    init(pid: Int32, program: String) {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                if Self.command(pid: pid) == String(program.prefix(15)), let value = statusField("VmHWM:", pid: pid) {
                    lock.withLock { peak = max(peak ?? 0, value) }
                }
                usleep(5_000)
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops watching; the highest VmHWM seen, in MiB.
    func stop() -> Double? {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { peak }
    }

    private static func command(pid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
