import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

final class ListReducerTests: XCTestCase {
    func testListAppearsBeforePermissionsAndFillsIn() {
        var state = demoState(withRenewals: false)
        XCTAssertEqual(state.rows.count, 12)
        XCTAssertEqual(state.progress, .permissions(done: 0, total: 12))
        XCTAssertTrue(state.rows.allSatisfy { $0.renewal == nil })
        _ = Reducer.reduce(&state, .renewalsLoaded(generation: 1, [(internalARN, .disabled)], done: 1, total: 12))
        XCTAssertEqual(state.progress, .permissions(done: 1, total: 12))
        XCTAssertEqual(state.rows[state.rowIndexByARN[internalARN]!].renewal, .disabled)
    }

    func testAnswersOfAnOlderLoadAreIgnored() {
        var state = demoState()
        let effects = send(&state, .character("r"))
        XCTAssertEqual(effects, [.loadInventory(generation: 2)])
        XCTAssertEqual(state.progress, .listing)
        _ = Reducer.reduce(&state, .listLoaded(generation: 1, []))
        XCTAssertEqual(state.rows.count, 12, "a late answer of load 1 changes nothing")
        _ = Reducer.reduce(&state, .listFailed(generation: 1, ErrorExplanation(code: "X", message: "", explanation: "", hint: "")))
        XCTAssertEqual(state.progress, .listing)
    }

    func testRefreshKeepsKnownStatesUntilNewOnesArrive() {
        var state = demoState()
        send(&state, .character("r"))
        let authorities = state.rows.map(\.authority)
        _ = Reducer.reduce(&state, .listLoaded(generation: 2, authorities))
        XCTAssertEqual(state.rows[state.rowIndexByARN[internalARN]!].renewal, .disabled)
    }

    func testAListingPageByPageGivesTheRowsOfTheWholeListing() {
        let authorities = DemoSeed.state(.demo, now: fixedNow).authorities.map(\.authority)
        // A server may list an ARN twice: the rows keep both, the index the first.
        for listing in [authorities, authorities + [authorities[3]]] {
            var whole = demoState(withRenewals: false)
            var paged = whole
            send(&whole, .character("r"))
            send(&paged, .character("r"))
            _ = Reducer.reduce(&whole, .listLoaded(generation: 2, []))
            _ = Reducer.reduce(&paged, .listLoaded(generation: 2, []))
            _ = Reducer.reduce(&whole, .listLoaded(generation: 2, listing))
            for end in [5, 9, listing.count] {
                _ = Reducer.reduce(&paged, .listLoaded(generation: 2, Array(listing.prefix(end))))
            }
            XCTAssertEqual(paged.rows, whole.rows)
            XCTAssertEqual(paged.rowIndexByARN, whole.rowIndexByARN)
            XCTAssertEqual(paged.ordered, whole.ordered)
            XCTAssertEqual(paged.visible, whole.visible)
            XCTAssertEqual(paged.progress, .permissions(done: 0, total: listing.count))
            XCTAssertTrue(paged.rows.allSatisfy { $0.searchBytes != nil }, "the UI's rows are indexed for the filter")
        }
    }

    func testOnlyAContinuationOfTheRowsIsAppended() {
        let state = demoState(withRenewals: false)
        var authorities = state.rows.map(\.authority)
        var next = state
        XCTAssertTrue(Reducer.appendRows(&next, authorities), "the same CAs again: nothing to add")
        XCTAssertEqual(next.rows, state.rows)
        var changed = state
        authorities[2].status = .disabled
        XCTAssertFalse(Reducer.appendRows(&changed, authorities + [authorities[0]]), "a changed CA is rebuilt")
        XCTAssertFalse(Reducer.appendRows(&changed, Array(authorities.prefix(4))), "fewer CAs are rebuilt")
        XCTAssertEqual(changed.rows, state.rows, "nothing changes when it does not apply")
    }

    func testNavigationClampsAndScrolls() {
        var state = demoState(height: 12)
        XCTAssertEqual(state.tableHeight, 7)
        send(&state, .character("j"), .down)
        XCTAssertEqual(state.selected, 2)
        send(&state, .character("k"), .up, .up, .up)
        XCTAssertEqual(state.selected, 0)
        send(&state, .character("G"))
        XCTAssertEqual(state.selected, 11)
        XCTAssertEqual(state.scrollTop, 5)
        send(&state, .home)
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(state.scrollTop, 0)
        send(&state, .pageDown)
        XCTAssertEqual(state.selected, 7)
        send(&state, .control("u"))
        XCTAssertEqual(state.selected, 4)
        send(&state, .control("d"), .control("d"), .control("d"))
        XCTAssertEqual(state.selected, 11)
        send(&state, .pageUp, .character("g"))
        XCTAssertEqual(state.selected, 0)
    }

