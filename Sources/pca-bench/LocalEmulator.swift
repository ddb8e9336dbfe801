import Foundation

/// pca-local started for one scenario.
final class LocalEmulator {
    let process: Process
    let endpoint: String
    let port: Int

    init(binary: String, count: Int, latencyMs: Int, tps: Int?) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        var arguments = ["--port", "0", "--cas", String(count), "--latency-ms", String(latencyMs)]
        if let tps { arguments += ["--tps", String(tps)] }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        endpoint = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "pca-local listening on ", with: "")
        guard let last = endpoint.split(separator: ":").last, let port = Int(last) else {
            throw BenchError("pca-local did not start")
        }
        self.port = port
    }

    var pid: Int32 { process.processIdentifier }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
