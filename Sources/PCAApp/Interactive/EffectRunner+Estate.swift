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

    /// The estate the rows were loaded from: every CA's reads and writes go through its target's connection.
    var estate: Estate? { lock.withLock { built } }

    /// The session's estate, built once: its role credentials are asked for (with MFA) once. `rebuild` builds it
    /// again, for `t` on an organization that could not be listed. A build a reload cancelled is never kept: its
    /// failures say "cancelled", not anything about the accounts.
    func build(options: GlobalOptions, environment: [String: String], observer: APICallObserver?,
               mfaPrompt: @escaping MFACodePrompt, rebuild: Bool = false) async -> Estate {
        if !rebuild, let estate { return estate }
        let fresh = await EstateBuilder.build(choice, options: options, environment: environment, observer: observer,
                                              mfaPrompt: mfaPrompt)
        return lock.withLock {
            guard !Task.isCancelled else { return built ?? fresh }
            if !rebuild, let built { return built }
            built = fresh
            return fresh
        }
    }

    /// True when retrying `ids` means asking Organizations again: one of them is the line of an organization
    /// whose accounts could not be listed.
    func retryRebuilds(_ ids: Set<String>) -> Bool {
        guard let estate, estate.discoveryFailed else { return false }
        return estate.targets.contains { ids.contains($0.id) && $0.isCallerFailure }
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
        // A retry of an organization that could not be listed builds the estate again: its targets are new, so all
        // of them load.
        let rebuild = ids.map(estateSession.retryRebuilds) ?? false
        let ids = rebuild ? nil : ids
        let estate = await estateSession.build(options: options, environment: environment,
                                               observer: Self.observer(sink: sink, calls: { [calls] in calls.append($0) }),
                                               mfaPrompt: mfa.prompt, rebuild: rebuild)
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
