import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import PCATerminalUI
import XCTest

/// An organization that could not be listed is not the session's estate for good: the retry key asks
/// Organizations again and loads the accounts it names.
final class EstateRebuildTests: XCTestCase {
    func testARetryAfterAFailedListAccountsLoadsTheOrganization() async throws {
        let organization = EmulatedOrganization()
        let listings = Counter()
        let server = HTTPServer { method, target, headers, body in
            let operation = headers.first { HeaderName.equal($0.name, "X-Amz-Target") }?.value ?? ""
            if operation.hasSuffix(".ListAccounts"), listings.next() == 1 {
                return HTTPResponse(statusCode: 400, headers: [("Content-Type", "application/x-amz-json-1.1")],
                                    body: Data(#"{"__type":"AccessDeniedException","Message":"not yet"}"#.utf8))
            }
            return organization.respond(method: method, target: target, headers: headers, body: body)
        }
        let port = try server.start()
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-rebuild-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config")
        try """
            [profile management]
            region = us-east-1
            aws_access_key_id = \(DemoSeed.organizationAdmin.accessKeyID)
            aws_secret_access_key = \(DemoSeed.organizationAdmin.secretAccessKey)
            """.write(to: config, atomically: true, encoding: .utf8)
        let environment = ["HOME": directory.path, "AWS_CONFIG_FILE": config.path,
                           "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
                           "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1",
                           "XDG_STATE_HOME": directory.appendingPathComponent("s").path,
                           "XDG_CONFIG_HOME": directory.appendingPathComponent("c").path]
        let options = try CommandRunner.parse(["--profiles", "management", "--organization",
                                               "--endpoint-url", "http://127.0.0.1:\(port)"]).options
        let choice = try XCTUnwrap(try EstateChoice.resolve(options: options, environment: environment))
        let queue = EventQueue(), sink = EventSink()
        sink.attach(queue)
        let session = try Session.make(options: options, environment: environment)
        let runner = EffectRunner(session: session, options: options, environment: environment, queue: queue, sink: sink,
                                  journal: Journal(path: directory.appendingPathComponent("audit.log").path), calls: CallRecorder(),
                                  mfa: MFABroker(sink: sink), estate: choice)
        let driver = SilentDriver()

        runner.run(.loadInventory(generation: 1), driver: driver)
        var events = try await collect(queue) { events in events.contains { if case .estateTargetFailed = $0 { true } else { false } } }
        let failed = try XCTUnwrap(events.compactMap { event -> (String, String)? in
            if case let .estateTargetFailed(_, target, reason) = event { (target.id, reason) } else { nil }
        }.first)
        XCTAssertTrue(failed.1.contains("cannot list the organization's accounts"), failed.1)
        XCTAssertTrue(runner.estateSession?.estate?.discoveryFailed ?? false, "the failed estate is kept for lookups until t")

        runner.run(.retryEstateTargets(generation: 1, [failed.0]), driver: driver)
        events = try await collect(queue) { events in
            events.filter { if case .estateTargetLoaded = $0 { true } else { false } }.count >= 4
        }
        let started = events.compactMap { event -> [EstateTargetSummary]? in
            if case let .estateStarted(_, targets) = event { targets } else { nil }
        }
        XCTAssertEqual(started.last?.count, 4, "the retry built the estate again, with the organization's accounts")
        XCTAssertEqual(listings.value, 2)
        // The rows' reads and writes go through their own account's connection (its role), not the caller's.
        let memberRows = events.flatMap { event -> [CARecord] in
            if case let .estateTargetLoaded(_, target, records) = event, target.account == DemoSeed.workloadAccountA { records } else { [] }
        }
        let arn = try XCTUnwrap(memberRows.first?.arn)
        let found = try XCTUnwrap(runner.estateSession?.connection(for: arn))
        XCTAssertEqual(found.1.account, DemoSeed.workloadAccountA)
        XCTAssertNotNil(found.1.role)
    }

    /// Events until `done` says so, or 60 s.
    private func collect(_ queue: EventQueue, until done: ([AppEvent]) -> Bool) async throws -> [AppEvent] {
        var events: [AppEvent] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !done(events) {
            try await Task.sleep(nanoseconds: 20_000_000)
            events += queue.drain()
        }
        XCTAssertTrue(done(events), "\(events)")
        return events
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
    var value: Int { lock.withLock { count } }
}