    func testFilterMatchesNameARNStatusAndTags() {
        var state = demoState()
        send(&state, .character("/"))
        XCTAssertTrue(state.editingFilter)
        for c in "pay" { send(&state, .character(c)) }
        XCTAssertEqual(state.visible.map { state.rows[$0].name }, ["Payments Issuing CA"])
        send(&state, .enter)
        XCTAssertFalse(state.editingFilter)
        XCTAssertEqual(state.filter, "pay")
        send(&state, .escape)
        XCTAssertEqual(state.filter, "")
        XCTAssertEqual(state.visible.count, 12)
        state.filter = "pci=true"
        Reducer.recomputeVisible(&state, keepSelection: false)
        XCTAssertEqual(state.visible.map { state.rows[$0].name }, ["Payments Issuing CA"], "tags are searched")
        state.filter = "disabled"
        Reducer.recomputeVisible(&state, keepSelection: false)
        XCTAssertEqual(state.visible.map { state.rows[$0].name }, ["Legacy Root CA 2015"], "status is searched")
        state.filter = DemoSeed.ID.iot
        Reducer.recomputeVisible(&state, keepSelection: false)
        XCTAssertEqual(state.visible.count, 1, "the ARN is searched")
        send(&state, .character("/"), .backspace, .backspace, .escape)
        XCTAssertEqual(state.filter, "")
    }

    func testSorting() {
        var state = demoState()
        XCTAssertEqual(state.sort, SortOrder(column: .name, ascending: true))
        let names = state.visible.map { state.rows[$0].name.lowercased() }
        XCTAssertEqual(names, names.sorted())
        send(&state, .character("S"))
        XCTAssertEqual(state.visible.map { state.rows[$0].name.lowercased() }, names.sorted().reversed())
        send(&state, .character("7"))
        XCTAssertEqual(state.sort, SortOrder(column: .expiry, ascending: true))
        XCTAssertEqual(state.rows[state.visible[0]].name, "Partner Federation CA", "the expired CA first")
        XCTAssertEqual(state.rows[state.visible[1]].name, "IoT Device CA")
        send(&state, .character("7"))
        XCTAssertEqual(state.sort, SortOrder(column: .expiry, ascending: false))
        send(&state, .character("s"))
        XCTAssertEqual(state.sort, SortOrder(column: .key, ascending: true))
        send(&state, .character("5"))
        XCTAssertEqual(state.rows[state.visible[0]].renewal?.word, "off")
    }

    func testSortKeepsTheSelectedCA() {
        var state = demoState()
        select(&state, name: "IoT Device CA")
        send(&state, .character("7"))
        XCTAssertEqual(state.selectedRow?.name, "IoT Device CA")
    }

    func testOpenDetailAndBack() {
        var state = demoState()
        select(&state, name: "Example Corp Issuing CA - Internal")
        XCTAssertEqual(send(&state, .enter), [.loadDetail(arn: internalARN)])
        guard case .detail = state.screen else { return XCTFail("not on the detail screen") }
        send(&state, .down, .pageDown)
        send(&state, .escape)
        XCTAssertEqual(state.screen, .list)
    }

    func testCopyKeys() {
        var state = demoState()
        select(&state, name: "Example Corp Issuing CA - Internal")
        XCTAssertEqual(send(&state, .character("c")), [.copyToClipboard(internalARN)])
        XCTAssertTrue(state.message?.text.contains("OSC 52") ?? false)
        XCTAssertEqual(send(&state, .character("C")), [.copyToClipboard(
            "aws acm-pca create-permission --certificate-authority-arn \(internalARN) "
                + "--actions IssueCertificate GetCertificate ListPermissions --principal acm.amazonaws.com --region us-east-1")],
                       "a CA without the grant: the grant")
        select(&state, name: "Example Corp Root CA G1")
        let rootARN = state.selectedRow?.arn ?? ""
        XCTAssertEqual(send(&state, .character("C")), [.copyToClipboard(
            "aws acm-pca list-permissions --certificate-authority-arn \(rootARN) --region us-east-1")],
                       "an enabled CA: the command that shows the grant, never a revoke")
        select(&state, name: "Payments Issuing CA")
        let paymentsARN = state.selectedRow?.arn ?? ""
        guard case let .copyToClipboard(repair)? = send(&state, .character("C")).first else { return XCTFail("nothing copied") }
        XCTAssertTrue(repair.hasPrefix("aws acm-pca delete-permission --certificate-authority-arn \(paymentsARN) "), repair)
        XCTAssertTrue(repair.contains(" && aws acm-pca create-permission "), "a partial grant: the repair, as pca-tui runs it")
    }

