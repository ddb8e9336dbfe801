import Foundation
@testable import PCAApp
import PCAAdmin
import PCALocal
import PCATerminalUI
import XCTest

/// A reload or a session switch cancels the load it replaces instead of letting it run on for nothing.
final class LoadSupersedingTests: XCTestCase {
    func testOnlyANewerGenerationOrIdentityReadSupersedes() {
        let listing = LoadSlot(.loadInventory(generation: 3))
        XCTAssertEqual(listing, .generation(3))
        XCTAssertEqual(LoadSlot(.retryEstateTargets(generation: 2, ["a"])), .generation(2))
        XCTAssertEqual(LoadSlot(.loadACMCertificates(generation: 2)), .generation(2))
        XCTAssertTrue(listing?.supersedes(.generation(2)) ?? false)
        XCTAssertFalse(listing?.supersedes(.generation(3)) ?? true, "the current generation's retries and ACM read go on")
        XCTAssertFalse(listing?.supersedes(.generation(4)) ?? true)
        XCTAssertFalse(listing?.supersedes(.identity) ?? true)
        XCTAssertFalse(listing?.supersedes(nil) ?? true, "details, dialogs and the rest are never cancelled by a reload")
        XCTAssertTrue(LoadSlot(.loadIdentity)?.supersedes(.identity) ?? false)
        XCTAssertNil(LoadSlot(.loadDetail(arn: "x")))
        XCTAssertNil(LoadSlot(.checkJournal))
    }

    /// An identity read answered after a session switch is the old account's: it reaches neither the header nor
    /// the journal's identity.
    func testAnIdentityAnsweredAfterASwitchIsDropped() async throws {
        let (runner, queue, requests) = try slowRunner()
        let driver = SilentDriver()
        runner.run(.loadIdentity, driver: driver)
        // The switch comes once the read is on its way (0.5 s from its answer), as a user's R would.
        let asked = Date().addingTimeInterval(30)
        while requests.counts["GetCallerIdentity"] == nil, Date() < asked { try await Task.sleep(nanoseconds: 5_000_000) }
        runner.run(.switchSession(profile: nil, region: "us-west-2"), driver: driver)
        var events: [AppEvent] = []
        while !events.contains(where: { if case .sessionSwitched = $0 { true } else { false } }) {
            try await Task.sleep(nanoseconds: 20_000_000)
            events += queue.drain()
        }
        // The read before the switch is answered 0.5 s after it was asked; wait well past that.
        try await Task.sleep(nanoseconds: 2_000_000_000)
        events += queue.drain()
        XCTAssertFalse(events.contains { if case .identityLoaded = $0 { true } else { false } }, "\(events)")
        XCTAssertFalse(events.contains { if case .identityFailed = $0 { true } else { false } }, "\(events)")
        // The new session's own read counts.
        runner.run(.loadIdentity, driver: driver)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !events.contains(where: { if case .identityLoaded = $0 { true } else { false } }) {
            try await Task.sleep(nanoseconds: 20_000_000)
            events += queue.drain()
        }
        XCTAssertTrue(events.contains { if case .identityLoaded = $0 { true } else { false } }, "\(events)")
    }

    /// `:profile X` then at once `:region Y` is X in Y: the switches run in the order asked.
    func testSwitchesRunInTheOrderAsked() async throws {
        let (runner, queue, _) = try slowRunner(config: """
            [profile other]
            region = eu-west-1
            aws_access_key_id = AKIDLOCALISSUER
            aws_secret_access_key = local-issuer-secret
            """)
        let driver = SilentDriver()
        for _ in 0..<20 {
            runner.run(.switchSession(profile: "other", region: nil), driver: driver)
            runner.run(.switchSession(profile: nil, region: "us-west-2"), driver: driver)
            runner.run(.switchSession(profile: "default", region: "us-east-1"), driver: driver)
        }
        runner.run(.switchSession(profile: "other", region: nil), driver: driver)
        runner.run(.switchSession(profile: nil, region: "us-west-2"), driver: driver)
        var switched: [HeaderInfo] = []
        let deadline = Date().addingTimeInterval(30)
        while switched.count < 62, Date() < deadline {
            try await Task.sleep(nanoseconds: 10_000_000)
            switched += queue.drain().compactMap { if case let .sessionSwitched(header, _) = $0 { header } else { nil } }
        }
        XCTAssertEqual(switched.count, 62)
        XCTAssertEqual(switched.last?.profile, "other")
        XCTAssertEqual(switched.last?.region, "us-west-2")
        // A profile switch keeps the region shown; a region switch keeps the profile chosen.
        XCTAssertEqual(switched.prefix(3).map { "\($0.profile) \($0.region)" }, ["other us-east-1", "other us-west-2", "default us-east-1"])
    }

