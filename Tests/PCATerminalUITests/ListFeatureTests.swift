import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// Finding and fixing many CAs: the filter language, marks and the bulk dialog, sort orders, and the list's
/// paper cuts.
final class ListFeatureTests: XCTestCase {
    private func names(_ state: AppState) -> [String] { state.visible.map { state.rows[$0].name } }

    private func filter(_ state: inout AppState, _ text: String) {
        state.filter = text
        Reducer.recomputeVisible(&state, keepSelection: false)
    }

    func testFilterByStateAndFields() {
        var state = demoState()
        filter(&state, "off")
        XCTAssertEqual(Set(names(state)), ["Example Corp Issuing CA - Internal", "Legacy Root CA 2015", "Partner Federation CA",
                                           "PQC Lab CA", "Staging Issuing CA"], "what the list shows as off")
        filter(&state, "acm:off")
        XCTAssertEqual(names(state).count, 5)
        filter(&state, "acm:off status:active")
        XCTAssertEqual(names(state), ["Example Corp Issuing CA - Internal"], "words AND together")
        filter(&state, "partial")
        XCTAssertEqual(names(state), ["Payments Issuing CA"])
        filter(&state, "blocked")
        XCTAssertEqual(names(state).count, 6)
        filter(&state, "ready:!READY")
        XCTAssertEqual(Set(names(state)).intersection(["Example Corp Root CA G1", "Example Corp Issuing CA - Web", "東京 Issuing CA"]), [])
        XCTAssertEqual(names(state).count, 9)
        filter(&state, "!ready")
        XCTAssertFalse(names(state).contains("Example Corp Root CA G1"))
        filter(&state, "expired")
        XCTAssertEqual(names(state), ["Partner Federation CA"])
        filter(&state, "type:root")
        XCTAssertEqual(Set(names(state)), ["Example Corp Root CA G1", "Legacy Root CA 2015", "PQC Lab CA"])
        filter(&state, "owner:4444")
        XCTAssertEqual(names(state), ["Security Account Issuing CA"])
        filter(&state, "acm:n/a")
        XCTAssertEqual(names(state), ["Security Account Issuing CA"], "another account's CA is N/A, not unknown")
        filter(&state, "tag:env=prod")
        XCTAssertTrue(names(state).contains("Example Corp Root CA G1"))
        XCTAssertFalse(names(state).contains("Legacy Root CA 2015"))
        filter(&state, "tag:env")
        XCTAssertTrue(names(state).contains("Legacy Root CA 2015"), "a key alone finds every value")
        filter(&state, "status:pending")
        XCTAssertEqual(names(state), ["Staging Issuing CA"])
        filter(&state, "colour:red")
        XCTAssertEqual(names(state), [], "an unknown field matches nothing")
        send(&state, .character("/"), .enter)
        XCTAssertTrue(state.message?.text.contains("No filter field 'colour'") ?? false)
    }

    func testNextAndPreviousMatchWrap() {
        var state = demoState()
        filter(&state, "acm:off")
        XCTAssertEqual(state.selected, 0)
        send(&state, .character("N"))
        XCTAssertEqual(state.selected, 4, "N from the first wraps to the last")
        send(&state, .character("n"))
        XCTAssertEqual(state.selected, 0)
        send(&state, .character("n"), .character("n"))
        XCTAssertEqual(state.selected, 2)
    }

    func testTheSyntaxHintShowsOnce() {
        var state = demoState(width: 160, height: 30)
        send(&state, .character("/"))
        XCTAssertTrue(Renderer.render(state).lines[28].contains("acm:off"), "the first time")
        send(&state, .escape, .character("/"))
        XCTAssertFalse(Renderer.render(state).lines[28].contains("ready:!READY"), "then not again")
    }

