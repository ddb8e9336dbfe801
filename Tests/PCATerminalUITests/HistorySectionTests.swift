import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The demo CA's detail as the effect runner loads it, with CloudTrail's history from the demo seed.
func demoDetailWithHistory(_ id: String, history override: Result<CAHistory, ErrorExplanation>? = nil) -> CADetail {
    let seed = DemoSeed.state(.demo, now: fixedNow)
    let stored = seed.authorities.first { $0.arn == DemoSeed.arn(id) }!
    let lookups = (seed.cloudTrailEvents ?? []).reversed().map { record in
        LookupEvent(eventId: record.eventID, eventName: record.eventName, readOnly: record.readOnly ? "true" : "false",
                    accessKeyId: record.accessKeyID, eventTime: record.eventTime, eventSource: record.eventSource,
                    username: record.username, resources: record.resources, cloudTrailEvent: record.cloudTrailEvent)
    }.filter { $0.resources?.contains { $0.resourceName == stored.arn } == true }
    let history = CAHistory(certificateAuthorityArn: stored.arn, start: fixedNow.addingTimeInterval(-90 * 86_400), end: fixedNow,
                            lookups: Array(lookups))
    return CADetail(authority: stored.authority, permissions: .success(stored.permissions), policy: .success(stored.policy),
                    tags: .success(stored.tags), history: override ?? .success(history))
}

final class HistorySectionTests: XCTestCase {
    private func lines(_ detail: CADetail, name: String) -> [String] {
        var state = demoState(width: 120, height: 40)
        select(&state, name: name)
        let effects = send(&state, .enter)
        let arn = detail.authority.arn ?? ""
        XCTAssertEqual(effects, [.loadDetail(arn: arn)], "the detail, history included, is one effect")
        _ = Reducer.reduce(&state, .detailLoaded(arn: arn, .success(detail)))
        guard case let .detail(shown) = state.screen else {
            XCTFail("no detail on screen")
            return []
        }
        XCTAssertEqual(try? shown.detail?.get().history, detail.history, "the reducer keeps the history it was given")
        return DetailLines.build(shown, state: state).map(\.text)
    }

    /// PARTIAL renewal names who removed the grant; the History section lists the changes, newest first.
    func testPartialCANamesTheGrantRemovalAndListsTheHistory() throws {
        let text = lines(demoDetailWithHistory(DemoSeed.ID.payments), name: "Payments Issuing CA")
        let removed = try XCTUnwrap(text.first { $0.hasPrefix("  Removed    ") })
        XCTAssertTrue(removed.contains("DeletePermission by jdoe at ") && removed.contains("from 198.51.100.23"), removed)
        let history = try XCTUnwrap(text.firstIndex(of: "History"))
        XCTAssertLessThan(text.firstIndex(of: "ACM renewal") ?? 0, history)
        XCTAssertTrue(text[history + 1].contains("jdoe  CreatePermission"), text[history + 1])
        XCTAssertEqual(text[history + 2].trimmingCharacters(in: .whitespaces), "grant acm.amazonaws.com IssueCertificate, GetCertificate")
        XCTAssertTrue(text[history + 3].contains("jdoe  DeletePermission") && text[history + 3].contains("from 198.51.100.23"))
    }

    /// A READY CA shows its history but no grant-removal line; a refused attempt shows its error code.
    func testReadyCAHasNoRemovalLineAndShowsRefusals() {
        let text = lines(demoDetailWithHistory(DemoSeed.ID.web), name: "Example Corp Issuing CA - Web")
        XCTAssertFalse(text.contains { $0.hasPrefix("  Removed") })
        XCTAssertTrue(text.contains { $0.contains("ca-issuer  DeletePermission  refused: AccessDeniedException") }, text.joined(separator: "\n"))
    }

    /// Without cloudtrail:LookupEvents the section is one quiet line.
    func testAccessDeniedIsOneQuietLine() throws {
        let denied = ErrorExplanation(code: "AccessDeniedException", message: "not authorized to perform: cloudtrail:LookupEvents",
                                      explanation: "", hint: "")
        let text = lines(demoDetailWithHistory(DemoSeed.ID.payments, history: .failure(denied)), name: "Payments Issuing CA")
        let history = try XCTUnwrap(text.firstIndex(of: "History"))
        XCTAssertEqual(text[history + 1], "  CloudTrail not readable (needs cloudtrail:LookupEvents)")
        XCTAssertEqual(text[history + 2], "")
        XCTAssertFalse(text.contains { $0.hasPrefix("  Removed") })
    }
}
