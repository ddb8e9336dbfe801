import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The list over an estate: rows per account and region, failures as lines of their own, writes planned with
/// each account as the caller.
final class EstateReducerTests: XCTestCase {
    private let management = EstateTargetSummary(id: "management/us-east-1", label: "management", account: "999988887777", region: "us-east-1")
    private let member = EstateTargetSummary(id: "Payments Workload/us-east-1", label: "Payments Workload", account: "222233334444",
                                             region: "us-east-1")
    private let broken = EstateTargetSummary(id: "Web Workload/us-east-1", label: "Web Workload", account: "333344445555", region: "us-east-1")

    private func record(_ name: String, account: String, label: String, renewal: ACMRenewalState = .disabled) -> CARecord {
        var record = CARecord(authority: CertificateAuthority(
            arn: "arn:aws:acm-pca:us-east-1:\(account):certificate-authority/\(name.lowercased())", ownerAccount: account, status: .active,
            certificateAuthorityConfiguration: CertificateAuthorityConfiguration(subject: ASN1Subject(commonName: name))), renewal: renewal)
        record.account = account
        record.accountLabel = label
        record.region = "us-east-1"
        return record
    }

    private func estateState() -> AppState {
        var state = demoState(width: 160, height: 30, withRenewals: false)
        _ = Reducer.reduce(&state, .estateStarted(generation: 1, [management, member, broken]))
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, management, [record("Root", account: "999988887777", label: "management")]))
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, member, [record("Batch", account: "222233334444", label: "Payments Workload")]))
        _ = Reducer.reduce(&state, .estateTargetFailed(generation: 1, broken, "AccessDenied: no role"))
        return state
    }

    func testRowsArriveAndAreReplacedPerTarget() {
        var state = estateState()
        XCTAssertEqual(Set(state.rows.map(\.name)), ["Root", "Batch"], "the single-account rows gave way to the estate's")
        XCTAssertFalse(state.hiddenColumns.contains(.account), "four accounts: ACCOUNT shows")
        XCTAssertTrue(state.hiddenColumns.contains(.region), "one region: REGION stays hidden")
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, member, [record("Batch 2", account: "222233334444", label: "Payments Workload")]))
        XCTAssertEqual(Set(state.rows.map(\.name)), ["Root", "Batch 2"], "only that target's rows are replaced")
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 0, member, []))
        XCTAssertEqual(state.rows.count, 2, "an older generation's answer is ignored")
    }

    /// `r` over an estate keeps the cursor on the CA it was on, through the new start and each target's answer.
    func testAReloadKeepsTheCursorOnItsCA() {
        var state = estateState()
        let last = state.visible.count - 1
        state.selected = last
        let chosen = state.selectedRow?.arn
        XCTAssertNotEqual(state.visible.first.map { state.rows[$0].arn }, chosen)
        _ = Reducer.reduce(&state, .estateStarted(generation: 1, [management, member, broken]))
        XCTAssertEqual(state.selectedRow?.arn, chosen)
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, management, [record("Root", account: "999988887777", label: "management")]))
        XCTAssertEqual(state.selectedRow?.arn, chosen)
    }

    /// `--refresh N` over an estate: the next reload is due N seconds after every target answered (loaded or
    /// failed), again after each reload.
    func testAutoRefreshIsDueOnceEveryTargetAnswered() {
        var state = demoState(width: 160, height: 30, withRenewals: false)
        state.autoRefresh = 60
        state.nextRefreshAt = nil
        _ = Reducer.reduce(&state, .estateStarted(generation: 1, [management, broken]))
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, management, [record("Root", account: "999988887777", label: "management")]))
        XCTAssertNil(state.nextRefreshAt, "one target still loading")
        _ = Reducer.reduce(&state, .estateTargetFailed(generation: 1, broken, "AccessDenied: no role"))
        XCTAssertEqual(state.nextRefreshAt, state.now.addingTimeInterval(60))
    }

    func testAFailedTargetIsALineOfItsOwnWithItsRetryKey() {
        var state = estateState()
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("333344445555 (Web Workload) us-east-1 (t retries): AccessDenied: no role"), screen)
        XCTAssertTrue(screen.contains("2 answered, 1 failed"), screen)
        XCTAssertEqual(send(&state, .character("t")), [.retryEstateTargets(generation: 1, [broken.id])])
        _ = Reducer.reduce(&state, .estateTargetLoaded(generation: 1, broken, [record("Web", account: "333344445555", label: "Web Workload")]))
        XCTAssertTrue(state.estate?.failures.isEmpty ?? false)
        XCTAssertEqual(state.rows.count, 3)
    }

    func testABulkGrantIsPlannedWithEachAccountAsTheCaller() {
        var state = estateState()
        send(&state, .character("*"), .character("p"))
        guard case let .bulk(bulk)? = state.overlay else { return XCTFail("no bulk dialog") }
        XCTAssertEqual(bulk.items.map(\.plan), [.grant, .grant],
                       "a member's CA is not 'another account's CA' in an estate: its own account changes it")
    }
}
