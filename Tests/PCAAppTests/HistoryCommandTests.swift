import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// `history CA` in text, JSON and CSV against the demo, and the report's last grant removal.
final class HistoryCommandTests: XCTestCase {
    private let payments = DemoSeed.arn(DemoSeed.ID.payments)
    private let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)

    private static func isoTime(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// The demo's Payments CA: set up with the full grant, then jdoe removed it and granted two actions back.
    func testHistoryTextNamesWhoRemovedTheGrant() async throws {
        let (status, output) = try await runCommand(["--demo", "history", "3c9f1a6d"])
        XCTAssertEqual(status, .success, output.err)
        let lines = output.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("TIME"), output.out)
        XCTAssertTrue(lines[1].contains("jdoe") && lines[1].contains("CreatePermission")
                      && lines[1].contains("grant acm.amazonaws.com IssueCertificate, GetCertificate"), lines[1])
        XCTAssertTrue(lines[2].contains("jdoe") && lines[2].contains("198.51.100.23") && lines[2].contains("DeletePermission"), lines[2])
        XCTAssertTrue(lines[3].contains("ca-admin") && lines[3].contains("IssueCertificate, GetCertificate, ListPermissions"), lines[3])
        XCTAssertTrue(output.out.contains("Last grant removal: DeletePermission by jdoe at "), output.out)
    }

    func testHistoryJSONAndCSV() async throws {
        let (_, jsonOutput) = try await runCommand(["--demo", "history", DemoSeed.arn(DemoSeed.ID.web), "-o", "json"])
        let object = try json(jsonOutput.out)
        let events = try XCTUnwrap(object["events"] as? [[String: Any]])
        XCTAssertEqual(events.map { $0["eventName"] as? String }, ["PutPolicy", "DeletePermission", "PutPolicy"])
        XCTAssertEqual(events[1]["errorCode"] as? String, "AccessDeniedException", "the refused attempt and its error code")
        XCTAssertEqual(events[1]["who"] as? String, "ca-issuer")
        XCTAssertTrue((events[0]["change"] as? String ?? "").contains("+ account 555566667777: IssueCertificate"), "\(events[0])")
        XCTAssertTrue(object["lastGrantRemoval"] is NSNull, "a refused DeletePermission removed nothing")
        let (_, csv) = try await runCommand(["--demo", "history", payments, "--output", "csv"])
        let rows = csv.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows[0], HistoryCommand.csvColumns.joined(separator: ","))
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(rows[2].contains(",DeletePermission,jdoe,IAMUser,198.51.100.23,"), rows[2])
    }

    /// --days narrows the window (1 to 90); the decommissioned CA's deletion went through an assumed role.
    func testDaysAndRoleSessions() async throws {
        let (_, narrow) = try await runCommand(["--demo", "history", payments, "--days", "30", "-o", "json"])
        XCTAssertEqual((try json(narrow.out)["events"] as? [Any])?.count, 0)
        let (status, _) = try await runCommand(["--demo", "history", payments, "--days", "91"])
        XCTAssertEqual(status, .usage)
        let (_, deleted) = try await runCommand(["--demo", "history", DemoSeed.arn(DemoSeed.ID.decommissioned), "-o", "json"])
        let event = try XCTUnwrap((try json(deleted.out)["events"] as? [[String: Any]])?.first)
        XCTAssertEqual(event["who"] as? String, "ca-admin-role/alice")
        XCTAssertEqual(event["change"] as? String, "delete the CA: restorable for 30 days")
    }

    /// Escape sequences a hostile CloudTrail puts in a user name reach no terminal, in any format.
    func testHostileUserNameIsEscapedInEveryFormat() throws {
        let record = #"{"eventName":"DeletePermission","eventSource":"acm-pca.amazonaws.com","userIdentity":{"type":"IAMUser","userName":"x\u001b]0;pwned\u0007\u001b[2J"},"sourceIPAddress":"\u001b[31m1.2.3.4","requestParameters":{"principal":"acm.amazonaws.com\u001b[5m"}}"#
        let event = LookupEvent(eventId: "e1", eventName: "DeletePermission", eventTime: Date(timeIntervalSince1970: 1_700_000_000),
                                eventSource: "acm-pca.amazonaws.com", cloudTrailEvent: record)
        let history = CAHistory(certificateAuthorityArn: payments, start: Date(timeIntervalSince1970: 1_690_000_000),
                                end: Date(timeIntervalSince1970: 1_700_000_100), lookups: [event])
        XCTAssertEqual(history.events.first?.who, "x\u{1B}]0;pwned\u{07}\u{1B}[2J")
        for format in GlobalOptions.OutputFormat.allCases {
            let text = HistoryCommand.render(history, format: format)
            XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format): \(text)")
            XCTAssertTrue(text.contains("pwned"), "\(format) still shows the name, escaped")
        }
    }

    /// The report names the last DeletePermission where renewal is PARTIAL (Payments); a CA without any
    /// (Internal, OFF) has null; CSV has the column.
    func testReportNamesTheLastGrantRemoval() async throws {
        let (status, output) = try await runCommand(["--demo", "report", "-o", "json", "--no-acm"])
        XCTAssertEqual(status, .findings, output.err)
        XCTAssertEqual(output.err, "")
        let items = try XCTUnwrap(try json(output.out)["certificateAuthorities"] as? [[String: Any]])
        let byARN = Dictionary(uniqueKeysWithValues: items.compactMap { item in (item["arn"] as? String).map { ($0, item) } })
        let removal = try XCTUnwrap(byARN[payments]?["lastGrantRemoval"] as? [String: Any])
        XCTAssertEqual(removal["who"] as? String, "jdoe")
        XCTAssertEqual(removal["sourceIPAddress"] as? String, "198.51.100.23")
        XCTAssertEqual(removal["principal"] as? String, "acm.amazonaws.com")
        XCTAssertTrue(byARN[internalCA]?["lastGrantRemoval"] is NSNull)
        let (_, csv) = try await runCommand(["--demo", "report", "-o", "csv", "--no-acm"])
        let lines = csv.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasSuffix(",findingReason,lastGrantRemoval"), lines[0])
        // Each run seeds a new demo relative to its own clock, so the two runs' times may differ by a second.
        let jsonTime = try XCTUnwrap((removal["eventTime"] as? String).flatMap(Self.isoTime))
        let row = try XCTUnwrap(lines.first { $0.contains(payments) }, csv.out)
        let cell = try XCTUnwrap(row.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init))
        let prefix = "DeletePermission by jdoe at ", suffix = " from 198.51.100.23 (acm.amazonaws.com)"
        XCTAssertTrue(cell.hasPrefix(prefix) && cell.hasSuffix(suffix), cell)
        let csvTime = try XCTUnwrap(Self.isoTime(String(cell.dropFirst(prefix.count).dropLast(suffix.count))), cell)
        XCTAssertLessThan(abs(csvTime.timeIntervalSince(jsonTime)), 60, "the same event in both runs: \(cell)")
        let (_, text) = try await runCommand(["--demo", "report", "--no-acm"])
        XCTAssertTrue(text.out.contains("Last grant removal on Payments Issuing CA: DeletePermission by jdoe at "), text.out)
    }

    /// Without cloudtrail:LookupEvents the report says so in one line and still exits by its findings.
    func testReportWithoutCloudTrailPermissionIsOneQuietLine() async throws {
        let (status, output) = try await runCommand(["--demo", "--demo-user", "issuer", "report", "-o", "json", "--no-acm"])
        XCTAssertEqual(status, .findings)
        let notes = output.err.split(separator: "\n")
        XCTAssertEqual(notes.count, 1, output.err)
        XCTAssertTrue(notes[0].hasPrefix("pca-tui: report: note: ") && notes[0].contains("cloudtrail:LookupEvents"), output.err)
        let object = try json(output.out)
        XCTAssertEqual((object["notes"] as? [String])?.count, 1)
        XCTAssertEqual((object["errors"] as? [Any])?.count, 0)
    }
}
