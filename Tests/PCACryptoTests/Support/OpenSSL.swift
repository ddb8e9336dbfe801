import Foundation
import PCACrypto
import PCAProcess
import XCTest

/// The openssl command line as the independent judge of our hashes, keys and signatures, with a temporary
/// directory for the files it reads and writes.
struct OpenSSL {
    /// Raised in CI when openssl is missing: there the cross-checks must run.
    struct Missing: Error, CustomStringConvertible {
        var description: String { "openssl is required in CI (CI=true)" }
    }

    let directory: URL

    /// openssl in a fresh directory; skips the test when openssl is not installed, except in CI.
    static func required(_ test: XCTestCase) throws -> OpenSSL {
        if let found = try? ChildProcess.run(["openssl", "version"], timeout: 30), found.status == 0 {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("pca-crypto-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            test.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
            return OpenSSL(directory: directory)
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" { throw Missing() }
        throw XCTSkip("openssl is not installed")
    }

    /// The path of `name` in the directory.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Writes `bytes` to `name`; returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// Runs openssl with `arguments`; the output whatever the status.
    func run(_ arguments: [String]) throws -> ChildProcess.Output {
        try ChildProcess.run(["openssl"] + arguments, timeout: 120)
    }

    /// Runs openssl with `arguments` and fails the test unless it succeeds; its standard output.
    @discardableResult
    func succeed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let output = try run(arguments)
        XCTAssertEqual(output.status, 0, "openssl \(arguments.joined(separator: " ")): \(output.stderr)",
                       file: file, line: line)
        return output.stdout
    }

    /// The numbers that `openssl pkey -text -noout` prints for a private key, by field name ("modulus",
    /// "publicExponent", "priv", "pub"...).
    func keyFields(ofPEM name: String) throws -> [String: BigUInt] {
        Self.parseKeyText(try succeed(["pkey", "-in", path(name), "-text", "-noout"]))
    }

    /// Parses `-text` output: a field is a line "name:" (perhaps with trailing spaces) followed by indented
    /// lines of colon-separated hex, or "name: 65537 (0x10001)" on one line.
    static func parseKeyText(_ text: String) -> [String: BigUInt] {
        var fields: [String: BigUInt] = [:]
        var current: String?
        var hex = ""
        func finish() {
            if let current, let value = BigUInt(hex: hex) { fields[current] = value }
            current = nil
            hex = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " {
                hex += line.filter { $0.isHexDigit }
                continue
            }
            finish()
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if rest.isEmpty {
                current = name
            } else if let open = rest.range(of: "(0x"), let close = rest.firstIndex(of: ")") {
                fields[name] = BigUInt(hex: String(rest[open.upperBound..<close]))
            }
        }
        finish()
        return fields
    }
}
