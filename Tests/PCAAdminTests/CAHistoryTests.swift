import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// The history model read from CloudTrail's answers, hostile ones included.
final class CAHistoryTests: XCTestCase {
    private let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func record(_ name: String, at offset: TimeInterval, identity: [String: Any] = ["type": "IAMUser", "userName": "jdoe"],
                        parameters: [String: Any] = [:], error: String? = nil) -> LookupEvent {
        var object: [String: Any] = [
            "eventName": name, "eventSource": "acm-pca.amazonaws.com", "userIdentity": identity,
            "eventTime": AWSTimestamp.iso8601(start.addingTimeInterval(offset)), "sourceIPAddress": "198.51.100.23",
            "eventID": "event-\(name)-\(Int(offset))", "requestParameters": parameters,
        ]
        if let error { object["errorCode"] = error }
        let text = String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return LookupEvent(eventId: "event-\(name)-\(Int(offset))", eventName: name, eventTime: start.addingTimeInterval(offset),
                           eventSource: "acm-pca.amazonaws.com", username: "outer-name",
                           resources: [TrailResource(resourceType: "AWS::ACMPCA::CertificateAuthority", resourceName: arn)],
                           cloudTrailEvent: text)
    }

    private func history(_ events: [LookupEvent]) -> CAHistory {
        CAHistory(certificateAuthorityArn: arn, start: start, end: start.addingTimeInterval(86_400 * 90), lookups: events)
    }

    /// Malformed CloudTrailEvent JSON is one unreadable event (with the indexed fields), not a failure; the
    /// events around it are read as usual.
    func testMalformedEventIsOneUnreadableEvent() {
        var broken = record("DeletePermission", at: 10)
        broken.cloudTrailEvent = #"{"eventName": "DeletePermission", "userIdentity": {"#
        var notObject = record("PutPolicy", at: 20)
        notObject.cloudTrailEvent = "[1, 2, 3]"
        var missing = record("DeletePolicy", at: 25)
        missing.cloudTrailEvent = nil
        var huge = record("DeletePolicy", at: 26)
        huge.cloudTrailEvent = String(repeating: " ", count: CAHistoryEvent.maximumEventBytes + 1)
        let good = record("CreatePermission", at: 30, parameters: ["principal": "acm.amazonaws.com", "actions": ["IssueCertificate"]])
        let result = history([broken, notObject, good, missing, huge])
        XCTAssertEqual(result.events.map(\.name), ["CreatePermission", "DeletePolicy", "DeletePolicy", "PutPolicy", "DeletePermission"])
        let unreadable = result.events.filter { $0.unreadable != nil }
        XCTAssertEqual(unreadable.count, 4)
        XCTAssertEqual(unreadable.last?.who, "outer-name", "the indexed Username stands in")
        XCTAssertTrue(unreadable.allSatisfy { $0.change.hasPrefix("unreadable event") })
        XCTAssertNil(result.lastGrantRemoval, "an unreadable DeletePermission names nobody")
        XCTAssertEqual(result.events.first?.change, "grant acm.amazonaws.com IssueCertificate")
    }

    /// Wrong types in the record (a number for userName, a string for actions) are left out, never trusted.
    func testWrongTypesAreIgnored() {
        var event = record("CreatePermission", at: 0, identity: ["type": "IAMUser", "userName": 42],
                           parameters: ["principal": ["nested": true], "actions": "IssueCertificate"])
        event.username = nil
        let read = history([event]).events[0]
        XCTAssertEqual(read.who, "-")
        XCTAssertNil(read.principal)
        XCTAssertEqual(read.actions, [])
    }

