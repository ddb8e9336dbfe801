import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The Configure sharing dialog: planned by the one planner, with the diff, and sent through the pipeline.
final class SharingDialogTests: XCTestCase {
    private func detailState(_ name: String, policy: String?) -> AppState {
        var state = demoState(width: 120, height: 40)
        select(&state, name: name)
        send(&state, .enter)
        let seed = DemoSeed.state(.demo, now: fixedNow).authorities.first { $0.authority.commonName == name }!
        _ = Reducer.reduce(&state, .detailLoaded(arn: seed.arn, .success(CADetail(
            authority: seed.authority, permissions: .success(seed.permissions), policy: .success(policy), tags: .success(seed.tags)))))
        return state
    }

    func testSharingWithAnAccountPlansThePutAndSendsItThroughThePipeline() throws {
        var state = detailState("Example Corp Issuing CA - Internal", policy: nil)
        guard case let .detail(detail) = state.screen else { return XCTFail("no detail") }
        XCTAssertTrue(DetailLines.build(detail, state: state).map(\.text).joined().contains("no other account (no resource policy)"))
        send(&state, .character("o"))
        for character in "555566667777" { send(&state, .character(character)) }
        send(&state, .down, .character(" "))
        guard case let .sharing(dialog)? = state.overlay else { return XCTFail("no dialog") }
        let plan = try XCTUnwrap(Reducer.sharingPlan(dialog, state: state))
        XCTAssertEqual(plan.kind, .putPolicy)
        XCTAssertTrue(plan.policyToPut?.contains("acm-pca:IssueCertificate") ?? false)
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("AWSServiceRoleForCertificateManager"), screen)
        XCTAssertTrue(screen.contains("put-policy"), screen)
        send(&state, .down, .down)
        let effects = send(&state, .enter)
        guard let (changes, _, purpose) = effects.applied else { return XCTFail("\(effects)") }
        XCTAssertEqual(purpose, .sharing)
        XCTAssertEqual(changes.first?.intent, .share)
        XCTAssertEqual(Reducer.reduce(&state, .sharingFinished(arn: internalARN, .success("shared"))),
                       [.loadDetail(arn: internalARN)], "the detail reads the policy again")
    }

    func testAnInvalidPrincipalSaysWhyAndSendsNothing() {
        var state = detailState("Example Corp Issuing CA - Internal", policy: nil)
        send(&state, .character("o"))
        for character in "12345" { send(&state, .character(character)) }
        for _ in 0..<3 { send(&state, .down) }
        XCTAssertEqual(send(&state, .enter), [])
        XCTAssertNotNil(state.message)
    }

    func testReadOnlyRefusesAndTheRefusalIsJournaled() {
        var state = detailState("Example Corp Issuing CA - Internal", policy: nil)
        state.readOnlyMode = ReadOnlyMode(commandLine: true)
        send(&state, .character("o"))
        for character in "555566667777" { send(&state, .character(character)) }
        for _ in 0..<3 { send(&state, .down) }
        let effects = send(&state, .enter)
        XCTAssertNotNil(effects.applied?.changes.first?.refusal, "sent only to be journaled")
        XCTAssertEqual(effects.applied?.changes.first?.steps, [])
    }
}
