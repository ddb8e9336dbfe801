import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The in-UI MFA prompt: how it takes keys, what it answers, and the screens around it.
final class MFAPromptTests: XCTestCase {
    private let serial = "arn:aws:iam::111122223333:mfa/ca-admin"

    func testPromptAppearsAndCollectsTheCode() {
        var state = demoState()
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: serial))
        XCTAssertEqual(state.mfaPrompt, MFAPromptState(serial: serial))
        XCTAssertEqual(send(&state, .character("1"), .character("2"), .character("9"), .backspace, .character("3")), [])
        XCTAssertEqual(state.mfaPrompt?.code, "123")
        send(&state, .control("u"))
        XCTAssertEqual(state.mfaPrompt?.code, "")
        XCTAssertEqual(send(&state, .enter), [], "an empty code is not sent")
        XCTAssertNotNil(state.mfaPrompt)
        send(&state, .character("1"), .character("2"), .character("3"), .character("4"), .character("5"), .character("6"))
        XCTAssertEqual(send(&state, .enter), [.answerMFA("123456")])
        XCTAssertNil(state.mfaPrompt)
    }

    func testEscapeCancelsAndSaysSo() {
        var state = demoState()
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: serial))
        XCTAssertEqual(send(&state, .character("1"), .escape), [.answerMFA(nil)])
        XCTAssertNil(state.mfaPrompt)
        XCTAssertEqual(state.message?.text, "MFA code entry cancelled")
    }

    func testPromptTakesKeysBeforeAnOpenDialogAndTheList() {
        var state = demoState()
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("p"))
        XCTAssertNotNil(dialog(state))
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: serial))
        // q, space and Tab would quit, tick the box or move focus; here they are typed or ignored.
        XCTAssertEqual(send(&state, .character("q"), .character(" "), .tab), [])
        XCTAssertEqual(state.mfaPrompt?.code, "q")
        XCTAssertFalse(state.quitting)
        XCTAssertEqual(dialog(state)?.checked, false)
        XCTAssertEqual(dialog(state)?.focus, .checkbox)
        send(&state, .escape)
        XCTAssertNotNil(dialog(state), "the dialog is still there once the prompt is gone")
    }

    func testCodeLengthIsBounded() {
        var state = demoState()
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: serial))
        for _ in 0..<40 { send(&state, .character("7")) }
        XCTAssertEqual(state.mfaPrompt?.code.count, MFAPromptState.maximumLength)
    }

    func testControlCQuitsEvenWithThePromptOpen() {
        var state = demoState()
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: serial))
        XCTAssertEqual(send(&state, .control("c")), [.quit])
        XCTAssertTrue(state.quitting)
    }

    func testSwitchingSessionDropsTheOldEstatesRows() {
        var state = demoState()
        let header = HeaderInfo(profile: "admin-mfa", region: "us-east-1", endpoint: "acm-pca.us-east-1.amazonaws.com")
        let effects = Reducer.reduce(&state, .sessionSwitched(header, readOnly: ReadOnlyMode()))
        XCTAssertEqual(effects, [.loadIdentity, .loadInventory(generation: 2)])
        XCTAssertTrue(state.rows.isEmpty)
        XCTAssertTrue(state.visible.isEmpty)
    }

    func testReloadAfterAFailedIdentityReadsItAgain() {
        var state = demoState()
        XCTAssertEqual(send(&state, .character("r")), [.loadInventory(generation: 2)], "identity known: not read again")
        state.header.account = nil
        XCTAssertEqual(send(&state, .character("r")), [.loadIdentity, .loadInventory(generation: 3)])
    }

    func testWrongCodeAndCancelledPromptAreExplained() {
        let wrong = ErrorExplanation(AWSError(code: "AccessDenied", message: "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
                                              statusCode: 403))
        XCTAssertEqual(wrong.explanation, "AWS did not accept the MFA code, so the profile's role was not assumed.")
        XCTAssertTrue(wrong.hint.contains("press r"))
        let cancelled = ErrorExplanation(ClientError.credentialsFailed(source: "mfa_serial", reason: "MFA code entry was cancelled"))
        XCTAssertEqual(cancelled.explanation, "The profile's role needs an MFA code, and none was given.")
        let trust = ErrorExplanation(AWSError(code: "AccessDenied", message: "User: arn:aws:iam::1:user/x is not authorized to perform: "
                                              + "sts:AssumeRole on resource: arn:aws:iam::1:role/r", statusCode: 403))
        XCTAssertEqual(trust.explanation, "The profile's role could not be assumed.")
    }
}
