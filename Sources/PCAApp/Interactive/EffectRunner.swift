import Foundation
import PCAAdmin
import PCAClient
import PCATerminalUI
import PCAX509

/// Runs the reducer's effects against AWS (or the demo) and posts the results back as events.
final class EffectRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var session: Session
    /// Counts session switches: an identity read knows which session it asked.
    private var sessionNumber = 0
    /// The profile named on the command line or by the last profile switch; nil when none was named.
    private var chosenProfile: String?
    /// Profile and region switches, run in the order they were asked for.
    private let switches = DispatchQueue(label: "pca-tui.session-switches")
    private var identity: CallerIdentity?
    let options: GlobalOptions
    let environment: [String: String]
    let queue: EventQueue
    let sink: EventSink
    private let journal: Journal
    let calls: CallRecorder
    let mfa: MFABroker
    /// The effects running now, each kept until it ends (so the list never outgrows what is in flight).
    private var tasks: [UInt64: (slot: LoadSlot?, task: Task<Void, Never>)] = [:]
    private var nextTaskID: UInt64 = 0
    /// Write effects running now; they are never cancelled, so quitting waits for them.
    private var writes = 0

    /// Many accounts and regions (`--profiles`, `--organization`, `--estate`); nil for one.
    let estateSession: EstateSession?

    init(session: Session, options: GlobalOptions, environment: [String: String], queue: EventQueue, sink: EventSink,
         journal: Journal, calls: CallRecorder, mfa: MFABroker, estate: EstateChoice? = nil) {
        self.estateSession = estate.map(EstateSession.init)
        self.session = session
        self.chosenProfile = options.profile
        self.mfa = mfa
        self.calls = calls
        self.options = options
        self.environment = environment
        self.queue = queue
        self.sink = sink
        self.journal = journal
    }

    var currentSession: Session { lock.withLock { session } }

    /// Observes every API call: for the activity log and for the audit trail's request ids.
    static func observer(sink: EventSink, calls: @escaping @Sendable (APICallRecord) -> Void) -> APICallObserver {
        { record in
            calls(record)
            sink.post(.apiCall(record))
        }
    }

    /// Cancels the loads. A write in flight is never cancelled halfway: it finishes (or rolls back) and is
    /// journaled first; `WriteInterlock` keeps any further change from starting.
    func cancelAll() {
        mfa.cancelAll()
        WriteInterlock.shared.requestStop()
        lock.withLock { tasks.values.map(\.task) }.forEach { $0.cancel() }
        WriteInterlock.shared.waitUntilIdle()
    }

    func run(_ effect: AppEffect, driver: TerminalDriver) {
        switch effect {
        case .quit:
            return
        case let .copyToClipboard(text):
            // The reducer checked the text already; an unsafe character still never leaves as a paste.
            if let sequence = Clipboard.osc52(text) { driver.writeRaw(sequence) }
        case let .answerMFA(code):
            mfa.answer(code)
        case .stopWrites:
            WriteInterlock.shared.requestStop()
        case let .switchSession(profile, region):
            // One after another, in the order asked: `:profile X` then `:region Y` is X in Y, never the old
            // profile in Y because the second switch read the profile before the first had stored it.
            switches.async { [self] in switchSession(profile: profile, region: region) }
        case let .applyChanges(changes, readOnly, purpose):
            countWrites(+1)
            Task.detached { [self] in
                await apply(changes, readOnly: readOnly, purpose: purpose)
                countWrites(-1)
            }
        default:
            let slot = LoadSlot(effect)
            let superseded = lock.withLock { () -> [Task<Void, Never>] in
                let id = nextTaskID
                nextTaskID += 1
                // Made under the lock: the task's own removal waits for it, so it cannot end before it is listed.
                let task = Task.detached { [self] in
                    await perform(effect)
                    lock.withLock { tasks[id] = nil }
                }
                let older = tasks.values.filter { slot?.supersedes($0.slot) ?? false }.map(\.task)
                tasks[id] = (slot, task)
                return older
            }
            superseded.forEach { $0.cancel() }
        }
    }

    private func perform(_ effect: AppEffect) async {
        switch effect {
        case .loadIdentity:
            await loadIdentity()
        case let .loadInventory(generation) where estateSession != nil:
            if let estateSession { await loadEstate(estateSession, generation: generation) }
        case let .retryEstateTargets(generation, ids):
            if let estateSession { await loadEstate(estateSession, generation: generation, only: Set(ids)) }
        case let .loadInventory(generation):
            // ACM's search runs beside the tags once every CA's permissions are read (`ACMSearchAhead`);
            // whatever needs DescribeCertificate (the failed renewals, or every certificate where the search is not
            // available) comes after the CAs, their permissions and tags: one DescribeCertificate per certificate
            // must never hold up the first rows or the permission column (an emulator or a proxy serving both
            // services shares one connection pool). Only after a listing that worked: a failed one (no credentials,
            // a cancelled MFA prompt) must not ask again for ACM.
            // The UI's rows hold the CAs already: only the issuers are kept while ACM loads, not a second copy of
            // every record. One session for the whole load: a profile or region switch meanwhile must not resolve
            // one account's search through another account's ACM.
            let session = currentSession
            let search = ACMSearchAhead(reader: ACMCertificateReader(acm: session.connection.acm, concurrency: options.concurrency))
            let inventory = await withTaskCancellationHandler {
                await loadInventory(session, generation: generation, onPermissionsRead: search.start)
            } onCancel: {
                search.cancel()
            }
            guard let issuers = inventory.map({ ACMIssuers(records: $0.records) }), !Task.isCancelled else {
                search.cancel()
                break
            }
            await Self.loadACMCertificates(session.connection, issuers: issuers, search: await search.result(),
                                           generation: generation, concurrency: options.concurrency, queue: queue)
        case let .loadACMCertificates(generation):
            await Self.loadACMCertificates(currentSession.connection, issuers: nil, generation: generation,
                                           concurrency: options.concurrency, queue: queue)
        case let .loadDetail(arn):
            queue.post(.detailLoaded(arn: arn, await loadDetail(connection(for: arn).pca, arn: arn)))
        case let .loadDialogState(arn):
            queue.post(.dialogStateLoaded(arn: arn, await ACMRenewalState.read(arn: arn, client: connection(for: arn).pca)))
        case let .readCSR(path):
            queue.post(.csrRead(path: path, Self.readCSR(path)))
        case let .completePath(prefix):
            queue.post(.pathsCompleted(prefix: prefix, PathCompletion.candidates(for: prefix)))
        case .checkJournal:
            queue.post(.interruptedChangesFound(await JournalRecovery.report(journal, connection: currentSession.connection)))
        case .copyToClipboard, .answerMFA, .quit, .stopWrites, .applyChanges, .switchSession:
            break
        }
    }

    /// ACM's certificates through `ACMCertificateReader`; without `issuers` (a reload of ACM alone), the CAs are
    /// listed again to say who issued what. `search` is a search already made (`ACMSearchAhead`): its failure is the
    /// answer, not asked again (a cancelled MFA prompt, say, must not come back a second time).
    static func loadACMCertificates(_ connection: AccountConnection, issuers: ACMIssuers?,
                                    search: Result<ACMCertificateReader.Search, Error>? = nil, generation: Int, concurrency: Int,
                                    queue: EventQueue) async {
        do {
            let reader = ACMCertificateReader(acm: connection.acm, concurrency: concurrency)
            let listing: ACMCertificateListing
            if let issuers, let search {
                listing = try await reader.resolve(try search.get(), issuers: issuers)
            } else if let issuers {
                listing = try await reader.read(issuers: issuers)
            } else {
                listing = try await reader.read(listingIssuersWith: connection)
            }
            queue.post(.acmCertificatesLoaded(generation: generation, .success(listing)))
        } catch is CancellationError {
            return
        } catch {
            queue.post(.acmCertificatesLoaded(generation: generation, .failure(ErrorExplanation(error))))
        }
    }

    /// Lists the CAs, their ACM state and tags through the one inventory loader; nil when the listing failed (the
    /// UI shows why).
    @discardableResult
    private func loadInventory(_ session: Session, generation: Int, onPermissionsRead: @escaping @Sendable () -> Void = {}) async -> Inventory? {
        let queue = self.queue
        do {
            return try await session.loader(concurrency: options.concurrency).load([.permissions, .tags]) { progress in
                switch progress {
                case let .listed(authorities):
                    // Rows appear page by page; ACM states follow once the whole list is known.
                    queue.post(.listLoaded(generation: generation, authorities))
                case let .shared(records):
                    queue.post(.sharedLoaded(generation: generation, records))
                case let .renewal(arn, state, done, total):
                    queue.post(.renewalsLoaded(generation: generation, [(arn, state)], done: done, total: total))
                    if done == total { onPermissionsRead() }
                case let .tags(arn, result, done, total):
                    queue.post(.tagsLoaded(generation: generation, (try? result.get()).map { [(arn, $0)] } ?? [],
                                           done: done, total: total))
                case .acm:
                    break
                }
            }
        } catch {
            queue.post(.listFailed(generation: generation, ErrorExplanation(error)))
            return nil
        }
    }

    private func loadDetail(_ client: PCAClient, arn: String) async -> Result<CADetail, ErrorExplanation> {
        do {
            let authority = try await client.describeCertificateAuthority(arn: arn)
            async let permissions = capture { try await client.allPermissions(arn: arn) }
            async let policy = capture { () -> String? in
                do {
                    return try await client.getPolicy(arn: arn)
                } catch let error as AWSError where error.code == .resourceNotFound {
                    return nil
                }
            }
            async let tags = capture { try await client.tagPages(arn: arn).collect { $0.tags ?? [] } }
            async let caCertificate = CACertificateReader.read(arn: arn, client: client)
            async let history = loadHistory(arn)
            let (certificate, note) = await caCertificate
            return .success(CADetail(authority: authority, permissions: await permissions, policy: await policy, tags: await tags,
                                     caCertificate: certificate, caCertificateNote: note, history: await history))
        } catch {
            return .failure(ErrorExplanation(error))
        }
    }

    /// Who changed the CA, from CloudTrail; nil when the session has no CloudTrail client.
    private func loadHistory(_ arn: String) async -> Result<CAHistory, ErrorExplanation>? {
        // CloudTrail of the CA's own account and region (an estate member's through its role).
        guard let cloudTrail = connection(for: arn).cloudTrail ?? currentSession.cloudTrail else { return nil }
        return await capture { try await CAHistory.load(arn: arn, cloudTrail: cloudTrail) }
    }

    private func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, ErrorExplanation> {
        do {
            return .success(try await body())
        } catch {
            return .failure(ErrorExplanation(error))
        }
    }

    /// Changes through the one write pipeline, one after another; each result goes where the UI asked.
    /// The connection a CA's reads and writes go through: its own account's in an estate, else the session's.
    func connection(for arn: String) -> AccountConnection {
        estateSession?.connection(for: arn)?.0 ?? currentSession.connection
    }

    private func apply(_ changes: [PlannedChange], readOnly: ReadOnlyMode, purpose: WritePurpose) async {
        // In an estate, each account's changes go through a pipeline with that account's connection (and its
        // own read-only setting), one account after another.
        var groups: [(AccountConnection, ReadOnlyMode, [PlannedChange])] = []
        for change in changes {
            var mode = readOnly
            let connection: AccountConnection
            if let (found, target) = estateSession?.connection(for: change.target.arn) {
                connection = found
                if target.readOnly { mode.estateConfig = true }
            } else {
                connection = currentSession.connection
            }
            if let index = groups.firstIndex(where: { $0.0.account == connection.account && $0.0.region == connection.region }) {
                groups[index].2.append(change)
            } else {
                groups.append((connection, mode, [change]))
            }
        }
        for (connection, mode, group) in groups {
            await apply(group, connection: connection, readOnly: mode, purpose: purpose)
        }
    }

    private func apply(_ changes: [PlannedChange], connection: AccountConnection, readOnly: ReadOnlyMode, purpose: WritePurpose) async {
        let pipeline = WritePipeline(connection: connection, readOnly: readOnly, journal: journal,
                                     calls: calls, identity: estateSession == nil ? lock.withLock { identity } : nil)
        let queue = self.queue
        _ = await pipeline.apply(changes) { result in
            let arn = result.change.target.arn
            switch purpose {
            case .dialog: queue.post(.saveFinished(arn: arn, Self.explained(result)))
            case .bulk: queue.post(.bulkItemFinished(arn: arn, Self.explained(result)))
            case .retry: queue.post(.renewalsRetried(caArn: arn, Self.retryResults(result)))
            case let .issue(saveTo): queue.post(.issueFinished(arn: arn, Self.issued(result, saveTo: saveTo)))
            case .sharing:
                switch Self.explained(result) {
                case .failure(let error) where result.policyChange == nil || !result.changedAWS: queue.post(.sharingFinished(arn: arn, .failure(error)))
                default: queue.post(.sharingFinished(arn: arn, .success(result.summary)))
                }
            }
        }
    }

    /// The CSR file read and parsed (the issue dialog).
    static func readCSR(_ path: String) -> Result<CertificationRequest, ErrorExplanation> {
        let expanded = (path as NSString).expandingTildeInPath
        do {
            return .success(try CertificationRequest.read(path: expanded))
        } catch {
            return .failure(ErrorExplanation(code: "NotACSR", message: "\(error)",
                                             explanation: "The file cannot be read as a certificate signing request.",
                                             hint: "openssl req -new -key KEY -out FILE makes one."))
        }
    }

    /// An issuance's result as the dialog shows it, the certificate saved (0644, never over a file).
    static func issued(_ result: WriteResult, saveTo: String?) -> Result<IssueOutcome, ErrorExplanation> {
        guard let issued = result.issued else {
            if case let .failure(error) = explained(result) { return .failure(error) }
            return .failure(ErrorExplanation(code: "Unknown", message: result.summary, explanation: result.summary, hint: ""))
        }
        var warning: String?
        if case let .notVerified(reason) = result.status { warning = "Issued, not fetched yet: \(reason)" }
        var saved: String?
        if let saveTo, let pem = issued.certificate {
            let path = (saveTo as NSString).expandingTildeInPath
            do {
                try IssueCommand.write(pem + (issued.chain ?? ""), to: path, force: false)
                saved = path
            } catch {
                warning = "Not saved: \(error)"
            }
        }
        let certificate = issued.certificate.flatMap { try? Certificate(pem: $0) }
        return .success(IssueOutcome(certificateArn: issued.certificateArn, certificate: certificate, savedTo: saved, warning: warning))
    }

    private func countWrites(_ step: Int) {
        let count = lock.withLock {
            writes += step
            return writes
        }
        queue.post(.writesInFlight(count))
    }

    /// A result as the dialogs show it: the change (its `after` nil when not verified), or why not.
    static func explained(_ result: WriteResult) -> Result<ACMRenewalChange, ErrorExplanation> {
        switch result.status {
        case .done, .notVerified, .unchanged:
            if let change = result.renewalChange { return .success(change) }
            return .failure(ErrorExplanation(code: "Unknown", message: result.summary, explanation: result.summary, hint: ""))
        case let .refused(refusal):
            return .failure(ErrorExplanation(code: "Refused", message: refusal.description,
                                             explanation: "pca-tui did not send the change; nothing was changed.", hint: ""))
        case let .unreadable(reason):
            return .failure(ErrorExplanation(code: "Unreadable", message: reason,
                                             explanation: "The CA could not be read, so nothing was sent.", hint: "Reload and try again."))
        case let .skipped(reason):
            return .failure(ErrorExplanation(code: "NotStarted", message: reason,
                                             explanation: "pca-tui is quitting; this change was not started.", hint: ""))
        case let .failed(error, _):
            return .failure(ErrorExplanation(error))
        }
    }

    /// A retry's per-certificate results; a refusal or an error before any certificate counts for each one planned.
    static func retryResults(_ result: WriteResult) -> [RetryResult] {
        if !result.retried.isEmpty {
            return result.retried.map { item in
                RetryResult(certificateArn: item.certificateArn, domainName: item.domainName,
                            outcome: item.result.mapError { ErrorExplanation($0) })
            }
        }
        let why: ErrorExplanation
        switch explained(result) {
        case let .failure(error): why = error
        case .success: why = ErrorExplanation(code: "Unknown", message: result.summary, explanation: result.summary, hint: "")
        }
        return result.change.steps.compactMap { step in
            guard case let .renew(arn) = step else { return nil }
            return RetryResult(certificateArn: arn, domainName: arn, outcome: .failure(why))
        }
    }

    /// Who the current session's credentials are. The answer counts only for the session it was asked of: one
    /// that arrives after a switch (or after a newer read superseded it) would put the old account in the header
    /// and in the journal's identity.
    private func loadIdentity() async {
        let (client, asked) = lock.withLock { (session.client, sessionNumber) }
        let found: CallerIdentity
        do {
            found = try await client.callerIdentity()
        } catch {
            postIfCurrent(asked, .identityFailed(ErrorExplanation(error)))
            return
        }
        guard postIfCurrent(asked, .identityLoaded(found), storing: found),
              let source = try? await client.credentialProvider.credentials()?.source else { return }
        postIfCurrent(asked, .credentialSourceKnown(source))
    }

    /// Posts `event` (and keeps `identity`) only while the session `asked` is still the current one and the read
    /// was not superseded; checked and posted under one lock, so a switch cannot fall between the two.
    @discardableResult
    private func postIfCurrent(_ asked: Int, _ event: AppEvent, storing identity: CallerIdentity? = nil) -> Bool {
        lock.withLock {
            guard sessionNumber == asked, !Task.isCancelled else { return false }
            if let identity { self.identity = identity }
            queue.post(event)
            return true
        }
    }

    private func switchSession(profile: String?, region: String?) {
        var options = self.options
        let (current, chosenProfile) = lock.withLock { (session, self.chosenProfile) }
        // A region switch keeps the profile as it was chosen: naming the implicit `default` profile would, as in
        // the AWS CLI, skip the environment's credentials the session was using.
        options.profile = profile ?? chosenProfile
        options.region = region ?? current.region
        do {
            let sink = self.sink
            let recorder = calls
            let session = try Session.make(options: options, environment: environment,
                                           observer: Self.observer(sink: sink, calls: { recorder.append($0) }),
                                           mfaPrompt: mfa.prompt)
            lock.withLock {
                self.session = session
                self.chosenProfile = options.profile
                sessionNumber += 1
                identity = nil
            }
            let settings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
            queue.post(.sessionSwitched(HeaderInfo(profile: session.profileLabel, region: session.region,
                                                   endpoint: session.endpointLabel, banner: settings.banner),
                                        readOnly: ReadOnlyMode(commandLine: options.readOnly, profileConfig: settings.readOnly)))
        } catch {
            queue.post(.sessionSwitchFailed(ErrorExplanation(error)))
        }
    }
}