    /// A build of the estate that a reload cancelled is not kept for the session; the next one is.
    func testACancelledEstateBuildIsNotKept() async throws {
        let options = try CommandRunner.parse(["--demo", "--organization"]).options
        let choice = try XCTUnwrap(try EstateChoice.resolve(options: options, environment: [:]))
        let estateSession = EstateSession(choice: choice)
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await estateSession.build(options: options, environment: [:], observer: nil, mfaPrompt: { _ in "000000" })
        }
        _ = await cancelled.value
        XCTAssertNil(estateSession.estate, "a cancelled build is not the session's estate")
        let built = await estateSession.build(options: options, environment: [:], observer: nil, mfaPrompt: { _ in "000000" })
        XCTAssertEqual(estateSession.estate?.targets.count, built.targets.count)
        XCTAssertGreaterThan(built.targets.count, 1)
    }

    /// Two listings started back to back against a server that answers after 0.5 s: the first is cancelled while
    /// its ListCertificateAuthorities is in flight, so every CA's permissions are read once, by the second.
    func testAReloadCancelsTheListingItReplaces() async throws {
        let (runner, queue, permissionReads) = try slowRunner()
        let driver = SilentDriver()
        runner.run(.loadInventory(generation: 1), driver: driver)
        runner.run(.loadInventory(generation: 2), driver: driver)

        var events: [AppEvent] = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !events.contains(where: { if case .acmCertificatesLoaded(generation: 2, _) = $0 { true } else { false } }) {
            try await Task.sleep(nanoseconds: 50_000_000)
            events += queue.drain()
        }
        // Not `runner.cancelAll()`: it stops writes for the whole process, as quitting does, and other tests write.
        let listed = events.compactMap { event -> [String]? in
            if case let .listLoaded(generation: 2, authorities) = event { authorities.compactMap(\.arn) } else { nil }
        }.first
        let arns = try XCTUnwrap(listed, "the second listing finished")
        XCTAssertFalse(events.contains { if case .listLoaded(generation: 1, _) = $0 { true } else { false } },
                       "the first listing never finished")
        let reads = permissionReads.counts.filter { $0.key != "GetCallerIdentity" }
        XCTAssertFalse(reads.isEmpty)
        XCTAssertTrue(Set(reads.keys).isSubset(of: Set(arns)), "\(reads.keys)")
        XCTAssertEqual(reads.filter { $0.value > 1 }, [:], "each CA's permissions read once, by the listing that counts")
    }
}

extension LoadSupersedingTests {
    /// An effect runner over pca-local's emulator on loopback, every answer 0.5 s late; counts each CA's
    /// ListPermissions, and STS GetCallerIdentity under that name.
    private func slowRunner(config: String? = nil) throws -> (EffectRunner, EventQueue, ReadCounter) {
        let emulator = Emulator(state: DemoSeed.state(.demo))
        let permissionReads = ReadCounter()
        let server = HTTPServer { method, target, headers, body in
            if headers.contains(where: { $0.name.lowercased() == "x-amz-target" && $0.value == "ACMPrivateCA.ListPermissions" }),
               let input = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                permissionReads.add(input["CertificateAuthorityArn"] as? String ?? "?")
            }
            if String(decoding: body, as: UTF8.self).contains("Action=GetCallerIdentity") { permissionReads.add("GetCallerIdentity") }
            usleep(500_000)
            return emulator.respond(method: method, target: target, headers: headers, body: body)
        }
        let port = try server.start()
        addTeardownBlock { server.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-superseding-\(UUID().uuidString)").path
        var environment = ["HOME": home, "AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN", "AWS_SECRET_ACCESS_KEY": "local-admin-secret",
                           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                           "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1"]
        if let config {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try config.write(toFile: home + "/config", atomically: true, encoding: .utf8)
            environment["AWS_CONFIG_FILE"] = home + "/config"
        }
        let options = try CommandRunner.parse(["--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:\(port)"]).options
        let queue = EventQueue(), sink = EventSink()
        sink.attach(queue)
        let session = try Session.make(options: options, environment: environment)
        let runner = EffectRunner(session: session, options: options, environment: environment, queue: queue, sink: sink,
                                  journal: Journal(path: home + "/audit.log"), calls: CallRecorder(), mfa: MFABroker(sink: sink))
        return (runner, queue, permissionReads)
    }
}

private final class ReadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var byARN: [String: Int] = [:]

    func add(_ arn: String) { lock.withLock { byARN[arn, default: 0] += 1 } }
    var counts: [String: Int] { lock.withLock { byARN } }
}
