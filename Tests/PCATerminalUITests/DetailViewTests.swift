import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

final class DetailViewTests: XCTestCase {
    private func detailScreen(of name: String) -> String {
        var state = demoState(width: 100, height: 40)
        select(&state, name: name)
        send(&state, .enter)
        let seed = DemoSeed.state(.demo, now: fixedNow).authorities.first { $0.authority.commonName == name }!
        _ = Reducer.reduce(&state, .detailLoaded(arn: seed.arn, .success(CADetail(
            authority: seed.authority, permissions: .success(seed.permissions), policy: .success(seed.policy),
            tags: .success(seed.tags)))))
        return Renderer.render(state).snapshot(withStyles: false)
    }

    func testDetailNamesTheFailureACMWouldRecord() {
        XCTAssertTrue(detailScreen(of: "Example Corp Issuing CA - Internal").contains("ACM        renewal failure to expect: PCA_ACCESS_DENIED"))
        XCTAssertTrue(detailScreen(of: "Legacy Root CA 2015").contains("renewal failure to expect: PCA_INVALID_STATE"))
        XCTAssertFalse(detailScreen(of: "Example Corp Issuing CA - Web").contains("failure to expect"), "READY: nothing to report")
    }
}
