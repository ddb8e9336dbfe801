import Foundation
import PCALocal
import PCAProcess
import XCTest

/// Who changed a CA, seen two ways over HTTP: boto3's `lookup_events` against pca-local, and
/// `pca-tui history CA -o json`. Both must show the same events. Skipped when Python with boto3 is missing,
/// except in CI (CI=true), where that is a failure.
final class CloudTrailOverHTTPTests: XCTestCase {
    private var server: LocalServer!
    private let environment = ["AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "HOME": "/nonexistent",
                               "AWS_EC2_METADATA_DISABLED": "true", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        let probe = try? ChildProcess.run(["python3", "-c", "import boto3"], timeout: 60)
        guard probe?.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("boto3 is required in CI (pip install boto3)") }
            throw XCTSkip("boto3 is not installed")
        }
        server = try LocalServer()
    }

    override func tearDown() {
        server?.stop()
    }

    private func pcaTUI(_ arguments: [String], key: String = "AKIDLOCALADMIN", secret: String = "local-admin-secret") throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"), arguments + ["--endpoint-url", server.endpoint, "--region", "us-east-1"],
                           environment: environment.merging(["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret]) { $1 })
    }

    /// boto3's view of a CA's history: every page (two events a page), ACM Private CA's events of the kinds
    /// pca-tui shows; then the one-attribute rule as boto3's modeled exception.
    private static let script = #"""
    import json, sys
    import boto3
    endpoint, arn = sys.argv[1], sys.argv[2]
    client = boto3.client("cloudtrail", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="AKIDLOCALADMIN", aws_secret_access_key="local-admin-secret")
    names = {"CreatePermission", "DeletePermission", "PutPolicy", "DeletePolicy", "UpdateCertificateAuthority",
             "RevokeCertificate", "IssueCertificate", "DeleteCertificateAuthority"}
    events, pages = [], 0
    for page in client.get_paginator("lookup_events").paginate(
            LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": arn}], PaginationConfig={"PageSize": 2}):
        pages += 1
        for event in page["Events"]:
            record = json.loads(event["CloudTrailEvent"])
            if record["eventSource"] != "acm-pca.amazonaws.com" or event["EventName"] not in names:
                continue
            events.append({"eventId": event["EventId"], "eventName": event["EventName"], "username": event["Username"],
                           "eventTime": event["EventTime"].strftime("%Y-%m-%dT%H:%M:%SZ"), "errorCode": record.get("errorCode"),
                           "sourceIPAddress": record.get("sourceIPAddress"), "identityType": record["userIdentity"]["type"]})
    try:
        client.lookup_events(LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "jdoe"},
                                               {"AttributeKey": "EventName", "AttributeValue": "DeletePermission"}])
        rule = "accepted"
    except client.exceptions.InvalidLookupAttributesException:
        rule = "InvalidLookupAttributesException"
    print(json.dumps({"events": events, "pages": pages, "twoAttributes": rule}))
    """#

    private func boto3History(_ arn: String) throws -> [String: Any] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("history.py")
        try Data(Self.script.utf8).write(to: script)
        let run = try ChildProcess.run(["python3", script.path, server.endpoint, arn], environment: environment, timeout: 120)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout + run.stderr)
    }

    func testBoto3AndHistorySeeTheSameEvents() throws {
        let payments = DemoSeed.arn(DemoSeed.ID.payments)
        // Two more events on top of the demo's: the admin's grant of the missing action, and the issuer's
        // refused attempt to remove the grant.
        let enable = try pcaTUI(["acm-renewal", "enable", payments, "--yes"])
        XCTAssertEqual(enable.status, 0, enable.stderr)
        let denied = try pcaTUI(["acm-renewal", "disable", payments, "--yes"], key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        XCTAssertNotEqual(denied.status, 0)

        let history = try pcaTUI(["history", payments, "-o", "json"])
        XCTAssertEqual(history.status, 0, history.stderr)
        let ours = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]])
        let boto3 = try boto3History(payments)
        let theirs = try XCTUnwrap(boto3["events"] as? [[String: Any]])

        XCTAssertGreaterThanOrEqual(boto3["pages"] as? Int ?? 0, 3, "boto3 followed NextToken across pages")
        XCTAssertEqual(boto3["twoAttributes"] as? String, "InvalidLookupAttributesException")
        XCTAssertEqual(ours.map { $0["eventId"] as? String }, theirs.map { $0["eventId"] as? String })
        XCTAssertEqual(ours.map { $0["eventName"] as? String }, theirs.map { $0["eventName"] as? String })
        XCTAssertEqual(ours.map { $0["eventTime"] as? String }, theirs.map { $0["eventTime"] as? String })
        XCTAssertEqual(ours.map { $0["errorCode"] as? String }, theirs.map { $0["errorCode"] as? String })
        XCTAssertEqual(ours.map { $0["sourceIPAddress"] as? String }, theirs.map { $0["sourceIPAddress"] as? String })
        XCTAssertEqual(ours.map { $0["who"] as? String }, theirs.map { $0["username"] as? String }, "IAM users: the same name")
        XCTAssertGreaterThanOrEqual(ours.count, 4)
        let newest = try XCTUnwrap(ours.first)
        XCTAssertEqual(newest["who"] as? String, "ca-issuer")
        XCTAssertEqual(newest["eventName"] as? String, "DeletePermission")
        XCTAssertEqual(newest["errorCode"] as? String, "AccessDeniedException")
        XCTAssertEqual(ours[1]["who"] as? String, "ca-admin")
        let removal = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["lastGrantRemoval"] as? [String: Any])
        // Enabling a partial grant replaces it (DeletePermission, then CreatePermission of all three).
        XCTAssertEqual(removal["who"] as? String, "ca-admin")
        XCTAssertTrue(ours.contains { $0["who"] as? String == "jdoe" && $0["eventName"] as? String == "DeletePermission" })
    }
}
