import Foundation
import PCAProcess
import XCTest

/// openssl, the independent judge of what the X.509 code reads and makes. Missing locally: the test skips;
/// missing in CI: it fails.
enum OpenSSL {
    static func available() throws {
        if let found = try? ChildProcess.run(["openssl", "version"], timeout: 30), found.status == 0 { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("openssl is required in CI")
        }
        throw XCTSkip("openssl is not installed")
    }

    /// Runs openssl in `directory`; fails the test with its stderr when it fails.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let result = try ChildProcess.run(["sh", "-c", "cd \"$0\" && exec openssl \"$@\"", directory.path] + arguments, timeout: 60)
        guard result.status == 0 else {
            throw X509TestFailure("openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pca-x509-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct X509TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
