import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// The ACM side in the UI: the column, the detail section, the blast radius and the retry after a grant.
final class ACMViewTests: XCTestCase {
    private func withCertificates(_ state: inout AppState) {
        _ = Reducer.reduce(&state, .acmCertificatesLoaded(generation: state.generation, .success(ACMCertificateListing(certificates: demoACMCertificates()))))
    }

    func testTheColumnCountsAndMarksFailedRenewals() {
        var state = demoState(width: 160, height: 30)
        state.acmCertificates = nil
        XCTAssertTrue(Renderer.render(state).lines[2].contains("ACM CERTS"))
        let internalLine = { Renderer.render(state).lines.first { $0.contains("Internal") } ?? "" }
        XCTAssertTrue(internalLine().hasSuffix("…") || internalLine().contains("… "), "loading: \(internalLine())")
        withCertificates(&state)
        XCTAssertTrue(internalLine().contains("8 ✗3"), internalLine())
        let root = Renderer.render(state).lines.first { $0.contains("Root CA G1") } ?? ""
        XCTAssertTrue(root.contains(" 2"), root)
        _ = Reducer.reduce(&state, .acmCertificatesLoaded(generation: state.generation, .failure(
            ErrorExplanation(AWSError(code: .accessDenied, message: "no acm:ListCertificates", statusCode: 400)))))
        XCTAssertTrue(internalLine().trimmingCharacters(in: .whitespaces).hasSuffix("?"), "ACM unreadable: \(internalLine())")
        XCTAssertTrue(internalLine().contains("✗ off"), "nothing else fails")
    }

    /// A listing cut short shows what was read, and says so on the status line and in the certificates box.
    func testATruncatedListingIsShownWithItsWarning() {
        var state = demoState(width: 160, height: 30)
        _ = Reducer.reduce(&state, .acmCertificatesLoaded(generation: state.generation, .success(
            ACMCertificateListing(certificates: demoACMCertificates(), truncatedAt: 200_000))))
        let internalLine = Renderer.render(state).lines.first { $0.contains("Internal") } ?? ""
        XCTAssertTrue(internalLine.contains("8 ✗3"), "what was read is shown: \(internalLine)")
        XCTAssertEqual(state.message?.kind, .warning)
        XCTAssertTrue(state.message?.text.contains("truncated at 200000") ?? false, "\(String(describing: state.message))")
        XCTAssertTrue(Renderer.render(state).lines.joined(separator: "\n").contains("truncated at 200000"), "on the status line")
    }

    func testSortingByFailedRenewals() {
        var state = demoState(width: 160, height: 30)
        withCertificates(&state)
        state.sort = SortOrder(column: .acmCerts)
        Reducer.recomputeVisible(&state, keepSelection: false)
        XCTAssertEqual(Array(state.visible.prefix(2).map { state.rows[$0].name }).sorted(),
                       ["Example Corp Issuing CA - Internal", "IoT Device CA"], "three failed renewals each come first")
    }

    func testDetailListsTheCertificatesMostUrgentFirst() {
        var state = demoState(width: 140, height: 60)
        withCertificates(&state)
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        var detail = DetailState(arn: arn)
        let authority = state.rows[state.rowIndexByARN[arn]!].authority
        detail.detail = .success(CADetail(authority: authority, permissions: .success([]), policy: .success(nil), tags: .success([])))
        let text = DetailLines.build(detail, state: state).map(\.text)
        let section = text.drop { $0 != "ACM certificates" }
        XCTAssertTrue(section.dropFirst().first?.contains("8 certificates, 7 in use") ?? false, "\(Array(section.prefix(3)))")
        XCTAssertTrue(section.contains { $0.contains("3 renewals failed (3 PCA_ACCESS_DENIED)") })
        let firstCertificate = section.first { $0.contains(".corp.example.com") } ?? ""
        XCTAssertTrue(firstCertificate.contains("FAILED PCA_ACCESS_DENIED"), "a failed renewal first: \(firstCertificate)")
    }

