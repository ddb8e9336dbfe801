import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// Optional columns (owner, signing algorithm) and `:show` / `:hide`, like the console's column preferences.
final class ColumnTests: XCTestCase {
    private func run(_ state: inout AppState, _ command: String) {
        send(&state, .character(":"))
        for character in command { send(&state, .character(character)) }
        send(&state, .enter)
    }

    private func titles(_ state: AppState) -> [ListColumn] {
        ListView.layout(width: state.width, unicode: state.theme.unicode, hidden: state.hiddenColumns).map(\.column)
    }

    func testOwnerAndSigningAreHiddenUntilShown() {
        var state = demoState(width: 200, height: 30)
        XCTAssertEqual(titles(state), [.name, .id, .type, .status, .renewal, .readiness, .expiry, .key, .mode, .acmCerts])
        run(&state, "show owner")
        run(&state, "show SIGNING")
        XCTAssertEqual(titles(state).suffix(3), [.owner, .signing, .acmCerts])
        XCTAssertEqual(state.message?.text.hasPrefix("Showing signing"), true)
        let screen = Renderer.render(state).snapshot(withStyles: false)
        XCTAssertTrue(screen.contains("OWNER"), screen)
        XCTAssertTrue(screen.contains("SHA256WITHRSA"), screen)
        XCTAssertTrue(screen.contains("444455556666"), "the shared CA's owner account")
    }

    func testHidingAColumnAndTheOneItSortsBy() {
        var state = demoState(width: 200, height: 30)
        send(&state, .character("7"))
        XCTAssertEqual(state.sort.column, .expiry)
        run(&state, "hide expires")
        XCTAssertFalse(titles(state).contains(.expiry))
        XCTAssertEqual(state.sort, SortOrder(), "sorting by a hidden column falls back to the name")
        run(&state, "hide name")
        XCTAssertEqual(state.message?.text, "The name column is always shown")
        run(&state, "hide colour")
        XCTAssertEqual(state.message?.text.hasPrefix("No column 'colour'. Columns: name, id, type"), true)
        run(&state, "columns")
        XCTAssertEqual(state.message?.text, "Hidden columns: expires, owner, signing (:show NAME)")
    }

    func testNextSortSkipsHiddenColumns() {
        var state = demoState(width: 200, height: 30)
        state.sort = SortOrder(column: .mode)
        send(&state, .character("s"))
        XCTAssertEqual(state.sort.column, .acmCerts, "owner and signing are hidden: on to the ACM certificates")
        send(&state, .character("s"))
        XCTAssertEqual(state.sort.column, .name, "then back to the first column")
        run(&state, "show owner")
        state.sort = SortOrder(column: .mode)
        send(&state, .character("s"))
        XCTAssertEqual(state.sort.column, .owner)
    }

    func testSortingByOwnerPutsTheSharedCALast() {
        var state = demoState(width: 200, height: 30)
        run(&state, "show owner")
        state.sort = SortOrder(column: .mode)
        send(&state, .character("s"))
        let owners = state.visible.map { state.rows[$0].authority.ownerAccount ?? "" }
        XCTAssertEqual(owners.last, "444455556666")
        XCTAssertEqual(owners, owners.sorted())
    }

    func testNarrowTerminalsDropOptionalColumnsFirst() {
        var state = demoState(width: 120, height: 30)
        state.hiddenColumns = []
        let shown = titles(state)
        XCTAssertFalse(shown.contains(.signing))
        XCTAssertTrue(shown.contains(.status) && shown.contains(.renewal) && shown.contains(.readiness))
    }
}
