import Foundation
import PCALocal
import XCTest

/// The scriptable commands of the real binary against pca-local over HTTP.
final class CommandsOverHTTPTests: XCTestCase {
    private var server: LocalServer!

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        server = try LocalServer()
    }

    override func tearDown() {
        server?.stop()
    }

    private func pcaTUI(_ arguments: [String], key: String = "AKIDLOCALADMIN", secret: String = "local-admin-secret") throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"), arguments + ["--endpoint-url", server.endpoint, "--region", "us-east-1"],
                           environment: ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "HOME": "/nonexistent",
                                         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                                         "AWS_EC2_METADATA_DISABLED": "true", "PATH": "/usr/bin:/bin"])
    }

    func testListJSONIsOneDocument() throws {
        let run = try pcaTUI(["list", "--output", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 12, "11 CAs of the account and one shared from another")
        XCTAssertEqual(Set(rows.compactMap { $0["acmRenewal"] as? String }), ["enabled", "off", "partial", "unknown", "n/a"])
    }

    func testEnableThenStatusThenIssuerDenied() throws {
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let enable = try pcaTUI(["acm-renewal", "enable", arn, "--yes"])
        XCTAssertEqual(enable.status, 0, enable.stderr)
        XCTAssertTrue(enable.stdout.contains("Verified with ListPermissions: ACM can renew certificates from this CA"), enable.stdout)
        let status = try pcaTUI(["acm-renewal", "status", arn, "--output", "json"])
        XCTAssertTrue(status.stdout.contains("\"acmRenewal\" : \"enabled\""), status.stdout)
        let denied = try pcaTUI(["acm-renewal", "disable", arn, "--yes"], key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        XCTAssertEqual(denied.status, 1)
        XCTAssertTrue(denied.stderr.hasPrefix("pca-tui: AccessDeniedException: "), denied.stderr)
        XCTAssertEqual(denied.stdout, "")
    }

    func testExitStatuses() throws {
        XCTAssertEqual(try pcaTUI(["list", "--bogus"]).status, 2)
        XCTAssertEqual(try pcaTUI(["report"]).status, 3)
        XCTAssertEqual(try pcaTUI(["describe", DemoSeed.arn(DemoSeed.ID.root)]).status, 0)
        let badKey = try pcaTUI(["list"], key: "AKIDNOBODY")
        XCTAssertEqual(badKey.status, 1)
        XCTAssertTrue(badKey.stderr.contains("UnrecognizedClientException"), badKey.stderr)
        let version = try pcaTUI(["--version"])
        XCTAssertTrue(version.stdout.hasPrefix("pca-tui "))
    }
}
