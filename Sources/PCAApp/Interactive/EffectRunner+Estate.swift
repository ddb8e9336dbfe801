import Foundation
import PCAAdmin
import PCAClient
import PCATerminalUI

/// The UI over an estate: every account and region loaded through the one estate loader, each CA's reads and
/// writes made with its own account's connection.
final class EstateSession: @unchecked Sendable {
    let choice: EstateChoice
    private let lock = NSLock()
    private var built: Estate?

    init(choice: EstateChoice) {
        self.choice = choice
    }

    var estate: Estate? { lock.withLock { built } }

    func build(options: GlobalOptions, environment: [String: String], observer: APICallObserver?,
               mfaPrompt: @escaping MFACodePrompt) async -> Estate {
        if let estate { return estate }
        let estate = await EstateBuilder.build(choice, options: options, environment: environment, observer: observer,
                                               mfaPrompt: mfaPrompt)
        return lock.withLock {
            // The first estate built stays the session's (its role credentials, asked for with MFA once). A build
            // a reload cancelled is not kept: its failures say "cancelled", not anything about the accounts. Nor is
            // one whose organization could not be listed: a reload or a retry asks Organizations again.
            if let built { return built }
            if !Task.isCancelled, !estate.discoveryFailed { built = estate }
            return estate
        }
    }

    /// The connection of the account and region an ACM-PCA ARN names, when the estate has it.
    func connection(for arn: String) -> (AccountConnection, EstateTarget)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, let estate else { return nil }
        let region = String(parts[3])
        let account = String(parts[4])
        let candidates = estate.targets.filter { $0.region == region }
        guard let target = candidates.first(where: { $0.connection?.account == account || $0.account == account })
                ?? candidates.first, let connection = target.connection else { return nil }
        return (connection, target)
    }
}

extension EffectRunner {
    /// Loads every account and region: rows arrive per target, failures are lines of their own, then ACM's
    /// certificates per target.
    func loadEstate(_ estateSession: EstateSession, generation: Int, only ids: Set<String>? = nil) async {
        let queue = self.queue
        // A retry where no estate was kept (the organization could not be listed) builds it again: its targets are
        // new, so all of them load.
        let ids = estateSession.estate == nil ? nil : ids
        let estate = await estateSession.build(options: options, environment: environment,
                                               observer: Self.observer(sink: sink, calls: { [calls] in calls.append($0) }),
                                               mfaPrompt: mfa.prompt)
        if ids == nil { queue.post(.estateStarted(generation: generation, estate.targets.map(EstateTargetSummary.init))) }
        let loader = EstateLoader(estate: estate, concurrency: options.concurrency)
        let onProgress: @Sendable (EstateLoader.Progress) -> Void = { progress in
            guard case let .finished(result) = progress else { return }
            let summary = EstateTargetSummary(result.target)
            if let inventory = result.inventory {
                queue.post(.estateTargetLoaded(generation: generation, summary, inventory.records))
            } else {
                queue.post(.estateTargetFailed(generation: generation, summary, result.failureReason ?? "unknown"))
            }
        }
        var results: [EstateResult] = []
        if let ids {
            for id in ids {
                if let result = await loader.retry(targetID: id, [.permissions, .tags], onProgress: onProgress) { results.append(result) }
            }
        } else {
            results = await loader.load([.permissions, .tags], onProgress: onProgress)
        }
        for result in results where result.inventory != nil && !Task.isCancelled {
            guard let connection = result.target.connection else { continue }
            let listing: Result<ACMCertificateListing, ErrorExplanation>
            do {
                let issuers = ACMIssuers(records: result.inventory?.records ?? [])
                listing = .success(try await ACMCertificateReader(acm: connection.acm, concurrency: options.concurrency)
                    .read(issuers: issuers))
            } catch {
                listing = .failure(ErrorExplanation(error))
            }
            queue.post(.estateACMLoaded(generation: generation, targetID: result.target.id, listing))
        }
    }
}
