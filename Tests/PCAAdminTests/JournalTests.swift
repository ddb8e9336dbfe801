import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// The journal's interrupted changes and their one report, the verdict of a run, and the interlock that lets
/// a signal wait for the change in flight.
final class JournalTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        chmod(directory.path + "/locked", 0o700)
        try? FileManager.default.removeItem(at: directory)
    }

    private var journal: Journal { Journal(path: directory.appendingPathComponent("state/audit.log").path) }

    private func entry(_ phase: Journal.Phase, _ changeID: String, pid: Int32? = nil, action: WriteIntent = .enableRenewal,
                       result: String = "planned") -> Journal.Entry {
        var entry = Journal.Entry(time: "2026-03-01T14:02:09Z", phase: phase, changeId: changeID, caller: "arn:aws:iam::111122223333:user/a",
                                  profile: "test", region: "us-east-1", certificateAuthorityArn: ScriptedCA.arn,
                                  action: action.rawValue, result: result)
        entry.pid = pid
        if phase == .intent {
            entry.planned = [PlannedChange.createCommand(arn: ScriptedCA.arn, actions: PermissionAction.acmRenewalActions, region: "us-east-1")]
        }
        return entry
    }

    /// A process that has ended and been reaped: its pid names no one.
    private func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// A running child, ended when the test ends.
    private func livePID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["60"]
        try process.run()
        addTeardownBlock {
            process.terminate()
            process.waitUntilExit()
        }
        return process.processIdentifier
    }

    // MARK: Interrupted changes

    func testInterruptedFindsOnlyOpenIntentsOfEndedProcesses() throws {
        let dead = try deadPID()
        let live = try livePID()
        XCTAssertEqual(kill(live, 0), 0, "the child runs")
        try journal.append(entry(.intent, "dead", pid: dead))
        try journal.append(entry(.intent, "live", pid: live))
        try journal.append(entry(.intent, "mine", pid: getpid()))
        try journal.append(entry(.intent, "closed", pid: dead))
        try journal.append(entry(.outcome, "closed", result: "success"))
        try journal.append(entry(.intent, "recovered", pid: dead))
        try journal.append(entry(.recovered, "recovered", result: "interrupted"))
        try journal.append(entry(.intent, "older", pid: nil))
        try journal.append(entry(.refused, "refused", result: "refused"))
        XCTAssertEqual(journal.interrupted().compactMap(\.changeId), ["dead", "older"])
    }

    func testAnEmptyOrMissingJournalHasNothingInterrupted() throws {
        XCTAssertEqual(journal.interrupted(), [])
        try FileManager.default.createDirectory(atPath: (journal.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "not json\n{\"half\":".write(toFile: journal.path, atomically: true, encoding: .utf8)
        XCTAssertEqual(journal.entries(), [], "lines that are not entries are skipped")
        XCTAssertEqual(journal.interrupted(), [])
    }

    func testRecoveryReportsEachInterruptedChangeOnce() async throws {
        let dead = try deadPID()
        try journal.append(entry(.intent, "grant", pid: dead))
        try journal.append(entry(.intent, "retry", pid: dead, action: .retryRenewals))
        let fake = ScriptedCA(journalPath: journal.path, actions: ["IssueCertificate", "GetCertificate", "ListPermissions"])
        let endpoint = ResolvedEndpoint(url: URL(string: "https://acm-pca.us-east-1.amazonaws.com/")!, signingRegion: "us-east-1",
                                        isOverride: false)
        let client = PCAClient(endpoint: endpoint,
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "s")),
                               transport: fake, retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), sleep: { _ in })
        let connection = AccountConnection(pca: client, acm: ACMClient(sharing: client, endpoint: endpoint), region: "us-east-1",
                                           profileLabel: "test")

        let first = await JournalRecovery.report(journal, connection: connection)
        XCTAssertEqual(first.count, 2, "\(first)")
        XCTAssertEqual(first.first, "A change to CA \(ScriptedCA.arn) (enable-acm-renewal, planned: "
                       + "\(PlannedChange.createCommand(arn: ScriptedCA.arn, actions: PermissionAction.acmRenewalActions, region: "us-east-1"))) "
                       + "was interrupted at 14:02 UTC; it now holds: enabled (ACM can renew certificates from this CA).")
        XCTAssertTrue(first.last?.contains("pca-tui certificates \(ScriptedCA.arn)") ?? false, "\(first)")
        XCTAssertEqual(fake.log, ["ListPermissions"], "the grant is read for the grant, nothing for the retry")
        XCTAssertEqual(fake.writesSent, [])
        let recovered = journal.entries().filter { $0.phase == .recovered }
        XCTAssertEqual(recovered.map(\.changeId), ["grant", "retry"])
        XCTAssertEqual(recovered.map(\.result), ["interrupted", "interrupted"])

        let second = await JournalRecovery.report(journal, connection: connection)
        XCTAssertEqual(second, [], "reported once")
        XCTAssertEqual(journal.entries().filter { $0.phase == .recovered }.count, 2, "no second note")
    }

    func testAReadOnlyFolderIsNotMadeWritable() throws {
        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(locked.path, 0o500), 0)
        let appended = (try? Journal(path: locked.appendingPathComponent("audit.log").path).append(entry(.intent, "x", pid: getpid())))
        let mode = (try FileManager.default.attributesOfItem(atPath: locked.path)[.posixPermissions] as? Int ?? -1) & 0o777
        XCTAssertEqual(mode, 0o500, "the folder keeps its mode")
        if getuid() != 0 { XCTAssertNil(appended, "the line is refused") }
    }

    // MARK: The verdict of a run

    private static let target = WriteTarget(arn: ScriptedCA.arn)
    private static let change = PlannedChange(target: target, intent: .enableRenewal, kind: .grant, steps: [.createFullGrant])

    private static func result(_ status: WriteResult.Status) -> WriteResult { WriteResult(change: change, status: status) }

    private static let done = result(.done)
    private static let notVerified = result(.notVerified("ThrottlingException"))
    private static let unchanged = result(.unchanged)
    private static let refused = result(.refused(.readOnly("read-only mode (turned on with W)")))
    private static let unreadable = result(.unreadable("permissions: AccessDeniedException"))
    private static let skipped = result(.skipped("stopped before it began"))
    private static let failed = result(.failed(AWSError(code: .internalFailure, message: "x", statusCode: 500), sent: false))
    private static let failedAfterSending = result(.failed(AWSError(code: .internalFailure, message: "x", statusCode: 500), sent: true))

    func testVerdictTable() {
        let table: [([WriteResult], WriteSummary.Verdict)] = [
            ([], .done),
            ([Self.done], .done),
            ([Self.unchanged], .done),
            ([Self.done, Self.unchanged], .done),
            ([Self.notVerified], .changedNotVerified),
            ([Self.done, Self.notVerified, Self.unchanged], .changedNotVerified),
            ([Self.done, Self.refused], .partlyDone),
            ([Self.done, Self.failed], .partlyDone),
            ([Self.notVerified, Self.failedAfterSending], .partlyDone),
            ([Self.done, Self.unreadable], .partlyDone),
            ([Self.done, Self.skipped], .partlyDone),
            ([Self.failed], .failed),
            ([Self.failedAfterSending], .failed),
            ([Self.unreadable], .failed),
            ([Self.failed, Self.refused], .failed),
            ([Self.unchanged, Self.unreadable], .failed),
            ([Self.refused], .nothingSent),
            ([Self.skipped], .nothingSent),
            ([Self.refused, Self.skipped, Self.unchanged], .nothingSent),
        ]
        for (results, verdict) in table {
            XCTAssertEqual(WriteSummary(results: results).verdict, verdict, results.map(\.word).joined(separator: ", "))
        }
    }

    func testSummaryCountsAndWords() {
        let summary = WriteSummary(results: [Self.done, Self.done, Self.notVerified, Self.unchanged, Self.refused, Self.unreadable,
                                             Self.skipped, Self.failed, Self.failedAfterSending])
        XCTAssertEqual([summary.changed, summary.notVerified, summary.unchanged, summary.refused, summary.unreadable,
                        summary.skipped, summary.failed], [2, 1, 1, 1, 1, 1, 2])
        XCTAssertEqual(summary.resultWords, "2 changed and verified, 1 changed, not verified, 1 already as asked, 2 failed, "
                       + "1 refused, 1 unreadable, 1 not started (stopped)")
        let plan = [Self.change, PlannedChange(target: Self.target, intent: .enableRenewal, kind: .nothing),
                    PlannedChange(target: Self.target, intent: .enableRenewal, kind: .refused(.notGrantable(.disabled))),
                    PlannedChange(target: Self.target, intent: .enableRenewal, kind: .unreadable("x"))]
        XCTAssertEqual(WriteSummary(plan: plan).planWords, "1 to change, 1 already as asked, 1 refused, 1 unreadable")
    }

    // MARK: The interlock

    func testBeginAndEnd() {
        let interlock = WriteInterlock()
        let id = interlock.begin("grant on A")
        XCTAssertNotNil(id)
        XCTAssertEqual(interlock.inFlightDescriptions, ["grant on A"])
        if let id { interlock.end(id) }
        XCTAssertEqual(interlock.inFlightDescriptions, [])
        XCTAssertFalse(interlock.isStopping)
    }

    func testRequestStopRefusesNewChanges() {
        let interlock = WriteInterlock()
        let running = interlock.begin("grant on A")
        interlock.requestStop()
        XCTAssertTrue(interlock.isStopping)
        XCTAssertNil(interlock.begin("grant on B"), "no change starts once a stop was asked for")
        XCTAssertEqual(interlock.inFlightDescriptions, ["grant on A"], "the one in flight goes on")
        XCTAssertNil(interlock.stopSignal, "a stop is not a signal")
        if let running { interlock.end(running) }
    }

    func testASignalWithNothingInFlightExitsNow() {
        let interlock = WriteInterlock()
        XCTAssertEqual(interlock.signalArrived(SIGINT), .exitNow)
        XCTAssertNil(interlock.stopSignal, "no write was in flight")
        XCTAssertFalse(interlock.isForced)
        XCTAssertNil(interlock.begin("grant on A"), "and nothing starts after it")
    }

    func testASignalDuringAChangeWaitsAndASecondOneForces() {
        let interlock = WriteInterlock()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = interlock.begin("revoke on B")
        _ = interlock.begin("grant on A")
        XCTAssertEqual(interlock.signalArrived(SIGTERM, now: start), .finishFirst(["grant on A", "revoke on B"]))
        XCTAssertEqual(interlock.stopSignal, SIGTERM)
        XCTAssertFalse(interlock.isForced)
        XCTAssertEqual(interlock.signalArrived(SIGINT, now: start.addingTimeInterval(1.5)), .forceExit(["grant on A", "revoke on B"]))
        XCTAssertTrue(interlock.isForced)
        XCTAssertEqual(interlock.stopSignal, SIGINT)
    }

    func testASecondSignalAfterTheWindowWaitsAgain() {
        let interlock = WriteInterlock()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = interlock.begin("grant on A")
        XCTAssertEqual(interlock.signalArrived(SIGINT, now: start), .finishFirst(["grant on A"]))
        XCTAssertEqual(interlock.signalArrived(SIGINT, now: start.addingTimeInterval(2.5)), .finishFirst(["grant on A"]))
        XCTAssertFalse(interlock.isForced)
        XCTAssertEqual(interlock.signalArrived(SIGHUP, now: start.addingTimeInterval(2.5 + WriteInterlock.forceWindow)), .forceExit(["grant on A"]),
                       "the window counts from the last signal, up to and including 2 s")
    }

    func testWaitUntilIdleReturnsWhenTheChangeEnds() {
        let interlock = WriteInterlock()
        guard let id = interlock.begin("grant on A") else { return XCTFail("begin refused") }
        let ended = expectation(description: "waited")
        Thread.detachNewThread {
            interlock.waitUntilIdle()
            ended.fulfill()
        }
        Thread.sleep(forTimeInterval: 0.05)
        interlock.end(id)
        wait(for: [ended], timeout: 5)
        XCTAssertEqual(interlock.inFlightDescriptions, [])
    }
}

final class ReadOnlyModeTests: XCTestCase {
    func testAnEstatesReadOnlyAccountsCannotBeLiftedWithW() {
        var mode = ReadOnlyMode(profileConfig: true)
        mode.toggled = false
        XCTAssertFalse(mode.isOn, "W lifts the profile's read_only")
        var estate = ReadOnlyMode(estateConfig: true)
        XCTAssertFalse(estate.canLift)
        estate.toggled = false
        XCTAssertTrue(estate.isOn, "W never lifts the estate's read_only_accounts")
        XCTAssertTrue(estate.reason?.contains("read_only_accounts") ?? false)
        XCTAssertTrue(ReadOnlyMode(commandLine: true, estateConfig: true).reason?.contains("--read-only") ?? false)
    }
}