    func testMarkingAndTheBulkPlan() throws {
        var state = demoState()
        state.filter = "acm:off"
        Reducer.recomputeVisible(&state, keepSelection: false)
        send(&state, .character("*"))
        XCTAssertEqual(state.marked.count, 5)
        send(&state, .character("u"))
        XCTAssertTrue(state.marked.isEmpty)
        send(&state, .character(" "))
        XCTAssertEqual(state.marked.count, 1)
        XCTAssertEqual(state.selected, 1, "Space marks and moves on")
        send(&state, .character(" "))
        send(&state, .escape)
        select(&state, name: "Payments Issuing CA")
        send(&state, .character(" "))
        select(&state, name: "Example Corp Root CA G1")
        send(&state, .character(" "))
        select(&state, name: "Security Account Issuing CA")
        send(&state, .character(" "))
        XCTAssertEqual(state.marked.count, 5)
        XCTAssertEqual(send(&state, .character("p")), [], "the plan is made from what the list knows")
        guard case let .bulk(bulk)? = state.overlay else { return XCTFail("no bulk dialog") }
        let plans = Dictionary(uniqueKeysWithValues: bulk.items.map { ($0.name, $0.plan) })
        XCTAssertEqual(plans["Example Corp Issuing CA - Internal"], .grant)
        XCTAssertEqual(plans["Payments Issuing CA"], .repair)
        XCTAssertEqual(plans["Example Corp Root CA G1"], .nothing)
        XCTAssertEqual(plans["Security Account Issuing CA"], .refused("account 444455556666's CA (its resource policy decides)"),
                       "the same words as acm-renewal enable's plan")
        let marked = try XCTUnwrap(plans.keys.first { !["Example Corp Issuing CA - Internal", "Payments Issuing CA",
                                                         "Example Corp Root CA G1", "Security Account Issuing CA"].contains($0) })
        XCTAssertEqual(plans[marked], .refused("DISABLED, not ACTIVE"), "\(marked)")
        XCTAssertEqual(bulk.planSummary, "1 grant, 1 repair, 1 already enabled, 2 refused")

        let effects = send(&state, .enter)
        guard let (changes, readOnly, _) = effects.applied, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(Set(changes.filter(\.sendsRequests).map(\.target.arn)),
                       [DemoSeed.arn(DemoSeed.ID.internalCA), DemoSeed.arn(DemoSeed.ID.payments)],
                       "only the CAs to change send requests: nothing for the enabled one, nothing for the refused ones")
        XCTAssertEqual(changes.filter { $0.refusal != nil }.count, 2, "the refused ones go to the pipeline to be journaled")
        XCTAssertEqual(readOnly, ReadOnlyMode())
        let runningDialog = state.overlay
        XCTAssertEqual(send(&state, .escape), [], "Esc sends nothing and stops nothing")
        XCTAssertNil(state.overlay, "a running bulk save can always be left; the changes go on")
        XCTAssertTrue(state.message?.text.contains("goes on") ?? false)
        state.overlay = runningDialog
        _ = Reducer.reduce(&state, .bulkItemFinished(arn: DemoSeed.arn(DemoSeed.ID.internalCA), .failure(
            ErrorExplanation(AWSError(code: .accessDenied, message: "denied", statusCode: 400)))))
        guard case let .bulk(running)? = state.overlay else { return XCTFail("closed too early") }
        XCTAssertEqual(running.phase, .running, "one failure does not end the others")
        let change = ACMRenewalChange(action: .replaced, before: .partial(granted: [.issueCertificate, .getCertificate],
                                                                          missing: [.listPermissions]), after: .enabled)
        _ = Reducer.reduce(&state, .bulkItemFinished(arn: DemoSeed.arn(DemoSeed.ID.payments), .success(change)))
        guard case let .bulk(done)? = state.overlay else { return XCTFail("closed too early") }
        XCTAssertEqual(done.phase, .finished)
        XCTAssertEqual(done.doneCount, 1)
        XCTAssertEqual(done.failedCount, 1)
        XCTAssertEqual(state.rows[state.rowIndexByARN[DemoSeed.arn(DemoSeed.ID.payments)]!].renewal, .enabled)
        XCTAssertFalse(state.marked.contains(DemoSeed.arn(DemoSeed.ID.payments)), "a CA that succeeded is unmarked")
        XCTAssertTrue(state.marked.contains(DemoSeed.arn(DemoSeed.ID.internalCA)), "a failed one stays marked for a retry")
        XCTAssertTrue(state.message?.text.contains("1 changed and verified, 1 failed") ?? false)
        send(&state, .enter)
        XCTAssertNil(state.overlay)
    }

