import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// ACM-PCA and ACM for one CA, answered from a script: the grant it holds, its status, failures injected at
/// the Nth call of an operation. It logs every request and keeps what the journal held when the first write
/// request arrived.
final class ScriptedCA: HTTPTransport, @unchecked Sendable {
    static let account = "111122223333"
    static let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"
    static let writes: Set<String> = ["CreatePermission", "DeletePermission", "RenewCertificate"]

    private let lock = NSLock()
    private let journalPath: String
    /// The actions the one grant to acm.amazonaws.com holds; nil when there is none.
    var actions: [String]?
    var status = "ACTIVE"
    /// Operation -> (1-based call of that operation -> the AWS error code it answers).
    var failures: [String: [Int: String]] = [:]
    /// ListPermissions calls (1-based) that show these actions instead of the grant held.
    var shownActions: [Int: [String]] = [:]
    /// ACM certificate ARN -> the renewal status DescribeCertificate shows.
    var renewalStatus: [String: String] = [:]
    private(set) var log: [String] = []
    /// The journal's text when the first write request arrived; nil until one did.
    private(set) var journalAtFirstWrite: String?

    init(journalPath: String, actions: [String]?) {
        self.journalPath = journalPath
        self.actions = actions
    }

    var writesSent: [String] { lock.withLock { log.filter(Self.writes.contains) } }

    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        lock.withLock { answer(request) }
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let target = request.header("X-Amz-Target") ?? ""
        let operation = String(target.split(separator: ".").last ?? "")
        log.append(operation)
        if Self.writes.contains(operation), journalAtFirstWrite == nil {
            journalAtFirstWrite = (try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? ""
        }
        let call = log.filter { $0 == operation }.count
        let requestID = "req-\(log.count)"
        if let code = failures[operation]?[call] {
            return Self.json(code == "InternalFailure" ? 500 : 400, #"{"__type":"\#(code)","message":"scripted"}"#, requestID)
        }
        let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
        switch operation {
        case "DescribeCertificateAuthority":
            return Self.json(200, #"{"CertificateAuthority":{"Arn":"\#(Self.arn)","OwnerAccount":"\#(Self.account)","Status":"\#(status)"}}"#, requestID)
        case "ListPermissions":
            guard let shown = shownActions[call] ?? actions else { return Self.json(200, #"{"Permissions":[]}"#, requestID) }
            let list = shown.map { "\"\($0)\"" }.joined(separator: ",")
            return Self.json(200, #"{"Permissions":[{"Principal":"acm.amazonaws.com","SourceAccount":"\#(Self.account)","Actions":[\#(list)]}]}"#, requestID)
        case "CreatePermission":
            if actions != nil { return Self.json(400, #"{"__type":"PermissionAlreadyExistsException","message":"exists"}"#, requestID) }
            actions = body["Actions"] as? [String]
            return Self.json(200, "{}", requestID)
        case "DeletePermission":
            guard actions != nil else { return Self.json(400, #"{"__type":"ResourceNotFoundException","message":"none"}"#, requestID) }
            actions = nil
            return Self.json(200, "{}", requestID)
        case "RenewCertificate":
            return Self.json(200, "{}", requestID)
        case "DescribeCertificate":
            let arn = body["CertificateArn"] as? String ?? ""
            return Self.json(200, #"{"Certificate":{"CertificateArn":"\#(arn)","DomainName":"\#(arn.split(separator: "/").last ?? "").example.com","Status":"ISSUED","RenewalSummary":{"RenewalStatus":"\#(renewalStatus[arn] ?? "PENDING_AUTO_RENEWAL")"}}}"#, requestID)
        default:
            return Self.json(400, #"{"__type":"UnknownOperationException","message":"\#(operation)"}"#, requestID)
        }
    }

    static func json(_ status: Int, _ body: String, _ requestID: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID)],
                     body: Data(body.utf8))
    }
}

/// The one write pipeline with a failure injected at each step: what reached AWS, what the journal says,
/// and in which order.
final class WritePipelineTests: XCTestCase {
    static let full = ["IssueCertificate", "GetCertificate", "ListPermissions"]
    static let partial = ["IssueCertificate", "GetCertificate"]
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var journalPath: String { directory.appendingPathComponent("state/audit.log").path }

    private func pipeline(_ fake: ScriptedCA, journalPath: String? = nil, readOnly: ReadOnlyMode = ReadOnlyMode(),
                          interlock: WriteInterlock = WriteInterlock()) -> WritePipeline {
        let calls = CallRecorder()
        let endpoint = ResolvedEndpoint(url: URL(string: "https://acm-pca.us-east-1.amazonaws.com/")!, signingRegion: "us-east-1",
                                        isOverride: false)
        let client = PCAClient(endpoint: endpoint,
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "s")),
                               transport: fake, retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), timeout: 5,
                               observer: { calls.append($0) }, sleep: { _ in })
        let connection = AccountConnection(pca: client, acm: ACMClient(sharing: client, endpoint: endpoint), region: "us-east-1",
                                           profileLabel: "test")
        return WritePipeline(connection: connection, readOnly: readOnly, journal: Journal(path: journalPath ?? self.journalPath),
                             calls: calls,
                             identity: CallerIdentity(account: ScriptedCA.account, arn: "arn:aws:iam::111122223333:user/admin", userID: "AIDA"),
                             interlock: interlock)
    }

    private func entries() -> [Journal.Entry] { Journal(path: journalPath).entries() }

    /// Plans `intent` for the CA as the scripted service shows it, and applies it.
    private func run(_ fake: ScriptedCA, _ intent: WriteIntent, journalPath: String? = nil) async -> WriteResult {
        let pipeline = pipeline(fake, journalPath: journalPath)
        let targets = await WriteTargets.read([ScriptedCA.arn], intent: intent, connection: pipeline.connection)
        let plan = await pipeline.plan(targets, intent: intent)
        XCTAssertEqual(plan.count, 1)
        return await pipeline.apply(plan[0])
    }

    /// The journal held exactly the change's intent when its first write request left.
    private func assertIntentPrecededTheFirstWrite(_ fake: ScriptedCA, file: StaticString = #filePath, line: UInt = #line) {
        let text = fake.journalAtFirstWrite ?? "(no write request arrived)"
        let lines = text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Journal.Entry.self, from: Data($0.utf8)) }
        XCTAssertEqual(lines.map(\.phase), [.intent], text, file: file, line: line)
        XCTAssertEqual(lines.first?.changeId, entries().last?.changeId, "the outcome closes that intent", file: file, line: line)
        XCTAssertEqual(lines.first?.pid, getpid(), file: file, line: line)
    }

    // MARK: The happy paths

    func testGrantJournalsIntentBeforeTheRequestAndAVerifiedOutcome() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: nil)
        let result = await run(fake, .enableRenewal)
        guard case .done = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.log, ["DescribeCertificateAuthority", "ListPermissions", "ListPermissions",
                                  "DescribeCertificateAuthority", "CreatePermission", "ListPermissions"])
        assertIntentPrecededTheFirstWrite(fake)
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .outcome])
        XCTAssertEqual(journal[0].result, "planned")
        XCTAssertEqual(journal[0].before, "off")
        XCTAssertEqual(journal[0].planned, [PlannedChange.createCommand(arn: ScriptedCA.arn, actions: PermissionAction.acmRenewalActions,
                                                                        region: "us-east-1")])
        XCTAssertEqual(journal[1].result, "success")
        XCTAssertEqual(journal[1].verified, true)
        XCTAssertEqual(journal[1].change, "created")
        XCTAssertEqual(journal[1].before, "off")
        XCTAssertEqual(journal[1].after, "enabled")
        XCTAssertEqual(journal[1].requestIds, ["req-5"], "the CreatePermission's request id")
        XCTAssertEqual(journal[1].caller, "arn:aws:iam::111122223333:user/admin")
        XCTAssertEqual(result.requestIDs, ["req-5"])
    }

    func testRepairJournalsTheIntentBeforeTheProbe() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.partial)
        let result = await run(fake, .enableRenewal)
        guard case .done = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.writesSent, ["CreatePermission", "DeletePermission", "CreatePermission"])
        assertIntentPrecededTheFirstWrite(fake)
        XCTAssertEqual(entries().map(\.result), ["planned", "success"])
        XCTAssertEqual(entries().last?.change, "replaced")
        XCTAssertEqual(fake.actions, Self.full)
    }

    // MARK: The journal cannot be written

    private func assertNothingSentWhenTheJournalCannotBeWritten(at path: String, file: StaticString = #filePath, line: UInt = #line) async {
        for (intent, actions) in [(WriteIntent.enableRenewal, nil), (.enableRenewal, Self.partial), (.disableRenewal, Self.full)] {
            let fake = ScriptedCA(journalPath: path, actions: actions)
            let result = await run(fake, intent, journalPath: path)
            XCTAssertEqual(fake.writesSent, [], "\(intent) \(actions ?? []): nothing may be sent", file: file, line: line)
            guard case let .failed(error, sent) = result.status else {
                XCTFail("\(result.status)", file: file, line: line)
                continue
            }
            XCTAssertTrue(error is JournalError, "\(error)", file: file, line: line)
            XCTAssertFalse(sent, file: file, line: line)
            XCTAssertFalse(result.changedAWS, file: file, line: line)
            XCTAssertEqual(fake.actions, actions, file: file, line: line)
        }
    }

    func testADirectoryWhereTheJournalShouldBeSendsNothing() async throws {
        try FileManager.default.createDirectory(atPath: journalPath, withIntermediateDirectories: true)
        await assertNothingSentWhenTheJournalCannotBeWritten(at: journalPath)
    }

    func testAJournalSymlinkedToDevNullSendsNothing() async throws {
        try FileManager.default.createDirectory(atPath: (journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: journalPath, withDestinationPath: "/dev/null")
        await assertNothingSentWhenTheJournalCannotBeWritten(at: journalPath)
    }

    func testAJournalUnderAReadOnlyDirectorySendsNothing() async throws {
        guard getuid() != 0 else {
            // Root writes through any mode; sysfs refuses even root a new folder.
            try XCTSkipUnless(FileManager.default.fileExists(atPath: "/sys/kernel"), "running as root without sysfs")
            await assertNothingSentWhenTheJournalCannotBeWritten(at: "/sys/pca-tui-\(UUID().uuidString)/audit.log")
            return
        }
        let readOnly = directory.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(readOnly.path, 0o555), 0)
        defer { chmod(readOnly.path, 0o755) }
        await assertNothingSentWhenTheJournalCannotBeWritten(at: readOnly.appendingPathComponent("pca-tui/audit.log").path)
        // The journal's own folder read-only: it must not be made writable to let the line in.
        await assertNothingSentWhenTheJournalCannotBeWritten(at: readOnly.appendingPathComponent("audit.log").path)
    }

    // MARK: Failures at each request

    func testAccessDeniedAtTheProbeDeletesNothing() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.partial)
        fake.failures = ["CreatePermission": [1: "AccessDeniedException"]]
        let result = await run(fake, .enableRenewal)
        guard case let .failed(error, sent) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual((error as? AWSError)?.code, .accessDenied)
        XCTAssertFalse(sent, "the denied probe changed nothing")
        XCTAssertEqual(fake.writesSent, ["CreatePermission"], "no DeletePermission")
        XCTAssertEqual(fake.actions, Self.partial)
        assertIntentPrecededTheFirstWrite(fake)
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .outcome])
        XCTAssertEqual(journal[1].result, "error")
        XCTAssertEqual(journal[1].errorCode, "AccessDeniedException")
        XCTAssertEqual(journal[1].changeId, journal[0].changeId)
        XCTAssertNil(journal[1].verified)
    }

    func testFailedCreateAfterTheDeleteIsRolledBack() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.partial)
        fake.failures = ["CreatePermission": [2: "InternalFailure"]]
        let result = await run(fake, .enableRenewal)
        guard case let .failed(error, sent) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual((error as? AWSError)?.code, .internalFailure)
        XCTAssertTrue(sent, "the delete reached AWS")
        XCTAssertEqual(result.word, "failed")
        XCTAssertEqual(fake.writesSent, ["CreatePermission", "DeletePermission", "CreatePermission", "CreatePermission"])
        XCTAssertEqual(fake.actions, Self.partial, "the partial grant is back")
        assertIntentPrecededTheFirstWrite(fake)
        let journal = entries()
        XCTAssertEqual(journal.map(\.result), ["planned", "error"])
        XCTAssertEqual(journal[1].errorCode, "InternalFailure")
        XCTAssertEqual(journal[1].before, "partial")
    }

    func testFailedRollbackIsHalfChangedWithTheStateAfter() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.partial)
        fake.failures = ["CreatePermission": [2: "InternalFailure", 3: "InternalFailure"]]
        let result = await run(fake, .enableRenewal)
        guard case let .failed(error, sent) = result.status else { return XCTFail("\(result.status)") }
        let half = try XCTUnwrap(error as? ACMRenewalHalfChangeError, "\(error)")
        XCTAssertEqual(half.now, .disabled)
        XCTAssertEqual(half.lostActions, [.issueCertificate, .getCertificate])
        XCTAssertTrue(sent)
        XCTAssertEqual(result.word, "half-changed")
        XCTAssertNil(fake.actions, "the CA holds no grant now")
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .outcome])
        XCTAssertEqual(journal[1].result, "half-changed")
        XCTAssertEqual(journal[1].errorCode, "HalfChanged")
        XCTAssertEqual(journal[1].before, "partial")
        XCTAssertEqual(journal[1].after, "off", "what the CA holds after the failed rollback")
    }

    func testReadBackFailureIsNotVerifiedNeverFailed() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: nil)
        // ListPermissions: 1 read for the plan, 2 read before sending, 3 the read-back.
        fake.failures = ["ListPermissions": [3: "ThrottlingException"]]
        let result = await run(fake, .enableRenewal)
        guard case let .notVerified(reason) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertTrue(reason.contains("ThrottlingException"), reason)
        XCTAssertEqual(result.word, "not-verified")
        XCTAssertTrue(result.changedAWS)
        XCTAssertEqual(fake.actions, Self.full)
        let journal = entries()
        XCTAssertEqual(journal.map(\.result), ["planned", "not-verified"])
        XCTAssertEqual(journal[1].verified, false)
        XCTAssertNil(journal[1].errorCode)
        XCTAssertNil(journal[1].after)
        XCTAssertFalse(journal.contains { $0.result == "error" || $0.result == "failed" })
    }

    func testReadBackShowingAnotherStateFailsAsSent() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: nil)
        fake.shownActions = [3: ["GetCertificate"]]
        let result = await run(fake, .enableRenewal)
        guard case let .failed(error, sent) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertTrue(error is ACMRenewalVerificationError, "\(error)")
        XCTAssertTrue(sent)
        XCTAssertEqual(result.renewalChange?.after?.word, "partial")
        let journal = entries()
        XCTAssertEqual(journal.map(\.result), ["planned", "error"])
        XCTAssertEqual(journal[1].after, "partial")
        XCTAssertNotEqual(journal[1].verified, true)
    }

    // MARK: Nothing to send

    func testRefusedPlanIsOneLineAndNoRequest() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: nil)
        let pipeline = pipeline(fake, readOnly: ReadOnlyMode(commandLine: true))
        let plan = await pipeline.plan([WriteTarget(arn: ScriptedCA.arn, status: .active, renewal: .disabled)], intent: .enableRenewal)
        let result = await pipeline.apply(plan[0])
        guard case .refused(.readOnly) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.log, [], "not even a read")
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.refused])
        XCTAssertEqual(journal.map(\.result), ["refused"])
        XCTAssertEqual(journal[0].errorMessage, "read-only mode (--read-only on the command line): changes are off")
    }

    func testStateReadJustBeforeSendingIsGatedAgain() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.full)
        fake.status = "DISABLED"
        let planned = PlannedChange(target: WriteTarget(arn: ScriptedCA.arn), intent: .disableRenewal, kind: .revoke, steps: [.deleteGrant])
        let result = await pipeline(fake).apply(planned)
        guard case .refused(.notGrantable(.disabled)) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.writesSent, [])
        XCTAssertEqual(entries().map(\.result), ["refused"])
    }

    func testAlreadyAsAskedIsOneUnchangedOutcome() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.full)
        // Planned as a grant (the state was not read), found enabled just before sending.
        let planned = PlannedChange(target: WriteTarget(arn: ScriptedCA.arn, status: .active), intent: .enableRenewal, kind: .grant,
                                    steps: [.createFullGrant])
        let result = await pipeline(fake).apply(planned)
        guard case .unchanged = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.writesSent, [])
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.outcome])
        XCTAssertEqual(journal.map(\.result), ["unchanged"])
        XCTAssertEqual(journal[0].before, "enabled")
        XCTAssertEqual(journal[0].after, "enabled")
        XCTAssertEqual(journal[0].verified, true)
        XCTAssertTrue(Journal(path: journalPath).interrupted().isEmpty)
    }

    func testAStopBeforeTheChangeSendsNothingAndJournalsNothing() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: nil)
        let interlock = WriteInterlock()
        interlock.requestStop()
        let planned = PlannedChange(target: WriteTarget(arn: ScriptedCA.arn, status: .active, renewal: .disabled),
                                    intent: .enableRenewal, kind: .grant, steps: [.createFullGrant])
        let results = await pipeline(fake, interlock: interlock).apply([planned, planned])
        XCTAssertEqual(results.map(\.word), ["skipped", "skipped"])
        XCTAssertEqual(fake.log, [])
        XCTAssertEqual(entries(), [])
    }

    // MARK: Renewal retry

    static let certificates = ["first", "second"].map { name in
        ACMCertificate(certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/\(name)", domainName: "\(name).example.com",
                       status: "ISSUED", notAfter: Date().addingTimeInterval(30 * 86_400),
                       renewalSummary: RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: "PCA_ACCESS_DENIED"))
    }

    private func retry(_ fake: ScriptedCA) async -> WriteResult {
        let pipeline = pipeline(fake)
        let target = WriteTarget(arn: ScriptedCA.arn, status: .active, failedCertificates: Self.certificates)
        let plan = await pipeline.plan([target], intent: .retryRenewals)
        XCTAssertEqual(plan.first?.kind, .retry)
        return await pipeline.apply(plan[0])
    }

    func testRetryJournalsOneStepPerCertificateAndAnOutcome() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.full)
        for certificate in Self.certificates { fake.renewalStatus[certificate.certificateArn ?? ""] = "SUCCESS" }
        let result = await retry(fake)
        guard case .done = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual(fake.writesSent, ["RenewCertificate", "RenewCertificate"])
        assertIntentPrecededTheFirstWrite(fake)
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .step, .step, .outcome])
        XCTAssertEqual(journal.map(\.result), ["planned", "success", "success", "success"])
        XCTAssertEqual(journal[1].certificateArn, Self.certificates[0].certificateArn)
        XCTAssertEqual(journal[2].certificateArn, Self.certificates[1].certificateArn)
        XCTAssertEqual(journal[1].before, "FAILED PCA_ACCESS_DENIED")
        XCTAssertEqual(journal[1].after, "SUCCESS")
        XCTAssertEqual(journal[0].before, "2 failed")
        XCTAssertEqual(journal[0].planned?.count, 2)
        XCTAssertEqual(journal[3].changeId, journal[0].changeId)
        XCTAssertEqual(journal[3].verified, true)
        XCTAssertEqual(result.retried.map(\.renewed), [true, true])
    }

    func testRetryWithOneRenewalRefusedGoesOnAndFails() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.full)
        fake.failures = ["RenewCertificate": [1: "RequestInProgressException"]]
        fake.renewalStatus[Self.certificates[1].certificateArn ?? ""] = "SUCCESS"
        let result = await retry(fake)
        guard case let .failed(error, sent) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertEqual((error as? AWSError)?.code.rawValue, "RequestInProgressException")
        XCTAssertTrue(sent, "the second renewal was sent")
        XCTAssertEqual(fake.writesSent, ["RenewCertificate", "RenewCertificate"], "one failure does not stop the next")
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .step, .step, .outcome])
        XCTAssertEqual(journal.map(\.result), ["planned", "error", "success", "error"])
        XCTAssertEqual(journal[1].errorCode, "RequestInProgressException")
        XCTAssertEqual(journal[3].errorCode, "RequestInProgressException")
    }

    func testRetryWhoseReadBackFailsIsNotVerified() async throws {
        let fake = ScriptedCA(journalPath: journalPath, actions: Self.full)
        fake.failures = ["DescribeCertificate": [2: "ThrottlingException"]]
        fake.renewalStatus[Self.certificates[0].certificateArn ?? ""] = "SUCCESS"
        let result = await retry(fake)
        guard case let .notVerified(reason) = result.status else { return XCTFail("\(result.status)") }
        XCTAssertTrue(reason.contains("second.example.com: ThrottlingException"), reason)
        XCTAssertEqual(fake.writesSent, ["RenewCertificate", "RenewCertificate"])
        let journal = entries()
        XCTAssertEqual(journal.map(\.phase), [.intent, .step, .step, .outcome])
        XCTAssertEqual(journal[1].after, "SUCCESS")
        XCTAssertNil(journal[2].after, "the second renewal was sent, not read back")
        XCTAssertNil(journal[2].errorCode, "RenewCertificate itself succeeded")
        XCTAssertEqual(journal[3].result, "not-verified")
        XCTAssertEqual(journal[3].verified, false)
    }
}
