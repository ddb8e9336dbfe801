import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// Captures what a command writes.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    var output: CommandOutput {
        CommandOutput(out: { text in self.lock.withLock { self.outText += text } },
                      err: { text in self.lock.withLock { self.errText += text } })
    }
}

/// This test run's own state directory: another run on the machine (or one killed mid-write, leaving an intent
/// without an outcome) must not put an "interrupted change" note on these commands' standard error.
let testStateHome = FileManager.default.temporaryDirectory
    .appendingPathComponent("pca-tui-test-state-\(getpid())-\(UUID().uuidString.prefix(8))").path

func runCommand(_ arguments: [String], environment: [String: String] = [:]) async throws -> (ExitStatus, CapturedOutput) {
    let captured = CapturedOutput()
    // Writes are audited: keep the tests' audit lines out of the real home.
    var environment = environment
    if environment["XDG_STATE_HOME"] == nil {
        environment["XDG_STATE_HOME"] = testStateHome
    }
    let parsed: (options: GlobalOptions, command: [String], help: Bool, version: Bool)
    do {
        parsed = try CommandRunner.parse(arguments)
    } catch {
        // As the executable does: a parse error is a usage error on standard error.
        captured.output.err("pca-tui: \(error)\n")
        return ((error as? CommandFailure)?.status ?? .usage, captured)
    }
    let status = await CommandRunner.run(command: parsed.command, options: parsed.options, environment: environment,
                                         output: captured.output)
    return (status, captured)
}

final class ListCommandTests: XCTestCase {
    func testJSONShapeOnTheDemo() async throws {
        let (status, output) = try await runCommand(["list", "--demo", "--output", "json"])
        XCTAssertEqual(status, .success, output.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 12)
        XCTAssertEqual(rows.filter { $0["renewalReadiness"] as? String == "N/A" }.count, 1, "the CA shared from another account")
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["commonName"] as? String ?? "", $0) })
        XCTAssertEqual(byName["Example Corp Root CA G1"]?["acmRenewal"] as? String, "enabled")
        XCTAssertEqual(byName["Example Corp Root CA G1"]?["renewalReadiness"] as? String, "READY")
        XCTAssertEqual(byName["Example Corp Issuing CA - Internal"]?["acmRenewal"] as? String, "off")
        XCTAssertEqual(byName["Example Corp Issuing CA - Internal"]?["renewalReadiness"] as? String, "OFF")
        XCTAssertEqual(byName["Payments Issuing CA"]?["acmRenewal"] as? String, "partial")
        XCTAssertEqual(byName["Payments Issuing CA"]?["acmRenewalMissing"] as? [String], ["ListPermissions"])
        XCTAssertEqual(byName["IoT Device CA"]?["renewalReadiness"] as? String, "BLOCKED")
        XCTAssertEqual(byName["Example Corp Issuing CA - Retired"]?["acmRenewal"] as? String, "unknown")
        XCTAssertNotNil(byName["Example Corp Issuing CA - Retired"]?["acmRenewalReason"] as? String)
        for key in ["arn", "id", "type", "status", "notAfter", "keyAlgorithm", "usageMode", "daysToExpiry"] {
            XCTAssertNotNil(byName["Example Corp Root CA G1"]?[key], key)
        }
    }

    func testTextIsAligned() async throws {
        let (status, output) = try await runCommand(["--demo", "list"])
        XCTAssertEqual(status, .success)
        let lines = output.out.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("NAME"))
        let idColumn = lines[0].range(of: "ID")!.lowerBound.utf16Offset(in: lines[0])
        XCTAssertTrue(lines.count > 10)
        let tokyo = try XCTUnwrap(lines.first { $0.contains("東京") })
        // 東京 takes four columns, so the id column starts two characters earlier in that line.
        XCTAssertEqual(String(tokyo).prefix(idColumn - 2).count + 2, idColumn)
    }

    func testIssuerCanList() async throws {
        let (status, output) = try await runCommand(["--demo", "--demo-user", "issuer", "list", "--output", "json"])
        XCTAssertEqual(status, .success, output.err)
    }

    func testUsageErrorsExitTwo() async throws {
        let (status, output) = try await runCommand(["--demo", "frobnicate"])
        XCTAssertEqual(status, .usage)
        XCTAssertTrue(output.err.contains("unknown command 'frobnicate'"))
        XCTAssertThrowsError(try CommandRunner.parse(["--output", "yaml"]))
    }

    func testAPIErrorExitsOneWithTheCodeOnStderr() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-app-\(UUID().uuidString)").path
        let (status, output) = try await runCommand(
            ["list", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"],
            environment: ["HOME": home, "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s", "AWS_MAX_ATTEMPTS": "1"])
        XCTAssertEqual(status, .failure)
        XCTAssertTrue(output.err.hasPrefix("pca-tui: "), output.err)
        XCTAssertTrue(output.out.isEmpty)
    }
}
