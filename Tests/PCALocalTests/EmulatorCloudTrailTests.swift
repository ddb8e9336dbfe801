import Foundation
import PCAClient
import PCALocal
import XCTest

/// The emulator's CloudTrail: what it records for writes and refused attempts, and LookupEvents with
/// CloudTrail's rules (one attribute, time range, 1 to 50 a page, NextToken, two lookups a second).
final class EmulatorCloudTrailTests: XCTestCase {
    /// A clock the test and the client's pacing move; the emulator reads the same one.
    final class TrailClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date()
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: Double) { lock.withLock { current += seconds } }
    }

    private let clock = TrailClock()
    private let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
    private let payments = DemoSeed.arn(DemoSeed.ID.payments)

    private func emulator(_ state: EmulatorState? = nil) -> Emulator {
        let clock = self.clock
        return Emulator(state: state ?? DemoSeed.state(.demo, now: clock.now), now: { clock.now })
    }

    private func client(_ emulator: Emulator, user: DemoUser = .admin) -> PCAClient {
        let clock = self.clock
        return PCAClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                         credentialProvider: StaticCredentialProvider(user.credentials), transport: InProcessTransport(emulator: emulator),
                         retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), now: { clock.now }, sleep: { clock.advance($0) })
    }

    private func trail(_ emulator: Emulator, user: DemoUser = .admin) -> CloudTrailClient {
        let pca = client(emulator, user: user)
        return CloudTrailClient(sharing: pca, endpoint: pca.endpoint)
    }

    /// Every page of one lookup, through `client`'s pacing.
    private func lookup(_ client: CloudTrailClient, _ attribute: LookupAttribute?, maxResults: Int? = nil) async throws -> [LookupEvent] {
        var events: [LookupEvent] = []
        var token: String?
        repeat {
            let page = try await client.lookupEvents(LookupEventsRequest(
                lookupAttributes: attribute.map { [$0] }, maxResults: maxResults, nextToken: token))
            events += page.events ?? []
            token = page.nextToken
        } while token != nil
        return events
    }

    private func record(_ event: LookupEvent?) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(event?.cloudTrailEvent).utf8)) as? [String: Any])
    }

    /// A write is recorded as CloudTrail records it; reads are not.
    func testWritesAreRecordedInCloudTrailsShape() async throws {
        let emulator = emulator()
        let cloudTrail = trail(emulator)
        let pca = client(emulator)
        try await pca.createPermission(arn: internalCA, principal: "acm.amazonaws.com", actions: PermissionAction.acmRenewalActions)
        _ = try await pca.listPermissions(arn: internalCA)
        let events = try await lookup(cloudTrail, LookupAttribute(.resourceName, internalCA))
        XCTAssertEqual(events.map(\.eventName), ["CreatePermission"])
        let event = try XCTUnwrap(events.first)
        XCTAssertEqual(event.eventSource, "acm-pca.amazonaws.com")
        XCTAssertEqual(event.username, "ca-admin")
        XCTAssertEqual(event.readOnly, "false")
        XCTAssertEqual(event.accessKeyId, "AKIDLOCALADMIN")
        XCTAssertEqual(event.resources, [TrailResource(resourceType: "AWS::ACMPCA::CertificateAuthority", resourceName: internalCA)])
        XCTAssertEqual(event.eventTime?.timeIntervalSince1970 ?? 0, clock.now.timeIntervalSince1970, accuracy: 1)
        let record = try record(event)
        let identity = try XCTUnwrap(record["userIdentity"] as? [String: Any])
        XCTAssertEqual(identity["type"] as? String, "IAMUser")
        XCTAssertEqual(identity["userName"] as? String, "ca-admin")
        XCTAssertEqual(identity["arn"] as? String, "arn:aws:iam::111122223333:user/ca-admin")
        XCTAssertEqual(identity["accountId"] as? String, "111122223333")
        XCTAssertEqual(record["eventSource"] as? String, "acm-pca.amazonaws.com")
        XCTAssertEqual(record["awsRegion"] as? String, "us-east-1")
        XCTAssertEqual(record["eventID"] as? String, event.eventId)
        XCTAssertEqual(record["readOnly"] as? Bool, false)
        XCTAssertTrue((record["userAgent"] as? String ?? "").hasPrefix("pca-tui/"))
        XCTAssertNotNil(record["requestID"] as? String)
        let parameters = try XCTUnwrap(record["requestParameters"] as? [String: Any])
        XCTAssertEqual(parameters["certificateAuthorityArn"] as? String, internalCA)
        XCTAssertEqual(parameters["actions"] as? [String], ["IssueCertificate", "GetCertificate", "ListPermissions"])
        XCTAssertNil(record["errorCode"])
    }

    /// A refused call is recorded with its error code and message; PutPolicy's record holds the whole policy.
    func testRefusedAttemptsAndPoliciesAreRecorded() async throws {
        let emulator = emulator()
        let cloudTrail = trail(emulator)
        let code = await awsErrorCode { try await self.client(emulator, user: .issuer).deletePermission(arn: self.payments, principal: "acm.amazonaws.com") }
        XCTAssertEqual(code, "AccessDeniedException")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"acm-pca:GetCertificate","Resource":"\#(internalCA)"}]}"#
        let _: EmptyResponse = try await client(emulator).send("PutPolicy", ["ResourceArn": internalCA, "Policy": policy])
        let denied = try await lookup(cloudTrail, LookupAttribute(.username, "ca-issuer"))
        XCTAssertEqual(denied.map(\.eventName), ["DeletePermission", "DeletePermission"], "this one, and the demo's of 60 days ago")
        let deniedRecord = try record(denied.first)
        XCTAssertEqual(deniedRecord["errorCode"] as? String, "AccessDeniedException")
        XCTAssertTrue((deniedRecord["errorMessage"] as? String ?? "").contains("acm-pca:DeletePermission"))
        let put = try await lookup(cloudTrail, LookupAttribute(.eventName, "PutPolicy"))
        XCTAssertEqual(((try record(put.first))["requestParameters"] as? [String: Any])?["policy"] as? String, policy)
    }

    /// Every attribute key of the model filters; the demo history is there from the start.
    func testEachLookupAttribute() async throws {
        let emulator = emulator()
        let cloudTrail = trail(emulator)
        let all = try await lookup(cloudTrail, nil)
        XCTAssertEqual(all.count, 7)
        XCTAssertEqual(all.compactMap(\.eventTime), all.compactMap(\.eventTime).sorted(by: >), "newest first")
        let cases: [(LookupAttribute, Int)] = [
            (LookupAttribute(.resourceName, payments), 3), (LookupAttribute(.username, "jdoe"), 2),
            (LookupAttribute(.eventName, "DeletePermission"), 2), (LookupAttribute(.readOnly, "false"), 7),
            (LookupAttribute(.readOnly, "true"), 0), (LookupAttribute(.resourceType, "AWS::ACMPCA::CertificateAuthority"), 7),
            (LookupAttribute(.eventSource, "acm-pca.amazonaws.com"), 7), (LookupAttribute(.eventSource, "acm.amazonaws.com"), 0),
            (LookupAttribute(.accessKeyId, "AKIDLOCALISSUER"), 1), (LookupAttribute(.eventId, all[2].eventId ?? ""), 1),
        ]
        for (attribute, count) in cases {
            clock.advance(1)
            let found = try await lookup(cloudTrail, attribute)
            XCTAssertEqual(found.count, count, "\(attribute)")
        }
    }

    /// StartTime and EndTime bound the events; a start after the end is InvalidTimeRangeException; nothing
    /// older than 90 days is kept for lookup.
    func testTimeRange() async throws {
        let emulator = emulator()
        let cloudTrail = trail(emulator)
        let now = clock.now
        let lastMonth = try await cloudTrail.lookupEvents(LookupEventsRequest(startTime: now.addingTimeInterval(-31 * 86_400)))
        XCTAssertEqual(lastMonth.events?.map(\.eventName), ["DeleteCertificateAuthority", "PutPolicy"])
        clock.advance(1)
        let window = try await cloudTrail.lookupEvents(LookupEventsRequest(
            startTime: now.addingTimeInterval(-81 * 86_400), endTime: now.addingTimeInterval(-79 * 86_400)))
        XCTAssertEqual(window.events?.map(\.username), ["jdoe", "jdoe"])
        clock.advance(1)
        let code = await awsErrorCode { _ = try await cloudTrail.lookupEvents(LookupEventsRequest(startTime: now, endTime: now.addingTimeInterval(-1))) }
        XCTAssertEqual(code, "InvalidTimeRangeException")
        clock.advance(5 * 86_400)
        let later = try await lookup(cloudTrail, LookupAttribute(.resourceName, payments))
        XCTAssertEqual(later.map(\.eventName), ["CreatePermission", "DeletePermission"], "the CreatePermission of 89 days ago aged out")
    }

    /// Pages of MaxResults, NextToken good only with the same parameters, MaxResults 1 to 50.
    func testPagingAndMaxResults() async throws {
        let emulator = emulator()
        let cloudTrail = trail(emulator)
        let first = try await cloudTrail.lookupEvents(LookupEventsRequest(maxResults: 3))
        XCTAssertEqual(first.events?.count, 3)
        let token = try XCTUnwrap(first.nextToken)
        clock.advance(1)
        let paged = try await lookup(cloudTrail, nil, maxResults: 3)
        XCTAssertEqual(paged.count, 7)
        XCTAssertEqual(Array(paged.prefix(3)), first.events)
        clock.advance(1)
        let other = await awsErrorCode {
            _ = try await cloudTrail.lookupEvents(LookupEventsRequest(
                lookupAttributes: [LookupAttribute(.username, "jdoe")], maxResults: 3, nextToken: token))
        }
        XCTAssertEqual(other, "InvalidNextTokenException", "a token is good only for the lookup it came from")
        for bad in [0, 51] {
            clock.advance(1)
            let code = await awsErrorCode { _ = try await cloudTrail.lookupEvents(LookupEventsRequest(maxResults: bad)) }
            XCTAssertEqual(code, "InvalidMaxResultsException", "\(bad)")
        }
    }

    /// One lookup attribute at most; an unknown key, an empty value, a bad event category are refused.
    func testOneAttributeRuleAndModelErrors() async throws {
        let emulator = emulator()
        let target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"
        let bodies: [(String, String)] = [
            (#"{"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"jdoe"},{"AttributeKey":"EventName","AttributeValue":"DeletePermission"}]}"#,
             "InvalidLookupAttributesException"),
            (#"{"LookupAttributes":[{"AttributeKey":"Colour","AttributeValue":"red"}]}"#, "InvalidLookupAttributesException"),
            (#"{"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":""}]}"#, "InvalidLookupAttributesException"),
            (#"{"EventCategory":"data"}"#, "InvalidEventCategoryException"),
            (#"{"NextToken":"not-a-token"}"#, "InvalidNextTokenException"),
        ]
        for (body, expected) in bodies {
            clock.advance(1)
            let response = emulator.respond(to: signedRequest(target: target, body: body, service: "cloudtrail", date: clock.now))
            XCTAssertEqual(errorCode(of: response), expected, body)
        }
        clock.advance(1)
        let insight = emulator.respond(to: signedRequest(target: target, body: #"{"EventCategory":"insight"}"#, service: "cloudtrail", date: clock.now))
        XCTAssertEqual(String(decoding: insight.body, as: UTF8.self), #"{"Events":[]}"#)
        clock.advance(1)
        let wrongScope = emulator.respond(to: signedRequest(target: target, body: "{}", service: "acm-pca", date: clock.now))
        XCTAssertEqual(errorCode(of: wrongScope), "InvalidSignatureException", "CloudTrail is signed for cloudtrail")
    }

    /// Two lookups a second: the third at the same instant is throttled; half a second later one more goes.
    func testLookupsAreThrottledAtTwoPerSecond() async throws {
        let emulator = emulator()
        let target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"
        let codes = (0..<3).map { _ in errorCode(of: emulator.respond(to: signedRequest(target: target, body: "{}", service: "cloudtrail", date: clock.now))) }
        XCTAssertEqual(codes, [nil, nil, "ThrottlingException"])
        clock.advance(0.5)
        XCTAssertNil(errorCode(of: emulator.respond(to: signedRequest(target: target, body: "{}", service: "cloudtrail", date: clock.now))))
    }

    /// The issuer user has no cloudtrail:LookupEvents.
    func testLookupNeedsPermission() async throws {
        let emulator = emulator()
        let code = await awsErrorCode { _ = try await self.trail(emulator, user: .issuer).lookupEvents(LookupEventsRequest()) }
        XCTAssertEqual(code, "AccessDeniedException")
    }

    /// The log keeps the last 10,000 events, and lives in the state file.
    func testLogIsBoundedAndPersisted() async throws {
        var state = DemoSeed.state(.demo, now: clock.now)
        let filler = try XCTUnwrap(state.cloudTrailEvents?.first)
        state.cloudTrailEvents = (0..<(Emulator.trailCapacity - 1)).map { index in
            var event = filler
            event.eventID = "filler-\(index)"
            return event
        }
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        try state.save(to: path)
        let clock = self.clock
        let first = try Emulator.open(seed: .demo, statePath: path, now: { clock.now })
        let pca = client(first)
        try await pca.createPermission(arn: internalCA, principal: "acm.amazonaws.com", actions: [.issueCertificate])
        try await pca.deletePermission(arn: internalCA, principal: "acm.amazonaws.com")
        let events = try XCTUnwrap(first.snapshot.cloudTrailEvents)
        XCTAssertEqual(events.count, Emulator.trailCapacity)
        XCTAssertEqual(events.first?.eventID, "filler-1", "the oldest was dropped")
        let reopened = try Emulator.open(seed: .empty, statePath: path, now: { clock.now })
        XCTAssertEqual(reopened.snapshot.cloudTrailEvents?.suffix(2).map(\.eventName), ["CreatePermission", "DeletePermission"])
    }
}