    func testBlastRadiusBeforeRevokingAndRetryAfterGranting() {
        var state = demoState(width: 120, height: 40)
        withCertificates(&state)
        select(&state, name: "Example Corp Root CA G1")
        let root = DemoSeed.arn(DemoSeed.ID.root)
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: root, .enabled))
        send(&state, .character(" "), .enter)
        let confirm = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(confirm.contains("ACM renews 2 certificates from this CA, 1 in use; after revoking"), confirm)
        send(&state, .escape, .escape)

        select(&state, name: "Example Corp Issuing CA - Internal")
        let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: internalCA, .disabled))
        send(&state, .character(" "))
        XCTAssertEqual(send(&state, .enter).appliedPlans, ["enable-acm-renewal grant \(internalCA)"])
        _ = Reducer.reduce(&state, .saveFinished(arn: internalCA, .success(ACMRenewalChange(action: .created, before: .disabled,
                                                                                            after: .enabled))))
        XCTAssertTrue(Renderer.render(state).lines.joined().contains("press r to retry their renewal now"))
        state.readOnlyMode.toggled = true
        let refused = send(&state, .character("r"))
        XCTAssertEqual(refused.applied?.changes.first?.refusal.map { if case .readOnly = $0 { return true } else { return false } }, true,
                       "read-only (W after the save) refuses the retry; the refusal goes to the pipeline to be journaled")
        XCTAssertEqual(refused.applied?.changes.first?.steps, [], "nothing to send")
        state.readOnlyMode.toggled = nil
        let effects = send(&state, .character("r"))
        guard let (changes, readOnly, purpose) = effects.applied, let change = changes.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(readOnly, ReadOnlyMode(), "the mode travels with the effect, for the pipeline to ask again")
        XCTAssertEqual(purpose, .retry)
        XCTAssertEqual(change.target.arn, internalCA)
        XCTAssertEqual(change.steps.count, 3)
        XCTAssertEqual(send(&state, .enter), [], "the retry runs to the end")
        let certificates = change.steps.compactMap { step -> String? in
            if case let .renew(arn) = step { return arn }
            return nil
        }
        let results = certificates.map { RetryResult(certificateArn: $0, domainName: "d-\($0.suffix(2))",
                                                     outcome: .success(RenewalSummary(renewalStatus: "SUCCESS"))) }
        XCTAssertEqual(Reducer.reduce(&state, .renewalsRetried(caArn: internalCA, results)),
                       [.loadACMCertificates(generation: state.generation)], "the certificates are read again")
        XCTAssertTrue(Renderer.render(state).lines.joined().contains("SUCCESS"))
        XCTAssertTrue(state.message?.text.contains("3 of 3 renewed") ?? false)
    }

    func testTheCertificatesBoxHasItsOwnFilterAndScroll() {
        var state = demoState(width: 140, height: 20)
        select(&state, name: "Example Corp Issuing CA - Web")
        send(&state, .character("a"))
        guard case let .certificates(view)? = state.overlay else { return XCTFail("no certificates box") }
        XCTAssertEqual(view.shown(state.acmCertificates?[view.arn], now: state.now).count, 12)
        var text = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("1-10 of 12"), text)
        XCTAssertTrue(text.contains("shop.example.com"), "most urgent first: \(text)")
        send(&state, .pageDown)
        guard case let .certificates(scrolled)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(scrolled.scroll, 2, "scrolls apart from the list, to the last page")
        send(&state, .character("/"))
        for c in "not in use" { send(&state, .character(c)) }
        send(&state, .enter)
        guard case let .certificates(filtered)? = state.overlay else { return XCTFail("closed") }
        XCTAssertEqual(filtered.shown(state.acmCertificates?[filtered.arn], now: state.now).map(\.domainName),
                       ["status.example.com", "docs.example.com", "wiki.example.com", "old.example.com"])
        text = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertFalse(text.contains("www.example.com"), text)
        send(&state, .escape)
        guard case let .certificates(cleared)? = state.overlay else { return XCTFail("Esc first clears the filter") }
        XCTAssertEqual(cleared.filter, "")
        send(&state, .escape)
        XCTAssertNil(state.overlay)
        send(&state, .enter, .character("a"))
        guard case .certificates? = state.overlay else { return XCTFail("a opens it from the detail too") }
    }
}