    func testBulkInReadOnlyRefusesEverything() {
        var state = demoState(readOnly: true)
        select(&state, name: "Example Corp Issuing CA - Internal")
        send(&state, .character(" "))
        send(&state, .character("p"))
        guard case let .bulk(bulk)? = state.overlay else { return XCTFail("no bulk dialog") }
        XCTAssertEqual(bulk.items.first?.plan, .refused("read-only"))
        XCTAssertEqual(send(&state, .enter), [])
        XCTAssertTrue(state.message?.text.contains("Nothing to change") ?? false)
    }

    func testSortsBySeverityAndNaturally() {
        var state = demoState()
        send(&state, .character("5"))
        let words = state.visible.map { state.rows[$0] }.map { row -> String in
            row.isOtherAccount(state.header.account) ? "n/a" : row.renewal?.word ?? "?"
        }
        XCTAssertEqual(words.first, "off")
        XCTAssertEqual(Array(words.drop { $0 == "off" }.prefix(1)), ["partial"])
        XCTAssertEqual(words.last, "n/a")
        send(&state, .character("6"))
        let verdicts = state.visible.compactMap { state.rows[$0].readiness(callerAccount: state.header.account, now: state.now)?.word }
        XCTAssertEqual(verdicts.first, "BLOCKED")
        XCTAssertEqual(Array(verdicts.suffix(4)), ["READY", "READY", "READY", "N/A"])
        XCTAssertTrue(NaturalOrder.less("ca 2", "ca 10"))
        XCTAssertFalse(NaturalOrder.less("ca 10", "ca 2"))
        XCTAssertTrue(NaturalOrder.less("ca 2", "ca 2b"))
        XCTAssertTrue(NaturalOrder.less("a", "b"))
        XCTAssertLessThan(NaturalOrder.key("ca 2"), NaturalOrder.key("ca 10"))
        XCTAssertLessThan(NaturalOrder.key("ca 002"), NaturalOrder.key("ca 10"))
        XCTAssertLessThan(NaturalOrder.key("root 9 b"), NaturalOrder.key("root 10 a"))
        var numbered = demoState()
        let template = numbered.rows[0].authority
        let authorities = ["CA 10", "CA 2", "CA 1"].enumerated().map { index, name -> CertificateAuthority in
            var copy = template
            copy.arn = DemoSeed.arn("0000000\(index)-0000-4000-8000-000000000000")
            copy.certificateAuthorityConfiguration?.subject?.commonName = name
            return copy
        }
        _ = Reducer.reduce(&numbered, .listLoaded(generation: 1, authorities))
        XCTAssertEqual(numbered.visible.map { numbered.rows[$0].name }, ["CA 1", "CA 2", "CA 10"])
    }

    func testEverySortedColumnShowsItsArrow() {
        for unicode in [true, false] {
            for digit in 1...9 {
                var state = demoState(width: 200, height: 30, unicode: unicode)
                send(&state, .character(Character(String(digit))))
                let column = ListColumn(rawValue: digit - 1)!
                let titles = Renderer.render(state).lines[2]
                let arrows = unicode ? ["▲", "▼"] : ["^", "v"]
                XCTAssertTrue(arrows.contains { titles.contains(column.title + $0) }, "\(column.title): \(titles)")
            }
        }
    }

