import Foundation
import PCAProcess

/// pca-local started for one scenario.
final class LocalEmulator {
    let process: ChildProcess.Running
    let endpoint: String
    let port: Int
    private let log: String

    convenience init(binary: String, count: Int, latencyMs: Int, tps: Int?, acmPerCA: Int = 0) throws {
        var arguments = [binary, "--port", "0", "--cas", String(count), "--latency-ms", String(latencyMs),
                         "--acm-per-ca", String(acmPerCA)]
        if let tps { arguments += ["--tps", String(tps)] }
        try self.init(arguments: arguments)
    }

    /// A synthetic organization: `accounts` accounts (the management one included), `cas` CAs in each of
    /// `regions` of each of them.
    convenience init(binary: String, accounts: Int, regions: [String], cas: Int, latencyMs: Int) throws {
        try self.init(arguments: [binary, "--port", "0", "--seed", "organization", "--accounts", String(accounts),
                                  "--regions", regions.joined(separator: ","), "--cas", String(cas),
                                  "--latency-ms", String(latencyMs)])
    }

    /// pca-local with these arguments (the binary first), once it listens.
    init(arguments: [String]) throws {
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
