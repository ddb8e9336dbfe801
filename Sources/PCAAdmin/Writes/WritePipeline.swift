import Foundation
import PCAClient

/// The one write pipeline: every change of every face (grant, repair, revoke, bulk, retry) is planned by
/// `WritePlanner`, gated by `WriteGate` (again, with the state read just before sending), journaled as an
/// intent before its first request, applied, verified by reading it back, and journaled as an outcome.
public final class WritePipeline: Sendable {
    public let connection: AccountConnection
    public let readOnly: ReadOnlyMode
    public let journal: Journal
    public let calls: CallRecorder
    public let interlock: WriteInterlock
    let identity: IdentityCache

    /// `identity` is the caller already known (the UI loads it at start); nil looks it up once when needed.
    public init(connection: AccountConnection, readOnly: ReadOnlyMode, journal: Journal, calls: CallRecorder,
                identity: CallerIdentity? = nil, interlock: WriteInterlock = .shared) {
        self.connection = connection
        self.readOnly = readOnly
        self.journal = journal
        self.calls = calls
        self.interlock = interlock
        self.identity = IdentityCache(known: identity)
    }

    /// What the gate knows: read-only mode and the caller's account.
    public func context() async -> WriteGate.Context {
        WriteGate.Context(readOnly: readOnly, callerAccount: await identity.get(connection.pca)?.account)
    }

    /// The plan for `targets`; sends nothing but the caller-identity lookup.
    public func plan(_ targets: [WriteTarget], intent: WriteIntent, now: Date = Date()) async -> [PlannedChange] {
        WritePlanner.plan(targets, intent: intent, context: await context(), now: now)
    }

    /// Reads, plans and applies `intent` on each CA named: the whole pipeline in one call, for callers that
    /// show no plan first (scripts and tests).
    public func change(_ arns: [String], intent: WriteIntent) async -> [WriteResult] {
        let targets = await WriteTargets.read(arns, intent: intent, connection: connection)
        return await apply(await plan(targets, intent: intent))
    }

    /// Applies the changes one after another; one failure never stops the others, a stop (signal, quit) does:
    /// the change in flight finishes and the rest are skipped.
    public func apply(_ changes: [PlannedChange], onResult: @Sendable (WriteResult) -> Void = { _ in }) async -> [WriteResult] {
        var results: [WriteResult] = []
        for change in changes {
            let result = await apply(change)
            onResult(result)
            results.append(result)
        }
        return results
    }

    /// Applies one planned change. Refused and unreadable plans are journaled or reported without a request.
    public func apply(_ planned: PlannedChange) async -> WriteResult {
        let context = await context()
        if let stopped = stoppedAtGate(planned) { return stopped }
        if interlock.isStopping { return WriteResult(change: planned, status: .skipped("stopped before it began")) }
        switch planned.intent {
        case .enableRenewal, .disableRenewal: return await applyGrant(planned, context: context)
        case .retryRenewals: return await applyRetry(planned, context: context)
        case .issueCertificate: return await applyIssue(planned, context: context)
        case .share, .unshare: return await applySharing(planned, context: context)
        }
    }

    // MARK: Grant and revoke

    private func applyGrant(_ planned: PlannedChange, context: WriteGate.Context) async -> WriteResult {
        let client = connection.pca
        let arn = planned.target.arn
        let mark = calls.count
        var target = planned.target
        let permissions: [Permission]
        do {
            permissions = try await client.allPermissions(arn: arn)
        } catch {
            return WriteResult(change: planned, status: .failed(error, sent: false))
        }
        let before = ACMRenewalState(permissions: permissions)
        target.renewal = before
        // The state decides the gate; when it cannot be read (an issuer without Describe), AWS decides.
        if let status = try? await client.describeCertificateAuthority(arn: arn).status { target.status = status }
        let change = WritePlanner.plan(target, intent: planned.intent, context: context)
        if let stopped = stoppedAtGate(change) { return stopped }
        if case .nothing = change.kind {
            let result = WriteResult(change: change, status: .unchanged,
                                     renewalChange: ACMRenewalChange(action: .unchanged, before: before, after: before))
            journalUnchanged(result)
            return result
        }
        return await inFlight(change, before: before.word) { [self] in
            let enable = change.intent == .enableRenewal
            let action: ACMRenewalChange.Action
            do {
                if enable {
                    action = try await GrantSteps.grant(arn: arn, permissions: permissions, client: client)
                } else {
                    try await GrantSteps.revoke(arn: arn, permissions: permissions, client: client)
                    action = .deleted
                }
            } catch {
                return WriteResult(change: change, status: .failed(error, sent: sentWrites(since: mark, arn: arn)))
            }
            let expected: ACMRenewalState = enable ? .enabled : .disabled
            do {
                let after = ACMRenewalState(permissions: try await client.allPermissions(arn: arn))
                let renewalChange = ACMRenewalChange(action: action, before: before, after: after)
                guard after == expected else {
                    return WriteResult(change: change, status: .failed(
                        ACMRenewalVerificationError(expected: expected.word, found: after), sent: true), renewalChange: renewalChange)
                }
                return WriteResult(change: change, status: .done, renewalChange: renewalChange)
            } catch {
                return WriteResult(change: change, status: .notVerified(ErrorWords.short(error)),
                                   renewalChange: ACMRenewalChange(action: action, before: before, after: nil))
            }
        }
    }

