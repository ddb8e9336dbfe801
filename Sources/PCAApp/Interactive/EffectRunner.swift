import Foundation
import PCAClient
import PCATerminalUI

/// Runs the reducer's effects against AWS (or the demo) and posts the results back as events.
final class EffectRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var session: Session
    private var identity: CallerIdentity?
    private let options: GlobalOptions
    private let environment: [String: String]
    private let queue: EventQueue
    private let sink: EventSink
    private let audit: AuditLog
    private let calls: CallRecorder
    private let mfa: MFABroker
    private var tasks: [Task<Void, Never>] = []

    init(session: Session, options: GlobalOptions, environment: [String: String], queue: EventQueue, sink: EventSink,
         audit: AuditLog, calls: CallRecorder, mfa: MFABroker) {
        self.session = session
        self.mfa = mfa
        self.calls = calls
        self.options = options
        self.environment = environment
        self.queue = queue
        self.sink = sink
        self.audit = audit
    }

    var currentSession: Session { lock.withLock { session } }

    /// Observes every API call: for the activity log and for the audit trail's request ids.
    static func observer(sink: EventSink, calls: @escaping @Sendable (APICallRecord) -> Void) -> APICallObserver {
        { record in
            calls(record)
            sink.post(.apiCall(record))
        }
    }

    func cancelAll() {
        mfa.cancelAll()
        lock.withLock { tasks }.forEach { $0.cancel() }
    }

    func run(_ effect: AppEffect, driver: TerminalDriver) {
        switch effect {
        case .quit:
            return
        case let .copyToClipboard(text):
            driver.writeRaw("\u{1b}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
        case let .answerMFA(code):
            mfa.answer(code)
        default:
            let task = Task.detached { [self] in await perform(effect) }
            lock.withLock {
                tasks.removeAll { $0.isCancelled }
                tasks.append(task)
            }
        }
    }

    private func perform(_ effect: AppEffect) async {
        let client = currentSession.client
        switch effect {
        case .loadIdentity:
            do {
                let found = try await client.callerIdentity()
                lock.withLock { identity = found }
                queue.post(.identityLoaded(found))
                if let source = try? await client.credentialProvider.credentials()?.source {
                    queue.post(.credentialSourceKnown(source))
                }
            } catch {
                queue.post(.identityFailed(ErrorExplanation(error)))
            }
        case let .loadInventory(generation):
            // ACM's certificates come after the CAs, their permissions and tags: one DescribeCertificate per
            // certificate must never hold up the first rows or the permission column (an emulator or a proxy
            // serving both services shares one connection pool).
            // Only after a listing that worked: a failed one (no credentials, a cancelled MFA prompt) must not
            // ask again for ACM.
            if await loadInventory(client, generation: generation), !Task.isCancelled {
                await Self.loadACMCertificates(currentSession.acm, generation: generation, concurrency: options.concurrency,
                                               queue: queue)
            }
        case let .loadACMCertificates(generation):
            await Self.loadACMCertificates(currentSession.acm, generation: generation, concurrency: options.concurrency, queue: queue)
        case let .retryRenewals(caArn, certificateArns, readOnly):
            await retryRenewals(caArn: caArn, certificateArns: certificateArns, readOnly: readOnly)
        case let .loadDetail(arn):
            queue.post(.detailLoaded(arn: arn, await loadDetail(client, arn: arn)))
        case let .loadDialogState(arn):
            queue.post(.dialogStateLoaded(arn: arn, await client.acmRenewalState(arn: arn)))
        case let .saveRenewal(arn, enable, readOnly):
            await save(arn: arn, enable: enable, readOnly: readOnly)
        case let .saveBulk(arns, readOnly):
            // One CA after another: each is a whole save (rule, change, read-back, audit line), and one
            // failure never stops the rest.
            for arn in arns {
                if Task.isCancelled { break }
                let result = await write(arn: arn, enable: true, readOnly: readOnly)
                queue.post(.bulkItemFinished(arn: arn, result))
            }
        case let .switchSession(profile, region):
            switchSession(profile: profile, region: region)
        case .copyToClipboard, .answerMFA, .quit:
            break
        }
    }

    private static func loadACMCertificates(_ acm: ACMClient, generation: Int, concurrency: Int, queue: EventQueue) async {
        do {
            let listing = try await acm.privateCertificates(concurrency: concurrency)
            queue.post(.acmCertificatesLoaded(generation: generation, .success(listing)))
        } catch is CancellationError {
            return
        } catch {
            queue.post(.acmCertificatesLoaded(generation: generation, .failure(ErrorExplanation(error))))
        }
    }

    /// The retry through the shared write path (`RenewalRetrier`), which asks the write rule again.
    private func retryRenewals(caArn: String, certificateArns: [String], readOnly: ReadOnlyMode) async {
        let retrier = RenewalRetrier(session: currentSession, readOnly: readOnly, audit: audit, calls: calls)
        if let refusal = retrier.refusal {
            let explained = ErrorExplanation(code: "Refused", message: refusal.description,
                                             explanation: "pca-tui did not send the retry.", hint: "")
            queue.post(.renewalsRetried(caArn: caArn, certificateArns.map {
                RetryResult(certificateArn: $0, domainName: $0, outcome: .failure(explained))
            }))
            return
        }
        let outcomes = await retrier.retry(caArn: caArn, certificateArns: certificateArns, caller: lock.withLock { identity })
        queue.post(.renewalsRetried(caArn: caArn, outcomes.map { outcome in
            RetryResult(certificateArn: outcome.certificateArn, domainName: outcome.domainName,
                        outcome: outcome.result.mapError { ErrorExplanation($0) })
        }))
    }

    /// Lists the CAs, their ACM state and tags; false when the listing failed (the UI shows why).
    @discardableResult
    private func loadInventory(_ client: PCAClient, generation: Int) async -> Bool {
        let queue = self.queue
        // Shared CAs come from one extra call; without RAM shares (or permission) it simply adds nothing.
        async let shared = client.sharedInventory()
        do {
            let concurrency = options.concurrency
            let entries = try await client.loadInventory(
                concurrency: concurrency,
                // Rows appear page by page; ACM states follow once the whole list is known.
                onPage: { queue.post(.listLoaded(generation: generation, $0)) },
                onProgress: { entry, done, total in
                    queue.post(.renewalsLoaded(generation: generation, [(entry.authority.arn ?? "", entry.renewal)],
                                               done: done, total: total))
                })
            let shared = await shared
            if !shared.isEmpty {
                queue.post(.sharedLoaded(generation: generation, shared))
            }
            await loadTags(client, arns: entries.compactMap(\.authority.arn), generation: generation, concurrency: concurrency)
            return true
        } catch {
            queue.post(.listFailed(generation: generation, ErrorExplanation(error)))
            return false
        }
    }

    /// Tags come after the permissions, so the filter can search them without delaying the ACM state.
    private func loadTags(_ client: PCAClient, arns: [String], generation: Int, concurrency: Int) async {
        let queue = self.queue
        await withTaskGroup(of: (String, [Tag]?).self) { group in
            var next = 0
            var done = 0
            func startNext() {
                guard next < arns.count else { return }
                let arn = arns[next]
                next += 1
                group.addTask { (arn, try? await client.tagPages(arn: arn).collect { $0.tags ?? [] }) }
            }
            for _ in 0..<min(concurrency, arns.count) { startNext() }
            while let (arn, tags) = await group.next() {
                done += 1
                queue.post(.tagsLoaded(generation: generation, tags.map { [(arn, $0)] } ?? [], done: done, total: arns.count))
                startNext()
            }
        }
        if arns.isEmpty { queue.post(.tagsLoaded(generation: generation, [], done: 0, total: 0)) }
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
            return .success(CADetail(authority: authority, permissions: await permissions, policy: await policy, tags: await tags))
        } catch {
            return .failure(ErrorExplanation(error))
        }
    }

    private func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, ErrorExplanation> {
        do {
            return .success(try await body())
        } catch {
            return .failure(ErrorExplanation(error))
        }
    }

    private func save(arn: String, enable: Bool, readOnly: ReadOnlyMode) async {
        queue.post(.saveFinished(arn: arn, await write(arn: arn, enable: enable, readOnly: readOnly)))
    }

    /// One change through the write path (`RenewalWriter`), as the UI shows its result.
    private func write(arn: String, enable: Bool, readOnly: ReadOnlyMode) async -> Result<ACMRenewalChange, ErrorExplanation> {
        let writer = RenewalWriter(session: currentSession, readOnly: readOnly, audit: audit, calls: calls)
        switch await writer.write(arn: arn, enable: enable, caller: lock.withLock { identity }) {
        case let .changed(change):
            return .success(change)
        case let .refused(refusal):
            return .failure(ErrorExplanation(code: "Refused", message: refusal.description,
                                             explanation: "pca-tui did not send the change; nothing was changed.", hint: ""))
        case let .failed(error):
            return .failure(ErrorExplanation(error))
        }
    }

    private func switchSession(profile: String?, region: String?) {
        var options = self.options
        let current = currentSession
        options.profile = profile ?? current.settings?.profileName ?? options.profile
        options.region = region ?? current.region
        do {
            let sink = self.sink
            let recorder = calls
            let session = try Session.make(options: options, environment: environment,
                                           observer: Self.observer(sink: sink, calls: { recorder.append($0) }),
                                           mfaPrompt: mfa.prompt)
            lock.withLock {
                self.session = session
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
