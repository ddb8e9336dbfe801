import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The UI's side of the one write pipeline: what it plans and sends, when it may quit, and what keys may do.
final class WritePipelineReducerTests: XCTestCase {
    func testKeysDoNothingBehindTheTooSmallScreenButQuit() {
        var state = demoState()
        _ = Reducer.reduce(&state, .resize(width: 20, height: 5))
        XCTAssertTrue(state.isTooSmall)
        select(&state, name: "Example Corp Issuing CA - Internal")
        for key: Key in [.character("p"), .enter, .character(" "), .character("*"), .character("F"), .character("W"), .character("/")] {
            XCTAssertEqual(send(&state, key), [], "\(key) acts blind behind the too-small screen")
        }
        XCTAssertNil(state.overlay)
        XCTAssertTrue(state.marked.isEmpty)
        XCTAssertFalse(state.editingFilter)
        XCTAssertEqual(send(&state, .character("q")), [.quit])
    }

    func testQuittingWhileAChangeIsInFlightAsksFirst() {
        var state = demoState()
        _ = Reducer.reduce(&state, .writesInFlight(1))
        XCTAssertEqual(send(&state, .character("q")), [], "q does not quit in the middle of a change")
        XCTAssertEqual(state.overlay, .confirmQuitDuringWrite)
        XCTAssertTrue(Renderer.render(state).lines.joined().contains("A change is being written to AWS."))
        XCTAssertEqual(send(&state, .character("n")), [])
        XCTAssertNil(state.overlay)
        XCTAssertFalse(state.quitting)
        XCTAssertEqual(send(&state, .control("c")), [], "Ctrl-C asks too")
        XCTAssertEqual(send(&state, .character("y")), [.stopWrites], "no further change starts; the one in flight finishes")
        XCTAssertFalse(state.quitting)
        XCTAssertEqual(Reducer.reduce(&state, .writesInFlight(0)), [.quit], "then it quits")
    }

    func testASignalDuringAWriteWaitsForIt() {
        var state = demoState()
        _ = Reducer.reduce(&state, .writesInFlight(1))
        XCTAssertEqual(Reducer.reduce(&state, .signalDuringWrite(pending: ["grant on arn:x"])), [])
        XCTAssertFalse(state.quitting)
        XCTAssertTrue(state.message?.text.contains("Finishing grant on arn:x") ?? false)
        XCTAssertEqual(Reducer.reduce(&state, .writesInFlight(0)), [.quit])
    }

    func testWithoutAChangeInFlightQIsImmediate() {
        var state = demoState()
        XCTAssertEqual(send(&state, .character("q")), [.quit])
    }

    func testCertsFailedFindsTheCAsWithFailedRenewals() {
        var state = demoState(width: 140)
        send(&state, .character("/"))
        for character in "certs:failed" { send(&state, .character(character)) }
        send(&state, .enter)
        let names = state.visible.map { state.rows[$0].name }
        XCTAssertEqual(Set(names), ["Example Corp Issuing CA - Internal", "IoT Device CA", "Legacy Root CA 2015", "Payments Issuing CA"],
                       "the demo's CAs whose renewals failed")
        send(&state, .escape)
        send(&state, .character("/"))
        for character in "certs:!failed" { send(&state, .character(character)) }
        send(&state, .enter)
        XCTAssertFalse(state.visible.map { state.rows[$0].name }.contains("IoT Device CA"))
    }

    func testRetryFromTheListIsPlannedAndGated() {
        var state = demoState(width: 140)
        select(&state, name: "Example Corp Issuing CA - Internal")
        let effects = send(&state, .character("F"))
        guard let (changes, _, purpose) = effects.applied else { return XCTFail("\(effects)") }
        XCTAssertEqual(purpose, .retry)
        XCTAssertEqual(changes.first?.steps.count, 3, "its three failed renewals")

        select(&state, name: "Legacy Root CA 2015")
        state.acmCertificates?[DemoSeed.arn(DemoSeed.ID.legacy)] = CACertificates(
            certificateAuthorityArn: DemoSeed.arn(DemoSeed.ID.legacy),
            certificates: [ACMCertificate(certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/x", status: "ISSUED",
                                          notAfter: fixedNow.addingTimeInterval(20 * 86_400),
                                          renewalSummary: RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: "PCA_INVALID_STATE"),
                                          certificateAuthorityArn: DemoSeed.arn(DemoSeed.ID.legacy))], now: fixedNow)
        let refused = send(&state, .character("F"))
        XCTAssertEqual(refused.applied?.changes.first?.steps, [], "a DISABLED CA cannot renew: nothing is sent")
        XCTAssertTrue(state.message?.text.contains("ACM renews only from an ACTIVE CA") ?? false, state.message?.text ?? "")
    }

    func testRevokeWhileACMIsStillLoadingSaysSo() {
        var state = demoState(width: 140, height: 40)
        state.acmCertificates = nil
        state.acmError = nil
        select(&state, name: "Example Corp Root CA G1")
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: DemoSeed.arn(DemoSeed.ID.root), .enabled))
        send(&state, .character(" "), .enter)
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("still loading"), screen)
    }

    func testABulkSaveSendsRefusalsToBeJournaledAndCanBeLeft() {
        var state = demoState(width: 140, height: 40)
        send(&state, .character("*"))
        send(&state, .character("p"))
        let effects = send(&state, .enter)
        guard let (changes, _, purpose) = effects.applied else { return XCTFail("\(effects)") }
        XCTAssertEqual(purpose, .bulk)
        XCTAssertFalse(changes.contains { $0.kind == .nothing }, "nothing to do is not sent")
        XCTAssertTrue(changes.contains { $0.refusal != nil }, "refusals go to the pipeline, which journals them")
        XCTAssertEqual(send(&state, .escape), [])
        XCTAssertNil(state.overlay, "the running bulk dialog can be left")
    }
}
