import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

final class CommandTests: XCTestCase {
    private let payments = DemoSeed.arn(DemoSeed.ID.payments)
    private let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    private func statePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.appendingPathComponent("state.json").path
    }

    func testDescribeTextAndJSON() async throws {
        let (status, text) = try await runCommand(["--demo", "describe", payments])
        XCTAssertEqual(status, .success)
        XCTAssertTrue(text.out.contains("Readiness          PARTIAL: missing ListPermissions"), text.out)
        XCTAssertTrue(text.out.contains("ACM failure        renewal failure to expect: PCA_ACCESS_DENIED"), text.out)
        let (_, output) = try await runCommand(["describe", payments, "--demo", "--output", "json"])
        let object = try json(output.out)
        XCTAssertEqual(object["acmRenewal"] as? String, "partial")
        XCTAssertEqual(object["acmFailureReason"] as? String, "PCA_ACCESS_DENIED")
        XCTAssertEqual((object["certificateAuthority"] as? [String: Any])?["Arn"] as? String, payments)
    }

    func testPermissionsAndPolicy() async throws {
        let (_, permissions) = try await runCommand(["--demo", "permissions", payments, "-o", "json"])
        let object = try json(permissions.out)
        XCTAssertEqual(object["acmRenewalMissing"] as? [String], ["ListPermissions"])
        XCTAssertEqual((object["permissions"] as? [[String: Any]])?.first?["Principal"] as? String, "acm.amazonaws.com")
        let (_, policy) = try await runCommand(["--demo", "policy", DemoSeed.arn(DemoSeed.ID.web), "--output", "json"])
        XCTAssertNotNil((try json(policy.out)["policy"] as? [String: Any])?["Statement"])
        let (status, none) = try await runCommand(["--demo", "policy", internalCA])
        XCTAssertEqual(status, .success)
        XCTAssertEqual(none.out, "No resource policy is attached to this CA.\n")
    }

    func testUnknownCAExitsOne() async throws {
        let (status, output) = try await runCommand(["--demo", "describe", DemoSeed.arn("00000000-0000-0000-0000-000000000000")])
        XCTAssertEqual(status, .failure)
        XCTAssertTrue(output.err.hasPrefix("pca-tui: ResourceNotFoundException: "), output.err)
        XCTAssertEqual(output.out, "")
        let (policyStatus, _) = try await runCommand(["--demo", "policy", DemoSeed.arn("00000000-0000-0000-0000-000000000000")])
        XCTAssertEqual(policyStatus, .failure, "no policy on a CA that does not exist is an error")
    }

    func testMissingArgumentsAreUsageErrors() async throws {
        for arguments in [["--demo", "describe"], ["--demo", "permissions", "a", "b"], ["--demo", "acm-renewal", "toggle", "x"],
                          ["--demo", "acm-renewal", "enable"], ["--demo", "report", "extra"]] {
            let (status, output) = try await runCommand(arguments)
            XCTAssertEqual(status, .usage, "\(arguments): \(output.err)")
        }
    }

    func testRenewalEnableDisableAreVerifiedAndIdempotent() async throws {
        let state = try statePath()
        let (enabled, first) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", internalCA, "--yes", "-o", "json"])
        XCTAssertEqual(enabled, .success, first.err)
        let object = try json(first.out)
        XCTAssertEqual(object["action"] as? String, "created")
        XCTAssertEqual(object["after"] as? String, "enabled")
        let (_, again) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", internalCA, "--yes"])
        XCTAssertTrue(again.out.hasPrefix("nothing to change"), again.out)
        let (_, status) = try await runCommand(["--demo-state", state, "acm-renewal", "status", internalCA])
        XCTAssertTrue(status.out.hasPrefix("enabled:"), status.out)
        let (disabled, revoked) = try await runCommand(["--demo-state", state, "acm-renewal", "disable", internalCA, "--yes"])
        XCTAssertEqual(disabled, .success)
        XCTAssertTrue(revoked.out.contains("revoked"), revoked.out)
    }

    func testWritesNeedYesWithoutATerminal() async throws {
        let state = try statePath()
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", internalCA])
        XCTAssertEqual(status, .usage)
        XCTAssertTrue(output.err.contains("--yes"))
        let (_, check) = try await runCommand(["--demo-state", state, "acm-renewal", "status", internalCA])
        XCTAssertTrue(check.out.hasPrefix("off:"), "nothing changed")
    }

    func testConfirmationOnATerminal() async throws {
        let state = try statePath()
        let captured = CapturedOutput()
        let asked = Collector()
        var output = captured.output
        output.isInteractive = true
        output.confirm = { question in asked.add(question); return false }
        let parsed = try CommandRunner.parse(["--demo-state", state, "acm-renewal", "disable", DemoSeed.arn(DemoSeed.ID.root)])
        let status = await CommandRunner.run(command: parsed.command, options: parsed.options,
                                             environment: ["XDG_STATE_HOME": testStateHome], output: output)
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(asked.values.first?.contains("no longer renew") ?? false)
        XCTAssertTrue(captured.err.contains("cancelled"))
    }

    func testReadOnlyRefusesWrites() async throws {
        let state = try statePath()
        let (status, output) = try await runCommand(["--demo-state", state, "--read-only", "acm-renewal", "enable", internalCA, "--yes"])
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(output.err.contains("read-only"))
        let (_, check) = try await runCommand(["--demo-state", state, "acm-renewal", "status", internalCA, "-o", "json"])
        XCTAssertEqual(try json(check.out)["acmRenewal"] as? String, "off")
    }

    func testIssuerIsDeniedWithTheAWSCode() async throws {
        let state = try statePath()
        let (status, output) = try await runCommand(["--demo-state", state, "--demo-user", "issuer", "acm-renewal", "enable",
                                                     internalCA, "--yes"])
        XCTAssertEqual(status, .failure)
        XCTAssertTrue(output.err.hasPrefix("pca-tui: AccessDeniedException: User: arn:aws:iam::111122223333:user/ca-issuer"), output.err)
    }

    func testReportFormatsAndExitStatus() async throws {
        let (status, text) = try await runCommand(["--demo", "report"])
        XCTAssertEqual(status, .findings, "the demo has CAs that are not READY")
        XCTAssertTrue(text.out.contains("8 findings (not READY, or expiring within 30 days"), text.out)
        XCTAssertTrue(text.out.contains("no ACM grant; 3 ACM renewals failed (PCA_ACCESS_DENIED)"), text.out)
        XCTAssertTrue(text.out.contains("1 ACM certificate expires within 30d"), "a READY CA whose certificate is due: \(text.out)")
        XCTAssertTrue(text.out.contains("partial: ListPermissions missing"), text.out)
        XCTAssertTrue(text.out.contains("no ACM grant"), text.out)
        XCTAssertTrue(text.out.contains("expires in 2"), text.out)
        XCTAssertTrue(text.out.contains("not ACTIVE (DISABLED)"), text.out)
        let (_, csv) = try await runCommand(["--demo", "report", "--output", "csv"])
        let lines = csv.out.split(separator: "\n")
        XCTAssertEqual(String(lines[0]), ReportCommand.csvColumns.joined(separator: ","))
        XCTAssertEqual(lines.count, 13)
        let (_, jsonOutput) = try await runCommand(["--demo", "report", "--output", "json", "--warn-days", "0"])
        let object = try json(jsonOutput.out)
        XCTAssertEqual(object["warnDays"] as? Int, 0)
        let items = try XCTUnwrap(object["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(items.count, 12)
        let shared = try XCTUnwrap(items.first { $0["ownerAccount"] as? String == DemoSeed.sharingAccount })
        XCTAssertEqual(shared["renewalReadiness"] as? String, "N/A")
        XCTAssertEqual(shared["acmRenewal"] as? String, "n/a", "the same story as the UI")
        XCTAssertEqual(items.filter { $0["finding"] as? Bool == false }.count, 5,
                       "the three READY CAs, the shared one (N/A) and the DELETED one are not findings by default")
        XCTAssertEqual(object["findings"] as? Int, 7)
        let (strictStatus, strict) = try await runCommand(["--demo", "report", "--output", "json", "--strict"])
        XCTAssertEqual(strictStatus, .findings)
        XCTAssertEqual(try json(strict.out)["findings"] as? Int, 10, "--strict counts N/A and DELETED")
        let web = try XCTUnwrap((try json(strict.out)["certificateAuthorities"] as? [[String: Any]])?
            .first { $0["commonName"] as? String == "Example Corp Issuing CA - Web" })
        XCTAssertEqual((web["acmCertificates"] as? [String: Any])?["total"] as? Int, 12, "list and report carry the counts")
    }

    func testCSVFieldsAreQuotedAndDefused() {
        XCTAssertEqual(ReportCommand.csvField("a,b"), "\"a,b\"")
        XCTAssertEqual(ReportCommand.csvField("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(ReportCommand.csvField("=cmd()"), "'=cmd()")
        XCTAssertEqual(ReportCommand.csvField("-5"), "-5")
    }

    func testHelpTextsExistForEveryCommand() {
        for command in CommandCatalog.commands {
            let name = command.signature.name
            XCTAssertNotNil(HelpText.command(command.signature.words), name)
            XCTAssertTrue(HelpText.program.contains(name), name)
            for option in command.signature.options {
                XCTAssertTrue(HelpText.command(command.signature.words)?.contains("--\(option.name)") ?? false, "\(name) --\(option.name)")
            }
        }
    }

    func testMissingRegionIsAUsageError() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-app-\(UUID().uuidString)").path
        let (status, output) = try await runCommand(["list"], environment: ["HOME": home, "AWS_ACCESS_KEY_ID": "a",
                                                                            "AWS_SECRET_ACCESS_KEY": "b"])
        XCTAssertEqual(status, .usage)
        XCTAssertTrue(output.err.contains("Missing Region"), output.err)
    }
}

final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ value: String) { lock.withLock { stored.append(value) } }
    var values: [String] { lock.withLock { stored } }
}
