import Foundation
import PCAProcess
import XCTest

/// The pca-local binary on a free loopback port, for the duration of a test.
final class LocalServer {
    let process: ChildProcess.Running
    let endpoint: String
    private let log: String

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func binary(_ name: String) -> String {
        ProcessInfo.processInfo.environment["PCA_BIN_DIR"].map { "\($0)/\(name)" }
            ?? packageRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    /// Fails the test (and skips the rest) when the binaries are not built.
    static func requireBinaries() throws {
        for name in ["pca-tui", "pca-local"] where !FileManager.default.isExecutableFile(atPath: binary(name)) {
            XCTFail("\(name) is not built at \(binary(name)); run 'swift build' first")
            throw XCTSkip("missing binary")
        }
    }

    init(arguments: [String] = ["--seed", "demo"]) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("pca-local-\(UUID().uuidString).out").path
        process = try ChildProcess.Running([Self.binary("pca-local"), "--port", "0"] + arguments, stdoutPath: log)
        guard let line = process.firstLine(ofFile: log, timeout: 30) else {
            process.terminate()
            throw ServerFailure("pca-local did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }
        endpoint = line.replacingOccurrences(of: "pca-local listening on ", with: "")
    }

    func stop() {
        process.terminate()
    }

    deinit {
        stop()
        unlink(log)
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to completion and collects its output.
struct ProgramRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ProgramRun {
        let output = try ChildProcess.run([path] + arguments, environment: environment, timeout: 120)
        if output.timedOut {
            XCTFail("\(path) \(arguments.joined(separator: " ")) did not finish within 120 s")
        }
        return ProgramRun(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }
}
