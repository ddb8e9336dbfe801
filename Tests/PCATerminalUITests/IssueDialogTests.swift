import Foundation
import PCAAdmin
import PCAClient
import PCACrypto
import PCALocal
@testable import PCATerminalUI
import PCAX509
import XCTest

/// The Issue certificate dialog: its fields, the plan from the one planner, and what it sends.
final class IssueDialogTests: XCTestCase {
    /// A CSR signed with a fresh P-256 key, with a SAN.
    private func request() throws -> CertificationRequest {
        let signer = ECDSACertificateSigner(key: try ECDSAPrivateKey.generate(curve: .p256), digest: .sha256)
        return try CertificationRequest.make(subject: DistinguishedName(rdns: [[.init(type: .commonName, value: "app.example.com")]]),
                                             subjectAlternativeNames: ["DNS:app.example.com"], publicKey: signer.publicKeyInfo,
                                             signer: signer)
    }

    private func openDialog(_ state: inout AppState) -> IssueDialogState? {
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("i"))
        if case let .issue(dialog)? = state.overlay { return dialog }
        return nil
    }

    func testTypingAPathReadsTheCSRAndThePlanFollowsThePlanner() throws {
        var state = demoState(width: 120, height: 40)
        XCTAssertNotNil(openDialog(&state))
        for character in "app.csr" { send(&state, .character(character)) }
        XCTAssertEqual(send(&state, .down), [.readCSR(path: "app.csr")], "leaving the field reads the file")
        _ = Reducer.reduce(&state, .csrRead(path: "app.csr", .success(try request())))
        guard case let .issue(dialog)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(dialog.outPath, "app.crt", "saved beside the CSR unless said otherwise")
        let plan = try XCTUnwrap(Reducer.issuePlan(dialog, state: state))
        XCTAssertEqual(plan.kind, .issue)
        XCTAssertEqual(plan.issuance?.signingAlgorithm, .sha256WithRSA, "the CA's own algorithm")
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("--csr fileb://"), screen)
        XCTAssertTrue(screen.contains("app.csr --signing-algorithm SHA256WITHRSA"), screen)
        XCTAssertTrue(screen.contains("CN=app.example.com, EC P-256, DNS:app.example.com"), screen)

        send(&state, .right)  // the template field: the next template
        guard case let .issue(moved)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(moved.template.name, "EndEntityServerAuthCertificate/V1")
        for _ in 0..<4 { send(&state, .down) }
        guard case let .issue(atButton)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(atButton.focus, IssueDialogState.Field.issue)
        let effects = send(&state, .enter)
        guard let (changes, _, purpose) = effects.applied else { return XCTFail("\(effects)") }
        XCTAssertEqual(purpose, .issue(saveTo: "app.crt"))
        XCTAssertEqual(changes.first?.issuance?.template.name, "EndEntityServerAuthCertificate/V1")
        XCTAssertEqual(send(&state, .escape), [], "keys wait while issuing")
        _ = Reducer.reduce(&state, .issueFinished(arn: internalARN, .success(IssueOutcome(
            certificateArn: internalARN + "/certificate/ab", certificate: nil, savedTo: "app.crt", warning: nil))))
        XCTAssertTrue(Renderer.render(state).lines.joined().contains("Saved to app.crt"))
        send(&state, .enter)
        XCTAssertNil(state.overlay)
    }

    func testAnAlgorithmOfTheWrongFamilyBlocksIssue() throws {
        var state = demoState(width: 120, height: 40)
        XCTAssertNotNil(openDialog(&state))
        for character in "a.csr" { send(&state, .character(character)) }
        send(&state, .down)
        _ = Reducer.reduce(&state, .csrRead(path: "a.csr", .success(try request())))
        send(&state, .down, .down)  // the algorithm field
        for _ in 0..<4 { send(&state, .right) }  // SHA256WITHECDSA
        guard case let .issue(dialog)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(dialog.algorithm, .sha256WithECDSA)
        XCTAssertTrue(Reducer.issueBlockReason(dialog, state: state)?.contains("an RSA CA signs with SHA256WITHRSA") ?? false)
    }

    func testPathCompletionCandidates() throws {
        var state = demoState(width: 120, height: 40)
        XCTAssertNotNil(openDialog(&state))
        for character in "/tm" { send(&state, .character(character)) }
        XCTAssertEqual(send(&state, .tab), [.completePath("/tm")])
        _ = Reducer.reduce(&state, .pathsCompleted(prefix: "/tm", ["/tmp/"]))
        guard case let .issue(dialog)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(dialog.csrPath, "/tmp/")
    }
}