    func testCopiedCommandQuotesAHostileARN() {
        let hostile = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x$(touch${IFS}f)"
        let command = CLICommand.forCopy(renewal: .disabled, arn: hostile, region: "us-east-1")
        XCTAssertTrue(command.contains("'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x$(touch${IFS}f)'"), command)
        XCTAssertEqual(ShellWords.quote("it's"), #"'it'\''s'"#)
        XCTAssertEqual(ShellWords.quote(""), "''")
        XCTAssertEqual(ShellWords.quote("a b"), "'a b'")
        XCTAssertEqual(ShellWords.quote("us-east-1"), "us-east-1")
    }

    func testDialogCommandsFollowThePlan() {
        let arn = internalARN
        XCTAssertEqual(CLICommand.forDialog(current: .disabled, enable: false, arn: arn, region: "us-east-1"), [],
                       "an OFF CA left off: nothing to run")
        XCTAssertEqual(CLICommand.forDialog(current: .enabled, enable: true, arn: arn, region: "us-east-1"), [])
        XCTAssertEqual(CLICommand.forDialog(current: .disabled, enable: true, arn: arn, region: "us-east-1").map { $0.prefix(28) },
                       ["aws acm-pca create-permissio"])
        XCTAssertEqual(CLICommand.forDialog(current: .enabled, enable: false, arn: arn, region: "us-east-1").map { $0.prefix(28) },
                       ["aws acm-pca delete-permissio"])
        XCTAssertEqual(CLICommand.forDialog(current: .partial(granted: [.getCertificate], missing: [.issueCertificate]),
                                            enable: true, arn: arn, region: "us-east-1").map { $0.prefix(28) },
                       ["aws acm-pca delete-permissio", "aws acm-pca create-permissio"])
    }

    func testQuitKeys() {
        var state = demoState()
        XCTAssertEqual(send(&state, .character("q")), [.quit])
        var inDialog = demoState()
        send(&inDialog, .character("p"))
        XCTAssertEqual(send(&inDialog, .control("c")), [.quit], "Ctrl-C quits from anywhere")
        var terminated = demoState()
        XCTAssertEqual(Reducer.reduce(&terminated, .terminate), [.quit])
    }

    func testASignalWhoseChangeEndedFirstStillQuits() {
        var state = demoState()
        _ = Reducer.reduce(&state, .writesInFlight(1))
        _ = Reducer.reduce(&state, .writesInFlight(0))
        XCTAssertEqual(Reducer.reduce(&state, .signalDuringWrite(pending: ["grant on arn:x"])), [.quit],
                       "the write ended before the signal's event was read")
        XCTAssertTrue(state.quitting)
    }

    func testResizeClampsTheSelection() {
        var state = demoState(height: 30)
        send(&state, .character("G"))
        _ = Reducer.reduce(&state, .resize(width: 80, height: 12))
        XCTAssertEqual(state.width, 80)
        XCTAssertGreaterThanOrEqual(state.selected, state.scrollTop)
        XCTAssertLessThan(state.selected, state.scrollTop + state.tableHeight)
        _ = Reducer.reduce(&state, .resize(width: 20, height: 5))
        XCTAssertTrue(state.isTooSmall)
    }

    func testMessagesExpireAndAutoRefreshReloads() {
        var state = demoState()
        send(&state, .character("c"))
        XCTAssertNotNil(state.message)
        _ = Reducer.reduce(&state, .tick(fixedNow.addingTimeInterval(10)))
        XCTAssertNil(state.message)
        XCTAssertNil(state.nextWakeup, "idle: nothing scheduled")
        var refreshing = demoState()
        refreshing.autoRefresh = 60
        let seed = DemoSeed.state(.demo, now: fixedNow)
        _ = Reducer.reduce(&refreshing, .tagsLoaded(generation: 1, [], done: seed.authorities.count, total: seed.authorities.count))
        XCTAssertEqual(refreshing.nextWakeup, fixedNow.addingTimeInterval(60))
        send(&refreshing, .character("?"))
        XCTAssertEqual(Reducer.reduce(&refreshing, .tick(fixedNow.addingTimeInterval(61))), [], "not under an overlay")
        XCTAssertEqual(refreshing.nextWakeup, fixedNow.addingTimeInterval(66), "postponed, not busy-waiting")
        send(&refreshing, .escape)
        let effects = Reducer.reduce(&refreshing, .tick(fixedNow.addingTimeInterval(67)))
        XCTAssertEqual(effects, [.loadInventory(generation: 2)])
    }

    func testActivityLogKeepsRecentCalls() {
        var state = demoState()
        for index in 0..<(AppState.activityLimit + 5) {
            _ = Reducer.reduce(&state, .apiCall(APICallRecord(operation: "ListPermissions", startedAt: fixedNow, duration: 0.01,
                                                               statusCode: 200, errorCode: nil, requestID: "r\(index)",
                                                               attempts: 1, resourceARN: nil)))
        }
        XCTAssertEqual(state.activity.count, AppState.activityLimit)
        XCTAssertEqual(state.activity.last?.requestID, "r\(AppState.activityLimit + 4)")
        send(&state, .character("L"))
        guard case .activity? = state.overlay else { return XCTFail("no activity log") }
        send(&state, .escape)
        XCTAssertNil(state.overlay)
    }

    func testIdentityFillsTheHeader() {
        var state = demoState()
        _ = Reducer.reduce(&state, .identityLoaded(CallerIdentity(account: "999", arn: "arn:aws:iam::999:user/x", userID: "u")))
        XCTAssertEqual(state.header.account, "999")
        XCTAssertEqual(state.header.callerARN, "arn:aws:iam::999:user/x")
    }
}

final class SharedCAReducerTests: XCTestCase {
    func testSharedCAsJoinWithANotApplicableVerdict() {
        var state = demoState()
        let shared = CertificateAuthority(arn: "arn:aws:acm-pca:us-east-1:777788889999:certificate-authority/shared-1",
                                          ownerAccount: "777788889999", status: .active,
                                          certificateAuthorityConfiguration: CertificateAuthorityConfiguration(
                                              subject: ASN1Subject(commonName: "Partner Shared CA")))
        let entry = CARecord(authority: shared, renewal: .unknown(reason: "shared from 777788889999"))
        _ = Reducer.reduce(&state, .sharedLoaded(generation: 1, [entry]))
        let row = state.rows[state.rowIndexByARN[shared.arn!]!]
        XCTAssertEqual(row.readiness(callerAccount: "111122223333", now: fixedNow)?.word, "N/A")
        XCTAssertTrue(state.visible.contains(state.rowIndexByARN[shared.arn!]!))
        _ = Reducer.reduce(&state, .sharedLoaded(generation: 1, [entry]))
        XCTAssertEqual(state.rows.filter { $0.arn == shared.arn }.count, 1, "no duplicates")
        _ = Reducer.reduce(&state, .sharedLoaded(generation: 0, [entry]))
    }
}

final class MouseClickTests: XCTestCase {
    func testClickSelectsARowAndAClickOnTheSelectedRowOpensIt() {
        var state = demoState(width: 100, height: 30)
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(send(&state, .click(x: 10, y: ListView.firstRowY + 3)), [])
        XCTAssertEqual(state.selected, 3)
        let opened = send(&state, .click(x: 40, y: ListView.firstRowY + 3))
        XCTAssertEqual(opened, [.loadDetail(arn: state.rows[state.visible[3]].arn)])
    }

    func testClicksOutsideTheRowsDoNothing() {
        var state = demoState(width: 100, height: 30)
        XCTAssertEqual(send(&state, .click(x: 10, y: 0), .click(x: 10, y: ListView.firstRowY - 1)), [])
        XCTAssertEqual(send(&state, .click(x: 10, y: ListView.firstRowY + 20)), [], "below the last of 12 rows")
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(state.screen, .list)
    }

    func testClickFollowsTheScrollPosition() {
        var state = demoState(width: 100, height: 12)
        send(&state, .end)
        XCTAssertGreaterThan(state.scrollTop, 0)
        send(&state, .click(x: 10, y: ListView.firstRowY))
        XCTAssertEqual(state.selected, state.scrollTop)
    }

    func testClicksUnderAnOverlayAreIgnored() {
        var state = demoState(width: 100, height: 30)
        send(&state, .character("?"))
        XCTAssertEqual(send(&state, .click(x: 10, y: ListView.firstRowY + 3)), [])
        XCTAssertEqual(state.selected, 0)
    }
}
