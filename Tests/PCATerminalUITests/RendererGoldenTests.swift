import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// Compares rendered screens with committed golden files. `RECORD_GOLDEN=1 swift test` rewrites them on
/// purpose; a missing file fails.
final class RendererGoldenTests: XCTestCase {
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    private func assertGolden(_ name: String, _ buffer: ScreenBuffer, styles: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let text = buffer.snapshot(withStyles: styles)
        let url = Self.directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(name).txt; record it with RECORD_GOLDEN=1", file: file, line: line)
            return
        }
        if text != expected {
            let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
            let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(actual, wanted)).firstIndex { $0 != $1 } ?? min(actual.count, wanted.count)
            XCTFail("\(name) differs from its golden file at line \(first + 1):\n got: \(first < actual.count ? actual[first] : "")\nwant: \(first < wanted.count ? wanted[first] : "")",
                    file: file, line: line)
        }
    }

    func testListColourUnicode80x24() {
        assertGolden("list-80x24-color", Renderer.render(demoState(width: 80, height: 24)), styles: true)
    }

    func testListColourUnicode120x40() {
        assertGolden("list-120x40-color", Renderer.render(demoState(width: 120, height: 40)), styles: true)
    }

    func testListMonochromeASCII80x24() {
        var state = demoState(width: 80, height: 24, color: false, unicode: false, readOnly: true)
        send(&state, .character("7"), .down)
        assertGolden("list-80x24-mono-ascii", Renderer.render(state), styles: true)
    }

    func testMFAPromptOverTheList80x24() {
        var state = demoState(width: 80, height: 24)
        _ = Reducer.reduce(&state, .mfaCodeNeeded(serial: "arn:aws:iam::111122223333:mfa/ca-admin"))
        send(&state, .character("1"), .character("2"), .character("3"))
        assertGolden("mfa-prompt-80x24", Renderer.render(state), styles: true)
    }

    func testFailedLoadExplainsWhy80x24() {
        var state = demoState(width: 80, height: 24)
        _ = Reducer.reduce(&state, .sessionSwitched(HeaderInfo(profile: "admin-mfa", region: "us-east-1",
                                                               endpoint: "acm-pca.us-east-1.amazonaws.com"), readOnly: ReadOnlyMode()))
        let error = AWSError(code: "AccessDenied", message: "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
                             statusCode: 403)
        _ = Reducer.reduce(&state, .listFailed(generation: state.generation, ErrorExplanation(error)))
        assertGolden("list-80x24-load-failed", Renderer.render(state), styles: false)
    }

    func testListWhileLoading120x40() {
        var state = demoState(width: 120, height: 40, withRenewals: false)
        _ = Reducer.reduce(&state, .renewalsLoaded(generation: 1, [(internalARN, .disabled)], done: 1, total: 12))
        assertGolden("list-120x40-loading", Renderer.render(state), styles: false)
    }

    func testTooSmall40x12And20x5() {
        assertGolden("too-small-40x12", Renderer.render(demoState(width: 40, height: 12)), styles: false)
        assertGolden("too-small-20x5", Renderer.render(demoState(width: 20, height: 5)), styles: false)
    }

    func testDetail100x30() {
        var state = demoState(width: 100, height: 30)
        select(&state, name: "Example Corp Issuing CA - Web")
        send(&state, .enter)
        let seed = DemoSeed.state(.demo, now: fixedNow).authorities.first { $0.authority.commonName == "Example Corp Issuing CA - Web" }!
        _ = Reducer.reduce(&state, .detailLoaded(arn: seed.arn, .success(CADetail(
            authority: seed.authority, permissions: .success(seed.permissions), policy: .success(seed.policy),
            tags: .success(seed.tags)))))
        assertGolden("detail-100x30", Renderer.render(state), styles: false)
        send(&state, .pageDown)
        assertGolden("detail-100x30-scrolled", Renderer.render(state), styles: false)
    }

    func testSharingAndIssueDialogs120x40() {
        var state = demoState(width: 120, height: 40)
        select(&state, name: "Example Corp Issuing CA - Web")
        send(&state, .enter)
        let seed = DemoSeed.state(.demo, now: fixedNow).authorities.first { $0.authority.commonName == "Example Corp Issuing CA - Web" }!
        _ = Reducer.reduce(&state, .detailLoaded(arn: seed.arn, .success(CADetail(
            authority: seed.authority, permissions: .success(seed.permissions), policy: .success(seed.policy),
            tags: .success(seed.tags)))))
        send(&state, .character("o"))
        for character in "555566667777" { send(&state, .character(character)) }
        send(&state, .down, .character(" "))
        assertGolden("sharing-120x40", Renderer.render(state), styles: false)
        send(&state, .escape, .escape)
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("i"))
        for character in "requests/app.csr" { send(&state, .character(character)) }
        assertGolden("issue-120x40", Renderer.render(state), styles: false)
    }

    func testDialogBeforeAndAfterSaving80x24() {
        var state = demoState(width: 80, height: 24)
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: internalARN, .disabled))
        send(&state, .character(" "))
        assertGolden("dialog-80x24-ticked", Renderer.render(state), styles: true)
        send(&state, .tab, .enter)
        _ = Reducer.reduce(&state, .saveFinished(arn: internalARN, .success(
            ACMRenewalChange(action: .created, before: .disabled, after: .enabled))))
        assertGolden("dialog-80x24-saved", Renderer.render(state), styles: false)
    }

    func testDialogAccessDenied80x24() {
        var state = demoState(width: 80, height: 24)
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: internalARN, .disabled))
        send(&state, .character(" "), .tab, .enter)
        let error = AWSError(code: .accessDenied,
                             message: "User: arn:aws:iam::111122223333:user/ca-issuer is not authorized to perform: acm-pca:CreatePermission",
                             statusCode: 400, requestID: "7f0c1d2e-0000-4000-8000-000000000001")
        _ = Reducer.reduce(&state, .saveFinished(arn: internalARN, .failure(ErrorExplanation(error))))
        assertGolden("dialog-80x24-access-denied", Renderer.render(state), styles: false)
    }

    func testDialogRevokeConfirmationAndPending() {
        var state = demoState(width: 100, height: 30)
        select(&state, name: "Example Corp Root CA G1")
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: DemoSeed.arn(DemoSeed.ID.root), .enabled))
        send(&state, .character(" "), .tab, .enter)
        assertGolden("dialog-100x30-revoke", Renderer.render(state), styles: false)
        var pending = demoState(width: 100, height: 30, color: false, unicode: false)
        select(&pending, name: "Staging Issuing CA")
        send(&pending, .character("p"))
        _ = Reducer.reduce(&pending, .dialogStateLoaded(arn: DemoSeed.arn(DemoSeed.ID.staging), .disabled))
        assertGolden("dialog-100x30-pending-ascii", Renderer.render(pending), styles: false)
    }

    func testHelp100x40() {
        var state = demoState(width: 100, height: 40)
        send(&state, .character("?"))
        assertGolden("help-100x40", Renderer.render(state), styles: false)
    }

    func testHostileSubjectCannotInjectEscapes() {
        var state = demoState(width: 100, height: 20)
        var authority = state.rows[0].authority
        authority.arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/evil"
        authority.certificateAuthorityConfiguration?.subject?.commonName = "Evil\u{1b}]0;owned\u{07}\u{1b}[2J CA"
        _ = Reducer.reduce(&state, .listLoaded(generation: 1, [authority]))
        let buffer = Renderer.render(state)
        XCTAssertFalse(buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f } })
        XCTAssertTrue(buffer.lines.contains { $0.contains("Evil\\e]0;owned\\u{7}\\e[2J CA") || $0.contains("Evil\\e]0;owned") })
    }

    /// A marked set: the OFF CAs found with a field filter, all marked with `*`.
    private func markedOffCAs(width: Int, height: Int, color: Bool = true, unicode: Bool = true) -> AppState {
        var state = demoState(width: width, height: height, color: color, unicode: unicode)
        send(&state, .character("/"))
        for c in "acm:off" { send(&state, .character(c)) }
        send(&state, .enter, .character("*"))
        return state
    }

    func testMarkedSetAndFieldFilter() {
        assertGolden("list-120x40-marked", Renderer.render(markedOffCAs(width: 120, height: 40)), styles: true)
        assertGolden("list-80x24-marked-ascii", Renderer.render(markedOffCAs(width: 80, height: 24, color: false, unicode: false)),
                     styles: true)
        var editing = demoState(width: 80, height: 24)
        send(&editing, .character("/"))
        assertGolden("filter-80x24-hint", Renderer.render(editing), styles: false)
        for c in "ready:!READY type:sub" { send(&editing, .character(c)) }
        assertGolden("filter-80x24-field-expression", Renderer.render(editing), styles: false)
    }

    func testBulkDialogBeforeAndAfter() {
        for (width, height, unicode) in [(120, 40, true), (80, 24, false)] {
            var state = markedOffCAs(width: width, height: height, unicode: unicode)
            send(&state, .escape)
            select(&state, name: "Payments Issuing CA")
            send(&state, .character(" "))
            send(&state, .character("p"))
            let suffix = "\(width)x\(height)\(unicode ? "" : "-ascii")"
            assertGolden("bulk-\(suffix)-before", Renderer.render(state), styles: !unicode)
            send(&state, .enter)
            _ = Reducer.reduce(&state, .bulkItemFinished(arn: DemoSeed.arn(DemoSeed.ID.internalCA), .success(
                ACMRenewalChange(action: .created, before: .disabled, after: .enabled))))
            _ = Reducer.reduce(&state, .bulkItemFinished(arn: DemoSeed.arn(DemoSeed.ID.payments), .failure(ErrorExplanation(
                AWSError(code: .accessDenied, message: "User: arn:aws:iam::111122223333:user/ca-admin is not authorized to perform: acm-pca:CreatePermission", statusCode: 400)))))
            if width == 120 {
                assertGolden("bulk-\(suffix)-running", Renderer.render(state), styles: false)
            }
            _ = Reducer.reduce(&state, .bulkItemFinished(arn: DemoSeed.arn(DemoSeed.ID.staging), .success(
                ACMRenewalChange(action: .created, before: .disabled, after: .enabled))))
            assertGolden("bulk-\(suffix)-after", Renderer.render(state), styles: !unicode)
        }
    }

    func testPopUpOverTheList80x24() {
        var state = demoState(width: 80, height: 24, color: false, unicode: false)
        send(&state, .character("?"))
        assertGolden("help-80x24-ascii", Renderer.render(state), styles: false)
    }

    func testSharedCADetail120x40() {
        var state = demoState(width: 120, height: 40)
        let arn = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        select(&state, name: "Security Account Issuing CA")
        send(&state, .enter)
        let authority = state.rows[state.rowIndexByARN[arn]!].authority
        _ = Reducer.reduce(&state, .detailLoaded(arn: arn, .success(CADetail(authority: authority, permissions: .success([]),
                                                                            policy: .success(nil), tags: .success([])))))
        send(&state, .pageDown)
        assertGolden("detail-120x40-shared", Renderer.render(state), styles: true)
    }

    /// The Payments CA's detail with its CloudTrail history: the grant removal under ACM renewal, and the
    /// History section (scrolled to it).
    func testDetailHistory120x40() {
        var state = demoState(width: 120, height: 40)
        select(&state, name: "Payments Issuing CA")
        send(&state, .enter)
        _ = Reducer.reduce(&state, .detailLoaded(arn: DemoSeed.arn(DemoSeed.ID.payments), .success(demoDetailWithHistory(DemoSeed.ID.payments))))
        assertGolden("detail-120x40-history-top", Renderer.render(state), styles: false)
        send(&state, .pageDown, .pageDown)
        assertGolden("detail-120x40-history", Renderer.render(state), styles: true)
    }

    func testDrawingCostsTheVisibleRowsOnly() {
        var state = demoState(width: 120, height: 40)
        let template = state.rows.map(\.authority)
        var many: [CertificateAuthority] = []
        for index in 0..<10_000 {
            var copy = template[index % template.count]
            copy.arn = DemoSeed.arn(String(format: "00000000-0000-4000-8000-%012d", index))
            many.append(copy)
        }
        _ = Reducer.reduce(&state, .listLoaded(generation: 1, many))
        XCTAssertEqual(state.visible.count, 10_000)
        let buffer = Renderer.render(state)
        XCTAssertTrue(buffer.lines[38].hasSuffix("1-35 of 10000"), "the counter has its own place: \(buffer.lines[38])")
        XCTAssertFalse(buffer.lines[2].contains("of 10000"), "not over the column titles: \(buffer.lines[2])")
    }
}
