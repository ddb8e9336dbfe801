import Foundation
import PCAClient
import PCAProcess
import XCTest

/// The patterns pca-tui checks copied values against are the API model's, read as AWS reads them.
final class MemberPatternTests: XCTestCase {
    private static let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"

    /// Our `Arn` pattern and lengths equal botocore's model (`data/acm-pca/2017-08-22/service-2.json(.gz)`).
    /// Skipped when Python with botocore is missing, except in CI (CI=true), where that is a failure.
    func testARNPatternIsTheModelsPattern() throws {
        guard let python = try BotocoreCrossCheckTests.pythonWithBotocore() else { return }
        let script = """
            import json, botocore.loaders
            shape = botocore.loaders.Loader().load_service_model('acm-pca', 'service-2')['shapes']['Arn']
            print(json.dumps(shape))
            """
        let output = try ChildProcess.run([python, "-c", script], timeout: 120)
        XCTAssertEqual(output.status, 0, output.stderr)
        let shape = try XCTUnwrap(try JSONSerialization.jsonObject(with: output.standardOutput) as? [String: Any])
        XCTAssertEqual(shape["pattern"] as? String, MemberPattern.arn.pattern)
        XCTAssertEqual(shape["min"] as? Int, MemberPattern.arn.minLength)
        XCTAssertEqual(shape["max"] as? Int, MemberPattern.arn.maxLength)
    }

    func testARNsMatchAsAWSMatchesThem() {
        let valid = [Self.arn, "arn:aws-us-gov:acm-pca:us-gov-west-1:111122223333:certificate-authority/a+b=c,d.e@f-g_h",
                     "arn:aws-cn:acm-pca:cn-north-1:111122223333:certificate-authority/x/y"]
        for arn in valid { XCTAssertTrue(MemberPattern.arn.matches(arn), arn) }
        let base = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/"
        let invalid = [
            base + "x\u{1b}[201~", base + "x\r", base + "x\n", base + "x\u{9b}", base + "x\u{7f}", base + "x\u{202e}",
            base + "x\u{2028}", base + "x\u{2029}", base + "x\u{200b}", base + "x\u{200c}", base + "x\u{200d}",
            base + "x\u{2060}", base + "\u{feff}x", base + "x\u{0}",
            // `\w` is ASCII to AWS (Java), never a Unicode letter, digit or combining mark.
            base + "caf\u{e9}", base + "e\u{301}", base + "\u{661}",
            base + "x$(touch${IFS}f)", base + "x y", base + "x/", base + "", "arn:aws:acm:us-east-1:1:certificate/x",
            " " + Self.arn, Self.arn + "\n", String(Self.arn.prefix(4)),
            base + String(repeating: "a", count: 201 - base.count),
        ]
        for arn in invalid { XCTAssertFalse(MemberPattern.arn.matches(arn), arn.debugDescription) }
        XCTAssertTrue(MemberPattern.arn.matches(base + String(repeating: "a", count: 200 - base.count)), "200 is the model's max")
    }

    func testRegionsAreHostLabels() {
        for region in ["us-east-1", "us-gov-west-1", "cn-north-1", "eu-isoe-west-1"] {
            XCTAssertTrue(MemberPattern.region.matches(region), region)
        }
        for region in ["", "US-EAST-1", "us-east-1\u{1b}[201~", "us east", "us-east-1\r", "us.east", String(repeating: "a", count: 64)] {
            XCTAssertFalse(MemberPattern.region.matches(region), region.debugDescription)
        }
    }
}
