import Foundation
import XCTest

/// The pca-local binary on a free loopback port, for the duration of a test.
final class LocalServer {
    let process: Process
    let endpoint: String

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
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary("pca-local"))
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        endpoint = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "pca-local listening on ", with: "")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
    }
}

/// Runs a program to completion and collects its output.
struct ProgramRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ProgramRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}
