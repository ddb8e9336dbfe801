import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// Commands for many CAs, short ids, list --wide, and the per-profile config's comments and warnings.
final class BulkCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var state: String { directory.appendingPathComponent("state.json").path }
    private var environment: [String: String] { ["HOME": directory.path, "XDG_STATE_HOME": directory.appendingPathComponent("s").path] }

    private func renewals() async throws -> [String: String] {
        let (_, output) = try await runCommand(["--demo-state", state, "list", "-o", "json"], environment: environment)
        let rows = (try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])?["certificateAuthorities"]
            as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["commonName"] as? String ?? "", $0["acmRenewal"] as? String ?? "") })
    }

    func testAllOffDryRunShowsThePlanAndChangesNothing() async throws {
        let before = try await renewals()
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", "--all-off", "--dry-run"],
                                                    environment: environment)
        XCTAssertEqual(status, .success, output.err)
        XCTAssertTrue(output.out.contains("Example Corp Issuing CA - Internal"), output.out)
        XCTAssertTrue(output.out.contains("repair (delete the partial grant, create the full one)"), output.out)
        XCTAssertTrue(output.out.contains("refused: DISABLED, not ACTIVE"), output.out)
        XCTAssertTrue(output.out.contains("Dry run: nothing was sent (3 to change, 3 refused)"), output.out)
        XCTAssertFalse(output.out.contains("Example Corp Root CA G1"), "an enabled CA is not a candidate")
        let after = try await renewals()
        XCTAssertEqual(before, after)
    }

    func testAllOffWithAFilterChangesExactlyThoseCAs() async throws {
        let before = try await renewals()
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", "--all-off",
                                                     "--filter", "type:sub status:active", "--yes"], environment: environment)
        XCTAssertEqual(status, .success, output.err + output.out)
        XCTAssertTrue(output.out.contains("2 changed and verified, 0 failed"), output.out)
        XCTAssertFalse(output.out.contains("refused"), "the filter left out the refused CA")
        let after = try await renewals()
        XCTAssertEqual(after["Example Corp Issuing CA - Internal"], "enabled")
        XCTAssertEqual(after["Payments Issuing CA"], "enabled")
        var unchanged = after
        var expected = before
        for name in ["Example Corp Issuing CA - Internal", "Payments Issuing CA"] {
            unchanged[name] = nil
            expected[name] = nil
        }
        XCTAssertEqual(unchanged, expected, "nothing else changed")
        let log = try String(contentsOfFile: directory.appendingPathComponent("s/pca-tui/demo-audit.log").path, encoding: .utf8)
        XCTAssertEqual(log.split(separator: "\n").count, 4, "an intent and an outcome per CA")
    }

    func testAllOffNeedsYesWithoutATerminalAndRejectsMisuse() async throws {
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", "--all-off"], environment: environment)
        XCTAssertEqual(status, .usage)
        XCTAssertTrue(output.err.contains("--yes"), output.err)
        for arguments in [["acm-renewal", "disable", "--all-off", "--yes"], ["acm-renewal", "enable", "--filter", "acm:off", "x"],
                          ["acm-renewal", "enable", "--all-off", "--filter", "colour:red"], ["acm-renewal", "enable"]] {
            let (code, result) = try await runCommand(["--demo-state", state] + arguments, environment: environment)
            XCTAssertEqual(code, .usage, "\(arguments): \(result.err)")
        }
    }

    func testDisableAnExplicitListAndShortIDs() async throws {
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "disable",
                                                     String(DemoSeed.ID.root.prefix(8)), DemoSeed.ID.web, "--yes"], environment: environment)
        XCTAssertEqual(status, .success, output.err)
        XCTAssertTrue(output.out.contains("2 changed and verified"), output.out)
        let after = try await renewals()
        XCTAssertEqual(after["Example Corp Root CA G1"], "off")
        XCTAssertEqual(after["Example Corp Issuing CA - Web"], "off")

        let (described, text) = try await runCommand(["--demo-state", state, "describe", String(DemoSeed.ID.payments.prefix(8))],
                                                     environment: environment)
        XCTAssertEqual(described, .success, text.err)
        XCTAssertTrue(text.out.contains("Payments Issuing CA"))
        let (short, shortOutput) = try await runCommand(["--demo-state", state, "policy", "3c9f"], environment: environment)
        XCTAssertEqual(short, .usage)
        XCTAssertTrue(shortOutput.err.contains("at least the 8 characters"), shortOutput.err)
        let (missing, missingOutput) = try await runCommand(["--demo-state", state, "permissions", "ffffffff"], environment: environment)
        XCTAssertEqual(missing, .failure)
        XCTAssertTrue(missingOutput.err.contains("no CA has an id starting with 'ffffffff'"), missingOutput.err)
        let (shared, sharedOutput) = try await runCommand(["--demo-state", state, "describe", String(DemoSeed.ID.shared.prefix(8))],
                                                          environment: environment)
        XCTAssertEqual(shared, .success, "a CA shared from another account is found too: \(sharedOutput.err)")
    }

    func testNoACMLeavesTheCountsOut() async throws {
        let (status, output) = try await runCommand(["--demo", "list", "--no-acm", "-o", "json"])
        XCTAssertEqual(status, .success, output.err)
        let rows = (try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])?["certificateAuthorities"]
            as? [[String: Any]] ?? []
        XCTAssertEqual(rows.count, 12)
        XCTAssertTrue(rows.allSatisfy { $0["acmCertificatesError"] as? String == "left out (--no-acm)" }, "\(rows.first ?? [:])")
    }

    func testListWideShowsTheARN() async throws {
        let (_, narrow) = try await runCommand(["--demo", "list"])
        XCTAssertFalse(narrow.out.contains("arn:aws:acm-pca"))
        let (_, wide) = try await runCommand(["--demo", "list", "--wide"])
        XCTAssertTrue(wide.out.contains(DemoSeed.arn(DemoSeed.ID.root)), wide.out)
    }

    func testConfigInlineCommentsAndWarnings() {
        let settings = ProfileSettings.parse("""
            [default]
            read_only = false
            [profile prod]
            read_only = true     ; production is protected
            banner = red   ; header colour
            colour = blue
            """, profile: "prod")
        XCTAssertTrue(settings.readOnly)
        XCTAssertEqual(settings.banner, .red, "the README's own example, inline comment and all")
        XCTAssertEqual(settings.warnings.map(\.description),
                       ["config:6: unknown key 'colour' in [profile prod] (known: read_only, banner)"])
        let odd = ProfileSettings.parse("[default]\nread_only = maybe\nbanner = purple\n", profile: "x")
        XCTAssertTrue(odd.readOnly, "an unreadable read_only errs on the safe side")
        XCTAssertEqual(odd.warnings.count, 2)
        XCTAssertTrue(odd.warnings[1].description.contains("config:3: banner = purple in [default] is not a colour"), "\(odd.warnings)")
    }
}