    // MARK: Renewal retry

    private func applyRetry(_ planned: PlannedChange, context: WriteGate.Context) async -> WriteResult {
        let arn = planned.target.arn
        var target = planned.target
        if let status = try? await connection.pca.describeCertificateAuthority(arn: arn).status { target.status = status }
        let change = WritePlanner.plan(target, intent: .retryRenewals, context: context)
        if let stopped = stoppedAtGate(change) { return stopped }
        if case .nothing = change.kind { return WriteResult(change: change, status: .unchanged) }
        let known = Dictionary((target.failedCertificates ?? []).map { ($0.certificateArn ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        return await inFlight(change, before: "\(change.steps.count) failed") { [self] in
            var retried: [RetriedCertificate] = []
            var unverified: [String] = []
            var sent = false
            var firstError: Error?
            for case let .renew(certificateArn) in change.steps {
                let before = known[certificateArn]
                let mark = calls.count
                var item = RetriedCertificate(certificateArn: certificateArn, domainName: before?.domainName ?? certificateArn,
                                              before: before?.renewalSummary, result: .success(nil))
                do {
                    try await connection.acm.renewCertificate(arn: certificateArn)
                    sent = true
                    do {
                        let after = try await connection.acm.describeCertificate(arn: certificateArn)
                        item.domainName = after.domainName ?? item.domainName
                        item.result = .success(after.renewalSummary)
                    } catch {
                        unverified.append("\(item.domainName): \(ErrorWords.short(error))")
                    }
                } catch {
                    item.result = .failure(error)
                    firstError = firstError ?? error
                }
                journalStep(change, item, requestIDs: requestIDs(since: mark, operations: ["RenewCertificate"], arn: nil))
                retried.append(item)
            }
            let status: WriteResult.Status
            if let firstError {
                status = .failed(firstError, sent: sent)
            } else if !unverified.isEmpty {
                status = .notVerified(unverified.joined(separator: "; "))
            } else {
                status = .done
            }
            return WriteResult(change: change, status: status, retried: retried)
        }
    }

    // MARK: The journal around a change in flight

    /// Registers the change with the interlock, journals its intent (nothing is sent when that fails), runs
    /// it, journals its outcome.
    func inFlight(_ change: PlannedChange, before: String, planned after: String? = nil,
                  _ body: () async -> WriteResult) async -> WriteResult {
        let arn = change.target.arn
        guard let token = interlock.begin("\(change.words) on \(arn)") else {
            return WriteResult(change: change, status: .skipped("stopped before it began"))
        }
        defer { interlock.end(token) }
        let changeID = UUID().uuidString
        let caller = await identity.get(connection.pca)?.arn ?? "unknown"
        var intent = entry(change, phase: .intent, result: "planned", caller: caller, changeID: changeID)
        intent.pid = getpid()
        intent.before = before
        intent.after = after
        intent.planned = change.awsCLICommands(region: connection.region)
        do {
            try journal.append(intent)
        } catch {
            return WriteResult(change: change, status: .failed(error, sent: false))
        }
        let mark = calls.count
        var result = await body()
        let operations: Set<String> = ["CreatePermission", "DeletePermission", "RenewCertificate", "IssueCertificate", "PutPolicy",
                                       "DeletePolicy"]
        result.requestIDs = requestIDs(since: mark, operations: operations,
                                       arn: [.retryRenewals, .issueCertificate].contains(change.intent) ? nil : arn)
        var outcome = entry(change, phase: .outcome, result: journalResult(result), caller: caller, changeID: changeID)
        outcome.requestIds = result.requestIDs
        outcome.before = result.renewalChange?.before.word ?? before
        outcome.after = result.renewalChange?.after?.word ?? result.policyChange.map { $0.after?.journalWords ?? "unread" }
        outcome.change = result.renewalChange?.action.rawValue
        outcome.certificateArn = result.issued?.certificateArn
        switch result.status {
        case .done: outcome.verified = true
        case .notVerified(let reason):
            outcome.verified = false
            outcome.errorMessage = "changed, not verified: \(reason)"
        case let .failed(error, _):
            outcome.errorCode = (error as? AWSError)?.code.rawValue ?? (error is ACMRenewalHalfChangeError ? "HalfChanged" : nil)
            outcome.errorMessage = ErrorWords.short(error)
            if let half = error as? ACMRenewalHalfChangeError { outcome.after = half.now.word }
        default: break
        }
        // The change already happened: a journal that fails now cannot undo it, so it is reported, not thrown.
        if (try? journal.append(outcome)) == nil {
            result.journalWarning = "the outcome could not be written to \(journal.path)"
        }
        return result
    }

    private func journalResult(_ result: WriteResult) -> String {
        switch result.status {
        case .done: return "success"
        case .notVerified: return "not-verified"
        case let .failed(error, _): return error is ACMRenewalHalfChangeError ? "half-changed" : "error"
        default: return result.word
        }
    }

    private func entry(_ change: PlannedChange, phase: Journal.Phase, result: String, caller: String,
                       changeID: String?) -> Journal.Entry {
        Journal.Entry(time: AWSTimestamp.iso8601(Date()), phase: phase, changeId: changeID, caller: caller,
                      profile: connection.profileLabel, account: connection.account ?? identity.cached?.account,
                      role: connection.role, region: connection.region,
                      certificateAuthorityArn: change.target.arn, action: change.intent.rawValue, result: result)
    }

    /// What a change the gate stops comes to, before anything is sent: a refusal, journaled so the audit shows
    /// who tried; or a CA that could not be read. Nil when the change may go on.
    func stoppedAtGate(_ change: PlannedChange) -> WriteResult? {
        switch change.kind {
        case let .refused(refusal):
            journalRefusal(change, refusal)
            return WriteResult(change: change, status: .refused(refusal))
        case let .unreadable(reason):
            return WriteResult(change: change, status: .unreadable(reason))
        default:
            return nil
        }
    }

    private func journalRefusal(_ change: PlannedChange, _ refusal: WriteRefusal) {
        let caller = identity.cached?.arn ?? "unknown"
        var line = entry(change, phase: .refused, result: "refused", caller: caller, changeID: nil)
        line.errorMessage = refusal.description
        try? journal.append(line)
    }

    func journalUnchanged(_ result: WriteResult) {
        var line = entry(result.change, phase: .outcome, result: "unchanged", caller: identity.cached?.arn ?? "unknown",
                         changeID: UUID().uuidString)
        line.change = "unchanged"
        line.before = result.renewalChange?.before.word ?? result.policyChange?.before.journalWords
        line.after = result.renewalChange?.after?.word ?? result.policyChange?.after?.journalWords
        line.verified = true
        try? journal.append(line)
    }

    private func journalStep(_ change: PlannedChange, _ item: RetriedCertificate, requestIDs: [String]) {
        var line = entry(change, phase: .step, result: Self.stepResult(item), caller: identity.cached?.arn ?? "unknown", changeID: nil)
        line.certificateArn = item.certificateArn
        line.before = item.before.map(RetriedCertificate.words)
        line.requestIds = requestIDs
        switch item.result {
        case let .success(summary): line.after = summary.map(RetriedCertificate.words)
        case let .failure(error):
            line.errorCode = (error as? AWSError)?.code.rawValue
            line.errorMessage = ErrorWords.short(error)
        }
        try? journal.append(line)
    }

    /// `success` (renewed), `pending` (ACM accepted and renews in the background, as real ACM usually answers),
    /// `not-verified` (accepted, not read back), or `error` (the renewal or the call failed).
    static func stepResult(_ item: RetriedCertificate) -> String {
        switch item.result {
        case .failure: return "error"
        case .success(nil): return "not-verified"
        case let .success(summary?):
            switch summary.renewalStatus {
            case "SUCCESS": return "success"
            case "FAILED": return "error"
            default: return "pending"
            }
        }
    }

    private func requestIDs(since mark: Int, operations: Set<String>, arn: String?) -> [String] {
        calls.since(mark).filter { operations.contains($0.operation) && (arn == nil || $0.resourceARN == arn) }
            .compactMap(\.requestID)
    }

    func sentWrites(since mark: Int, arn: String) -> Bool {
        calls.since(mark).contains { ["CreatePermission", "DeletePermission", "PutPolicy", "DeletePolicy"].contains($0.operation)
            && $0.resourceARN == arn && $0.statusCode.map { (200..<300).contains($0) } == true }
    }
}

/// The caller's identity, looked up once.
final class IdentityCache: @unchecked Sendable {
    private let lock = NSLock()
    private var identity: CallerIdentity?
    private var looked = false

    init(known: CallerIdentity?) {
        identity = known
        looked = known != nil
    }

    var cached: CallerIdentity? { lock.withLock { identity } }

    func get(_ client: PCAClient) async -> CallerIdentity? {
        if lock.withLock({ looked }) { return cached }
        let found = try? await client.callerIdentity()
        lock.withLock {
            identity = found
            looked = true
        }
        return found
    }
}