    /// Escape sequences in the user name are kept as data by the model (the faces escape them on output).
    func testEscapeSequencesInUserNameAreKeptForTheFacesToEscape() {
        let event = record("DeletePermission", at: 0, identity: ["type": "IAMUser", "userName": "evil\u{1B}]0;pwned\u{07}\u{1B}[2J"],
                           parameters: ["principal": "acm.amazonaws.com"])
        let read = history([event]).events[0]
        XCTAssertEqual(read.who, "evil\u{1B}]0;pwned\u{07}\u{1B}[2J")
        XCTAssertEqual(history([event]).lastGrantRemoval?.eventID, read.eventID)
    }

    /// An assumed role is named role/session; root as root.
    func testWhoNamesRoleSessionsAndRoot() {
        let role = record("UpdateCertificateAuthority", at: 0, identity: [
            "type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ca-admin-role/alice",
            "sessionContext": ["sessionIssuer": ["type": "Role", "userName": "ca-admin-role"]],
        ], parameters: ["status": "DISABLED", "revocationConfiguration": ["crlConfiguration": ["enabled": false]]])
        let root = record("DeletePolicy", at: 1, identity: ["type": "Root", "arn": "arn:aws:iam::111122223333:root"])
        let events = history([role, root]).events
        XCTAssertEqual(events.map(\.who), ["root", "ca-admin-role/alice"])
        XCTAssertEqual(events[1].change, "update the CA: status DISABLED, CRL off")
    }

    /// A PutPolicy is compared with the PutPolicy before it: the grant added, the grant dropped. A refused
    /// PutPolicy does not count as the policy before.
    func testPolicyDiffAgainstThePolicyBefore() {
        func policy(_ actions: [String]) -> String {
            let statement: [String: Any] = ["Effect": "Allow", "Principal": ["AWS": "444455556666"],
                                            "Action": actions.map { "acm-pca:\($0)" }, "Resource": "*"]
            let object: [String: Any] = ["Version": "2012-10-17", "Statement": [statement]]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let first = record("PutPolicy", at: 0, parameters: ["policy": policy(["GetCertificate"])])
        let refused = record("PutPolicy", at: 5, parameters: ["policy": policy(["DeleteCertificateAuthority"])], error: "AccessDeniedException")
        let second = record("PutPolicy", at: 10, parameters: ["policy": policy(["IssueCertificate"])])
        let events = history([second, refused, first]).events
        XCTAssertEqual(events.map(\.eventID), [second, refused, first].map(\.eventId))
        XCTAssertEqual(events[0].change, "put the resource policy: + account 444455556666: IssueCertificate; - account 444455556666: GetCertificate")
        XCTAssertEqual(events[1].change, "tried to put a resource policy")
        XCTAssertEqual(events[1].errorCode, "AccessDeniedException")
        XCTAssertTrue(events[2].change.hasPrefix("put the resource policy (the one before is older than the history): + account 444455556666: GetCertificate"),
                      events[2].change)
    }

    /// The last grant removal is the newest DeletePermission that went through; refused ones and other
    /// services' events do not count.
    func testLastGrantRemoval() {
        let old = record("DeletePermission", at: 0, identity: ["type": "IAMUser", "userName": "old-admin"],
                         parameters: ["certificateAuthorityArn": arn, "principal": "acm.amazonaws.com"])
        let newer = record("DeletePermission", at: 100, identity: ["type": "IAMUser", "userName": "jdoe"],
                           parameters: ["certificateAuthorityArn": arn, "principal": "acm.amazonaws.com"])
        let refused = record("DeletePermission", at: 200, identity: ["type": "IAMUser", "userName": "ca-issuer"], error: "AccessDeniedException")
        var otherService = record("DeletePermission", at: 300)
        otherService.eventSource = "lambda.amazonaws.com"
        let other = record("ListPermissions", at: 400)
        let result = history([old, refused, newer, otherService, other])
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.lastGrantRemoval?.who, "jdoe")
        XCTAssertEqual(result.lastGrantRemoval?.principal, "acm.amazonaws.com")
        XCTAssertEqual(result.lastGrantRemoval?.certificateAuthorityArn, arn)
    }
}