    func testNamesThatDifferAtTheEndStayApartAt80Columns() {
        let state = demoState(width: 80, height: 24)
        let lines = Renderer.render(state).lines
        let internalRow = lines.first { $0.contains("ternal ") }
        let web = lines.first { $0.contains("- Web ") }
        XCTAssertNotNil(internalRow, lines.joined(separator: "\n"))
        XCTAssertNotNil(web, lines.joined(separator: "\n"))
    }

    func testASCIIAt80ColumnsKeepsTheExpiry() {
        let state = demoState(width: 80, height: 24, color: false, unicode: false)
        XCTAssertTrue(Renderer.render(state).lines[2].contains("EXPIRES"), Renderer.render(state).lines[2])
    }

    func testPopUpsClearTheirRowsAcrossTheWholeWidth() {
        var state = demoState(width: 100, height: 30)
        send(&state, .character("?"))
        let lines = Renderer.render(state).lines
        for line in lines[1..<29] where line.contains("│") {
            XCTAssertEqual(line.first, " ", "column 0 beside the box: \(line)")
            XCTAssertEqual(line.last, " ", "the last column beside the box: \(line)")
            XCTAssertFalse(line.hasPrefix("▶"))
        }
        let boxRows = lines.filter { $0.contains("│") }
        XCTAssertFalse(boxRows.isEmpty)
        XCTAssertTrue(boxRows.allSatisfy { !$0.contains("GENERAL") && !$0.contains("in 1460d") }, "no list text beside the box")
    }

    func testTheFooterFollowsTheScreen() {
        var state = demoState()
        XCTAssertTrue(Renderer.render(state).lines[29].contains("Space mark"))
        send(&state, .character("?"))
        XCTAssertTrue(Renderer.render(state).lines[29].contains("Esc close"))
        send(&state, .escape, .character("p"))
        XCTAssertTrue(Renderer.render(state).lines[29].contains("Space tick"), Renderer.render(state).lines[29])
        send(&state, .escape, .character(":"))
        XCTAssertTrue(Renderer.render(state).lines[29].contains("refresh SECONDS|off"))
    }

    func testASharedCATellsOneStory() {
        var state = demoState()
        let arn = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        select(&state, name: "Security Account Issuing CA")
        let listed = Renderer.render(state).lines.first { $0.contains("Security Account") } ?? ""
        XCTAssertTrue(listed.contains("– n/a") && listed.contains("N/A"), listed)
        let before = state.rows[state.rowIndexByARN[arn]!].renewal
        send(&state, .character("p"))
        _ = Reducer.reduce(&state, .dialogStateLoaded(arn: arn, .enabled))
        XCTAssertEqual(state.rows[state.rowIndexByARN[arn]!].renewal, before, "the dialog's read does not change the row")
        let dialogText = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(dialogText.contains("N/A: account 444455556666's CA"), dialogText)
        send(&state, .escape)
        send(&state, .enter)
        let authority = state.rows[state.rowIndexByARN[arn]!].authority
        _ = Reducer.reduce(&state, .detailLoaded(arn: arn, .success(CADetail(authority: authority, permissions: .success([]),
                                                                                policy: .success(nil), tags: .success([])))))
        guard case let .detail(shown) = state.screen else { return XCTFail("not on the detail") }
        let detail = DetailLines.build(shown, state: state).map(\.text).joined(separator: "\n")
        XCTAssertTrue(detail.contains("Account 444455556666's CA, shared with this account"), detail)
        XCTAssertTrue(detail.contains("Readable only by the owner, account 444455556666"), detail)
        XCTAssertFalse(detail.contains("✗ off"))
        XCTAssertEqual(state.rows[state.rowIndexByARN[arn]!].renewal, before, "the detail does not change the row either")
    }

