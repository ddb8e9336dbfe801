import Foundation
import PCAClient
@testable import PCALocal
import XCTest

/// The emulator's patterns match the whole value: ICU's `$` also matches before a final line break, `\z` does not.
final class PatternEndTests: XCTestCase {
    func testAFinalLineBreakFailsEveryPattern() throws {
        XCTAssertNoThrow(try Emulator.validate(tags: [Tag(key: "team", value: "pki")]))
        XCTAssertThrowsError(try Emulator.validate(tags: [Tag(key: "team\n", value: "pki")]))
        XCTAssertThrowsError(try Emulator.validate(tags: [Tag(key: "team", value: "pki\n")]))

        XCTAssertTrue(ResourcePolicyEvaluator.wildcard("acm-pca:Issue*", matches: "acm-pca:IssueCertificate"))
        XCTAssertFalse(ResourcePolicyEvaluator.wildcard("acm-pca:IssueCertificate", matches: "acm-pca:IssueCertificate\n"))

        XCTAssertEqual(try STSAnswers.assumeRoleInput(["RoleSessionName": "pca-tui"]).sessionName, "pca-tui")
        XCTAssertThrowsError(try STSAnswers.assumeRoleInput(["RoleSessionName": "pca-tui\n"]))
    }
}
