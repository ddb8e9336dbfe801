import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

final class DialogReducerTests: XCTestCase {
    private func openDialog(_ name: String, state: inout AppState, current: ACMRenewalState) -> String {
        select(&state, name: name)
        let arn = state.selectedRow!.arn
        XCTAssertEqual(send(&state, .character("p")), [.loadDialogState(arn: arn)])
        XCTAssertNil(dialog(state)?.current, "reads the permissions afresh")
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: arn, current))
        return arn
    }

    func testEnableFlowSavesThenShowsTheVerifiedResult() {
        var state = demoState()
        let arn = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        XCTAssertEqual(dialog(state)?.checked, false)
        XCTAssertEqual(dialog(state)?.focus, .checkbox)
        send(&state, .character(" "))
        XCTAssertEqual(dialog(state)?.checked, true)
        XCTAssertNil(Reducer.saveBlockReason(dialog(state)!, state: state))
        send(&state, .tab)
        XCTAssertEqual(dialog(state)?.focus, .save)
        XCTAssertEqual(send(&state, .enter).appliedPlans, ["enable-acm-renewal grant \(arn)"])
        XCTAssertEqual(dialog(state)?.phase, .saving)
        XCTAssertEqual(send(&state, .escape), [], "keys wait while saving")
        let change = ACMRenewalChange(action: .created, before: .disabled, after: .enabled)
        XCTAssertEqual(Reducer.reduce(&state, .saveFinished(arn: arn, .success(change))), [])
        XCTAssertEqual(dialog(state)?.phase, .saved(change))
        XCTAssertEqual(state.rows[state.rowIndexByARN[arn]!].renewal, .enabled, "the list shows the verified state")
        send(&state, .enter)
        XCTAssertNil(state.overlay)
    }

    func testQuitWhileSavingAsksFirst() {
        var state = demoState()
        let arn = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        send(&state, .character(" "))
        XCTAssertEqual(send(&state, .enter).appliedPlans, ["enable-acm-renewal grant \(arn)"])
        _ = Reducer.reduce(&state, .writesInFlight(1))
        XCTAssertEqual(send(&state, .character("q")), [], "nothing quits while the change is in flight")
        XCTAssertEqual(state.overlay, .confirmQuitDuringWrite)
        XCTAssertFalse(state.quitting)
        XCTAssertEqual(send(&state, .character("y")), [.stopWrites])
        XCTAssertTrue(state.quitAfterWrites)
        XCTAssertEqual(Reducer.reduce(&state, .writesInFlight(0)), [.quit])
        XCTAssertTrue(state.quitting)
    }

    func testSaveWaitsForTheFreshRead() {
        var state = demoState()
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("p"))
        XCTAssertEqual(Reducer.saveBlockReason(dialog(state)!, state: state), "Reading the current permissions…")
        send(&state, .character(" "), .tab)
        XCTAssertEqual(send(&state, .enter), [])
    }

    func testEnterPressesTheDefaultButtonAndNeverUndoesATick() {
        var state = demoState()
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        _ = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        XCTAssertEqual(send(&state, .enter), [], "nothing to change yet: Enter saves nothing")
        XCTAssertEqual(dialog(state)?.checked, false, "and does not tick the box either")
        XCTAssertTrue(state.message?.text.hasPrefix("Nothing to change") ?? false, "it says why")
        send(&state, .character(" "))
        XCTAssertEqual(dialog(state)?.checked, true)
        XCTAssertEqual(send(&state, .enter).appliedPlans, ["enable-acm-renewal grant \(arn)"],
                       "Enter on the checkbox saves the tick just made, as dialog(1) and whiptail do")

        state.overlay = nil
        _ = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        send(&state, .character(" "))
        send(&state, .backTab)
        XCTAssertEqual(dialog(state)?.focus, .cancel)
        send(&state, .enter)
        XCTAssertNil(state.overlay, "Cancel closes without effects")
    }

    func testDisablingAsksForAConfirmationThatEnterAloneDoesNotPass() {
        var state = demoState()
        let arn = openDialog("Example Corp Root CA G1", state: &state, current: .enabled)
        XCTAssertEqual(dialog(state)?.checked, true)
        send(&state, .character(" "), .tab)
        XCTAssertEqual(send(&state, .enter), [])
        XCTAssertEqual(dialog(state)?.phase, .confirmingRevoke(.keep))
        XCTAssertEqual(send(&state, .enter), [], "Enter on the default keeps the grant")
        XCTAssertEqual(dialog(state)?.phase, .editing)
        send(&state, .enter)
        send(&state, .tab)
        XCTAssertEqual(dialog(state)?.phase, .confirmingRevoke(.revoke))
        XCTAssertEqual(send(&state, .enter).appliedPlans, ["disable-acm-renewal revoke \(arn)"])
    }

    func testAPartialGrantIsTickedAndRepairedBySaving() {
        var state = demoState()
        let partial = ACMRenewalState.partial(granted: [.issueCertificate, .getCertificate], missing: [.listPermissions])
        let arn = openDialog("Payments Issuing CA", state: &state, current: partial)
        XCTAssertEqual(dialog(state)?.checked, true)
        XCTAssertNil(Reducer.saveBlockReason(dialog(state)!, state: state))
        send(&state, .tab)
        XCTAssertEqual(send(&state, .enter).appliedPlans,
                       ["enable-acm-renewal repair (delete the partial grant, create the full one) \(arn)"])
    }

    func testErrorsShowTheCodeExplanationAndRereadTheState() {
        var state = demoState()
        let arn = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        send(&state, .character(" "), .tab, .enter)
        let denied = ErrorExplanation(AWSError(code: .accessDenied, message: "User: x is not authorized", statusCode: 400,
                                               requestID: "req-1"))
        XCTAssertEqual(Reducer.reduce(&state, .saveFinished(arn: arn, .failure(denied))), [.loadDialogState(arn: arn)])
        guard case let .failed(error)? = dialog(state)?.phase else { return XCTFail("no failure shown") }
        XCTAssertEqual(error.code, "AccessDeniedException")
        XCTAssertTrue(error.hint.contains("acm-pca:CreatePermission"))
        XCTAssertEqual(error.requestID, "req-1")
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: arn, .disabled))
        XCTAssertEqual(dialog(state)?.current, .disabled)
        XCTAssertEqual(state.rows[state.rowIndexByARN[arn]!].renewal, .disabled, "nothing half-changed")
        send(&state, .enter)
        XCTAssertNil(state.overlay)
    }

    func testEveryErrorKindHasAPlainExplanation() {
        let cases: [(Error, String)] = [
            (AWSError(code: .throttling, message: "Rate exceeded", statusCode: 400), "throttled"),
            (AWSError(code: .invalidState, message: "", statusCode: 400), "state"),
            (AWSError(code: .expiredToken, message: "", statusCode: 400), "expired"),
            (AWSError(code: .invalidSignature, message: "Signature expired: ...", statusCode: 400), "clock"),
            (AWSError(code: .invalidSignature, message: "Signature not yet current: ...", statusCode: 400), "clock"),
            (AWSError(code: .invalidSignature, message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
                      statusCode: 400), "serves one region"),
            (ClientError.network("connection refused"), "reached"),
            (ClientError.timedOut(seconds: 30), "reached"),
            (ClientError.malformedResponse(operation: "X", statusCode: 200, detail: "bad"), "read"),
            (ACMRenewalVerificationError(expected: "enabled", found: .disabled), "reading the permissions back"),
        ]
        for (error, word) in cases {
            let explained = ErrorExplanation(error)
            XCTAssertTrue((explained.explanation + " " + explained.hint).contains(word), "\(error): \(explained)")
        }
    }

    func testSaveIsBlockedWithAReason() {
        var readOnly = demoState(readOnly: true)
        _ = openDialog("Example Corp Issuing CA - Internal", state: &readOnly, current: .disabled)
        send(&readOnly, .character(" "), .tab)
        XCTAssertEqual(send(&readOnly, .enter), [], "read-only: no save")
        XCTAssertTrue(Reducer.saveBlockReason(dialog(readOnly)!, state: readOnly)?.hasPrefix("Read-only") ?? false)
        XCTAssertTrue(Reducer.saveBlockReason(dialog(readOnly)!, state: readOnly)?.contains("Esc, then W") ?? false,
                      "W does nothing inside the dialog, so the hint says to leave it first")
        XCTAssertEqual(dialog(readOnly)?.phase, .editing)

        for name in ["Legacy Root CA 2015", "Partner Federation CA", "PQC Lab CA", "Example Corp Issuing CA - Retired"] {
            var state = demoState()
            _ = openDialog(name, state: &state, current: .disabled)
            send(&state, .character(" "))
            let reason = Reducer.saveBlockReason(dialog(state)!, state: state) ?? ""
            XCTAssertTrue(reason.contains("only while it is ACTIVE"), "\(name): \(reason)")
        }

        var pending = demoState()
        _ = openDialog("Staging Issuing CA", state: &pending, current: .disabled)
        send(&pending, .character(" "))
        XCTAssertNil(Reducer.saveBlockReason(dialog(pending)!, state: pending), "PENDING_CERTIFICATE accepts grants")

        var shared = demoState()
        _ = openDialog("Security Account Issuing CA", state: &shared, current: .unknown(reason: "AccessDenied"))
        XCTAssertTrue(Reducer.saveBlockReason(dialog(shared)!, state: shared)?.contains("resource policy") ?? false)

        var unchanged = demoState()
        _ = openDialog("Example Corp Root CA G1", state: &unchanged, current: .enabled)
        XCTAssertTrue(Reducer.saveBlockReason(dialog(unchanged)!, state: unchanged)?.hasPrefix("Nothing to change") ?? false)
    }

    func testReadOnlyOnIsInstantOffAsksFirst() {
        var state = demoState()
        send(&state, .character("W"))
        XCTAssertTrue(state.readOnly)
        XCTAssertNil(state.overlay)
        send(&state, .character("W"))
        XCTAssertEqual(state.overlay, .confirmAllowWrites)
        send(&state, .enter)
        XCTAssertTrue(state.readOnly, "anything but y keeps it on")
        send(&state, .character("W"), .character("y"))
        XCTAssertFalse(state.readOnly)
    }

    func testCommandLineReadOnlyCannotBeLifted() {
        var state = demoState()
        state.readOnlyMode = ReadOnlyMode(commandLine: true)
        send(&state, .character("W"))
        XCTAssertNil(state.overlay, "no confirmation is offered")
        XCTAssertTrue(state.readOnly)
        XCTAssertTrue(state.message?.text.contains("--read-only") ?? false)
        send(&state, .character("y"))
        XCTAssertTrue(state.readOnly)
        _ = openDialog("Example Corp Issuing CA - Internal", state: &state, current: .disabled)
        XCTAssertTrue(Reducer.saveBlockReason(dialog(state)!, state: state)?.contains("for this session") ?? false)

        var config = demoState(readOnly: true)
        send(&config, .character("W"), .character("y"))
        XCTAssertFalse(config.readOnly, "the profile's read_only may be lifted after confirming")
        send(&config, .character("W"))
        XCTAssertTrue(config.readOnly)
    }

    func testHelpCommandsAndPickers() {
        var state = demoState()
        send(&state, .character("?"))
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        send(&state, .down)
        XCTAssertEqual(state.overlay, .help(scroll: 1))
        send(&state, .escape)
        XCTAssertNil(state.overlay)
        send(&state, .character("P"))
        guard case let .picker(picker)? = state.overlay else { return XCTFail("no profile picker") }
        XCTAssertEqual(picker.items, ["default", "prod"])
        XCTAssertEqual(send(&state, .down, .enter), [.switchSession(profile: "prod", region: nil)])
        send(&state, .character("R"))
        XCTAssertEqual(send(&state, .down, .enter), [.switchSession(profile: nil, region: "eu-west-1")])
        send(&state, .character(":"))
        for c in "region ap-south-1" { send(&state, .character(c)) }
        XCTAssertEqual(send(&state, .enter), [.switchSession(profile: nil, region: "ap-south-1")])
        send(&state, .character(":"), .character("x"), .enter)
        XCTAssertTrue(state.message?.text.contains("Unknown command") ?? false)
        send(&state, .character(":"), .character("q"))
        XCTAssertEqual(send(&state, .enter), [.quit])
    }

    func testTheDemoCannotSwitchProfiles() {
        var state = demoState()
        state.canSwitchProfile = false
        XCTAssertEqual(send(&state, .character("P")), [])
        XCTAssertNil(state.overlay)
        XCTAssertTrue(state.message?.text.contains("demo") ?? false)
    }

    func testSessionSwitchReloads() {
        var state = demoState()
        state.acmCertificates = [:]
        state.acmError = ErrorExplanation(code: "Throttling", message: "old", explanation: "", hint: "")
        let effects = Reducer.reduce(&state, .sessionSwitched(HeaderInfo(profile: "prod", region: "eu-west-1", endpoint: "x",
                                                                         banner: .red), readOnly: ReadOnlyMode(profileConfig: true)))
        XCTAssertEqual(effects, [.loadIdentity, .loadInventory(generation: 2)])
        XCTAssertTrue(state.readOnly)
        XCTAssertEqual(state.header.banner, .red)
        XCTAssertNil(state.acmCertificates, "the old account's ACM certificates are not the new one's")
        XCTAssertNil(state.acmError)
    }

    func testHelpIsGeneratedFromTheKeyMap() {
        let state = demoState()
        let text = HelpView.lines(state).map(\.text).joined(separator: "\n")
        for binding in KeyMap.bindings {
            XCTAssertTrue(text.contains(binding.summary), binding.summary)
        }
        XCTAssertTrue(text.contains(state.auditLogPath))
        XCTAssertFalse(KeyMap.bindings.contains { $0.keys.contains(.control("a")) || $0.keys.contains(.control("b")) },
                       "Ctrl-A and Ctrl-B stay free for tmux and screen")
    }
}