    func testShowMakesRoomOrSaysWhy() {
        var state = demoState(width: 130, height: 40)
        send(&state, .character(":"))
        for c in "show owner" { send(&state, .character(c)) }
        send(&state, .enter)
        XCTAssertTrue(Renderer.render(state).lines[2].contains("OWNER"), Renderer.render(state).lines[2])
        XCTAssertTrue(state.message?.text.contains("left out to make room: key, mode") ?? false, state.message?.text ?? "")
        var narrow = demoState(width: 60, height: 20)
        Reducer.setColumn(&narrow, "signing", shown: true)
        XCTAssertTrue(narrow.message?.text.hasPrefix("Cannot show signing at 60 columns") ?? false, narrow.message?.text ?? "")
    }

    func testRefreshCommandAndHeader() {
        var state = demoState(width: 120, height: 40)
        _ = Reducer.runCommand(&state, "refresh 60")
        XCTAssertEqual(state.autoRefresh, 60)
        XCTAssertNotNil(state.nextRefreshAt)
        state.progress = .loaded(at: fixedNow)
        XCTAssertTrue(Renderer.render(state).lines[1].contains("every 60 s"))
        _ = Reducer.runCommand(&state, "refresh off")
        XCTAssertNil(state.autoRefresh)
        XCTAssertNil(state.nextRefreshAt)
        _ = Reducer.runCommand(&state, "refresh 1")
        XCTAssertTrue(state.message?.text.contains("5 to 86400") ?? false)
    }

    func testActivityLogHasACAColumnAndKeepsTheRequestIDAt80Columns() {
        var state = demoState(width: 80, height: 24)
        let requestID = "0f6c1a2e-1111-4222-8333-944455556666"
        _ = Reducer.reduce(&state, .apiCall(APICallRecord(operation: "CreatePermission", startedAt: fixedNow, duration: 0.12,
                                                          statusCode: 400, errorCode: "AccessDeniedException", requestID: requestID,
                                                          attempts: 1, resourceARN: DemoSeed.arn(DemoSeed.ID.payments))))
        send(&state, .character("L"))
        let text = Renderer.render(state).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains(requestID), text)
        XCTAssertTrue(text.contains("Payments"), "the CA column: \(text)")
    }

    func testTheHeaderNamesWhereTheCredentialsCameFrom() {
        var state = demoState(width: 120, height: 40)
        state.header.profile = "default"
        _ = Reducer.reduce(&state, .credentialSourceKnown("environment"))
        let header = Renderer.render(state).lines[0]
        XCTAssertTrue(header.contains("credentials environment"), header)
        XCTAssertFalse(header.contains("profile default"))
        _ = Reducer.reduce(&state, .credentialSourceKnown("profile default"))
        XCTAssertTrue(Renderer.render(state).lines[0].contains("profile default"))
    }

    func testARNsBreakOnlyAfterSlashOrColon() {
        let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/0f3c6a2e-5b1d-4e8a-9c7f-1a2b3c4d5e01"
        let pieces = TextWrap.breakWord(arn, width: 50)
        XCTAssertEqual(pieces.joined(), arn)
        XCTAssertTrue(pieces.dropLast().allSatisfy { $0.hasSuffix("/") || $0.hasSuffix(":") }, "\(pieces)")
        var state = demoState(width: 80, height: 40)
        select(&state, name: "Example Corp Root CA G1")
        send(&state, .enter)
        let rootARN = DemoSeed.arn(DemoSeed.ID.root)
        let authority = state.rows[state.rowIndexByARN[rootARN]!].authority
        _ = Reducer.reduce(&state, .detailLoaded(arn: rootARN, .success(CADetail(authority: authority, permissions: .success([]),
                                                                                    policy: .success(nil), tags: .success([])))))
        var detail = DetailState(arn: rootARN)
        detail.detail = .success(CADetail(authority: authority, permissions: .success([]), policy: .success(nil), tags: .success([])))
        let lines = DetailLines.build(detail, state: state).map(\.text)
        let arnLines = lines.drop { !$0.contains("ARN") }.prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(arnLines.dropLast().allSatisfy { $0.hasSuffix("/") || $0.hasSuffix(":") }, "\(arnLines)")
        XCTAssertEqual(arnLines.count, 3, "\(arnLines)")
    }
}