/// `certificates` and `acm-renewal retry`.
final class CertificatesCommandTests: XCTestCase {
    private func statePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.appendingPathComponent("state.json").path
    }

    func testCertificatesOfACA() async throws {
        let (status, output) = try await runCommand(["--demo", "certificates", String(DemoSeed.ID.internalCA.prefix(8)), "-o", "json"])
        XCTAssertEqual(status, .success, output.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["total"] as? Int, 8)
        XCTAssertEqual(summary["failed"] as? Int, 3)
        XCTAssertEqual(summary["failedByReason"] as? [String: Int], ["PCA_ACCESS_DENIED": 3])
        let certificates = try XCTUnwrap(object["certificates"] as? [[String: Any]])
        XCTAssertEqual(certificates.first?["renewalStatusReason"] as? String, "PCA_ACCESS_DENIED", "most urgent first")
        let (_, text) = try await runCommand(["--demo", "certificates", String(DemoSeed.ID.internalCA.prefix(8))])
        XCTAssertTrue(text.out.contains("8 certificates, 7 in use, 4 due within 60 days, 3 renewals failed (3 PCA_ACCESS_DENIED)"), text.out)
        let (_, csv) = try await runCommand(["--demo", "certificates", String(DemoSeed.ID.internalCA.prefix(8)), "-o", "csv"])
        XCTAssertEqual(csv.out.split(separator: "\n").count, 9)
    }

    func testRetryAfterGrantingRenews() async throws {
        let state = try statePath()
        let ca = String(DemoSeed.ID.internalCA.prefix(8))
        let (denied, deniedOutput) = try await runCommand(["--demo-state", state, "acm-renewal", "retry", ca, "--yes"])
        XCTAssertEqual(denied, .failure, "no grant: the retry fails again")
        XCTAssertTrue(deniedOutput.out.contains("0 renewed, 3 still failing"), deniedOutput.out)
        _ = try await runCommand(["--demo-state", state, "acm-renewal", "enable", ca, "--yes"])
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "retry", ca, "--yes", "-o", "json"])
        XCTAssertEqual(status, .success, output.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        let certificates = (object["results"] as? [[String: Any]])?.first?["certificates"] as? [[String: Any]]
        XCTAssertEqual(certificates?.compactMap { $0["renewal"] as? String }, ["SUCCESS", "SUCCESS", "SUCCESS"])
        let (_, nothing) = try await runCommand(["--demo-state", state, "acm-renewal", "retry", ca, "--yes"])
        XCTAssertTrue(nothing.out.hasPrefix("No failed renewal"), nothing.out)
        let (needsYes, _) = try await runCommand(["--demo-state", state, "acm-renewal", "retry", String(DemoSeed.ID.payments.prefix(8))])
        XCTAssertEqual(needsYes, .usage)
        let (readOnly, refused) = try await runCommand(["--demo-state", state, "--read-only", "acm-renewal", "retry",
                                                        String(DemoSeed.ID.payments.prefix(8)), "--yes"])
        XCTAssertEqual(readOnly, .refused, "a retry is a write: read-only refuses it")
        XCTAssertTrue(refused.err.contains("--read-only"), refused.err)
    }
}
