import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// A clock that moves only when the code under test sleeps.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_700_000_000)
    private var slept: [Double] = []

    var now: Date { lock.withLock { current } }
    var sleeps: [Double] { lock.withLock { slept } }

    func sleep(_ seconds: Double) {
        lock.withLock {
            slept.append(seconds)
            current += seconds
        }
    }
}

final class CloudTrailClientTests: XCTestCase {
    private func cloudTrail(_ transport: HTTPTransport, clock: SteppingClock) -> CloudTrailClient {
        let endpoint = ResolvedEndpoint(url: URL(string: "https://cloudtrail.us-east-1.amazonaws.com/")!,
                                        signingRegion: "us-east-1", isOverride: false)
        return CloudTrailClient(core: AWSJSONClient(service: .cloudTrail, endpoint: endpoint,
                                                    credentialProvider: StaticCredentialProvider(testCredentials),
                                                    transport: transport, retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1),
                                                    now: { clock.now }, sleep: { clock.sleep($0) }))
    }

    private func body(_ request: HTTPRequest) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
    }

    /// Five lookups go out half a second apart: never more than two in any second, and no real time passes.
    func testLookupsArePacedToTwoPerSecond() async throws {
        let clock = SteppingClock()
        let sentAt = LockedList<Date>()
        let transport = RecordingTransport { _, _ in
            sentAt.append(clock.now)
            return json(200, #"{"Events":[]}"#)
        }
        let client = cloudTrail(transport, clock: clock)
        for _ in 0..<5 { _ = try await client.lookupEvents(LookupEventsRequest()) }
        let times = sentAt.items.map { $0.timeIntervalSince(sentAt.items[0]) }
        XCTAssertEqual(times, [0, 0.5, 1, 1.5, 2])
        for (index, time) in times.enumerated() {
            XCTAssertLessThanOrEqual(times.filter { $0 >= time && $0 < time + 1 }.count, 2, "window starting at request \(index)")
        }
        XCTAssertEqual(clock.sleeps, [0.5, 0.5, 0.5, 0.5])
    }

    /// Concurrent lookups share the one pace: four callers at the same instant get the slots 0, 0.5, 1 and
    /// 1.5 seconds from then.
    func testConcurrentLookupsShareThePace() async throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let waits = LockedList<Double>()
        let pacer = RequestPacer(requestsPerSecond: 2, now: { start }, sleep: { waits.append($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await pacer.acquire() } }
            try await group.waitForAll()
        }
        XCTAssertEqual(waits.items.sorted(), [0.5, 1, 1.5])
    }

    /// A CA's history asks for its ARN as the one lookup attribute, 50 a page, and stops at the page bound
    /// when CloudTrail keeps paging (saying the history was cut).
    func testHistoryPagingIsBounded() async throws {
        let clock = SteppingClock()
        let transport = RecordingTransport { _, index in json(200, #"{"Events":[],"NextToken":"page-\#(index + 1)"}"#) }
        let history = try await CAHistory.load(arn: caARN, cloudTrail: cloudTrail(transport, clock: clock), days: 7,
                                               now: clock.now, maximumPages: 3)
        XCTAssertTrue(history.truncated)
        XCTAssertEqual(transport.requests.count, 3)
        let first = try body(transport.requests[0])
        XCTAssertEqual(first["LookupAttributes"] as? [[String: String]], [["AttributeKey": "ResourceName", "AttributeValue": caARN]])
        XCTAssertEqual(first["MaxResults"] as? Int, 50)
        XCTAssertNil(first["NextToken"])
        XCTAssertEqual(try body(transport.requests[2])["NextToken"] as? String, "page-2")
        XCTAssertEqual(transport.requests[0].headers.first { $0.name == "X-Amz-Target" }?.value,
                       "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")
        XCTAssertTrue(transport.requests[0].headers.contains { $0.name == "Authorization" && $0.value.contains("/us-east-1/cloudtrail/aws4_request") })
    }

    /// A service that hands back a token it already gave is stopped with an error, not followed for ever.
    func testLoopingTokenIsAnError() async throws {
        let clock = SteppingClock()
        let transport = RecordingTransport { _, _ in json(200, #"{"Events":[],"NextToken":"same"}"#) }
        do {
            _ = try await CAHistory.load(arn: caARN, cloudTrail: cloudTrail(transport, clock: clock), now: clock.now)
            XCTFail("a looping NextToken must fail")
        } catch let error as ClientError {
            XCTAssertTrue("\(error)".contains("already given") || "\(error)".contains("loop"), "\(error)")
        }
        XCTAssertEqual(transport.requests.count, 2)
    }

    /// Access denied is recognised, so the report and the detail can say it in one quiet line.
    func testAccessDeniedIsRecognised() async throws {
        let clock = SteppingClock()
        let transport = RecordingTransport { _, _ in awsError("AccessDeniedException", "no cloudtrail:LookupEvents") }
        do {
            _ = try await CAHistory.lastGrantRemovals(cloudTrail: cloudTrail(transport, clock: clock), now: clock.now)
            XCTFail("expected AccessDenied")
        } catch {
            XCTAssertTrue(CAHistory.isAccessDenied(error))
            XCTAssertTrue(CAHistory.unreadableNote(error).contains("cloudtrail:LookupEvents"))
        }
        XCTAssertEqual(try body(transport.requests[0])["LookupAttributes"] as? [[String: String]],
                       [["AttributeKey": "EventName", "AttributeValue": "DeletePermission"]])
    }
}

final class LockedList<Item>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Item] = []
    var items: [Item] { lock.withLock { stored } }
    func append(_ item: Item) { lock.withLock { stored.append(item) } }
}
