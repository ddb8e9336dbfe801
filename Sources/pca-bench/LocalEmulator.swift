import Foundation
import PCAProcess

/// pca-local started for one scenario.
final class LocalEmulator {
    let process: ChildProcess.Running
    let endpoint: String
    let port: Int
    private let log: String

    init(binary: String, count: Int, latencyMs: Int, tps: Int?, acmPerCA: Int = 0) throws {
        var arguments = [binary, "--port", "0", "--cas", String(count), "--latency-ms", String(latencyMs),
                         "--acm-per-ca", String(acmPerCA)]
        if let tps { arguments += ["--tps", String(tps)] }
        log = FileManager.default.temporaryDirectory.appendingPathComponent("bench-local-\(UUID().uuidString).out").path
        process = try ChildProcess.Running(arguments, stdoutPath: log)
        // A large estate takes a moment to generate before the server listens.
        let line = process.firstLine(ofFile: log, timeout: 120) ?? ""
        endpoint = line.replacingOccurrences(of: "pca-local listening on ", with: "")
        guard let last = endpoint.split(separator: ":").last, let port = Int(last) else {
            process.terminate()
            unlink(log)
            throw BenchError("pca-local did not start")
        }
        self.port = port
    }

    var pid: Int32 { process.pid }

    func stop() {
        process.terminate()
    }

    deinit {
        stop()
        unlink(log)
    }
}
