import Foundation
import PCAClient

/// The inventory of every account and region of an estate, through the one `InventoryLoader` per target:
/// at most `targetConcurrency` targets load at once, each with its own clients and so its own rate limit,
/// and a target that fails (AccessDenied, expired SSO, no role to assume) is a result with its reason that
/// never hides or stops the others. A failed target can be loaded again on its own.
///
/// The one global cap on requests in flight is the targets' shared transport (`ConcurrencyLimitedTransport`,
/// as `EstateBuilder` makes it), which starts requests in the order they came: with as many targets loading
/// as the cap, every slot can be filled from a different account-region, so requests spread across accounts
/// and one target's slow tail (its last few CAs) never leaves the others' slots idle.
public struct EstateLoader: Sendable {
    /// What arrived, as it arrives, for a face that shows the estate while it loads.
    public enum Progress: Sendable {
        case started(targetID: String)
        /// The target's own loader's progress.
        case inventory(targetID: String, InventoryLoader.Progress)
        case finished(EstateResult)
    }

    public var estate: Estate
    /// Account-regions loading at once (default: as many as `concurrency`, the estate's global cap).
    public var targetConcurrency: Int
    /// Per-CA calls at once inside one account-region (`InventoryLoader.concurrency`).
    public var concurrency: Int

    public init(estate: Estate, targetConcurrency: Int? = nil, concurrency: Int = 16) {
        self.estate = estate
        self.targetConcurrency = max(1, targetConcurrency ?? concurrency)
        self.concurrency = max(1, concurrency)
    }

    /// Loads every target; the results are in the estate's order, whatever order they finished in.
    public func load(_ parts: InventoryLoader.Parts, acmAfterCAs: Bool = false,
                     onProgress: @escaping @Sendable (Progress) -> Void = { _ in }) async -> [EstateResult] {
        let targets = estate.targets
        let concurrency = self.concurrency
        var results: [Int: EstateResult] = [:]
        await withTaskGroup(of: (Int, EstateResult).self) { group in
            var next = 0
            func startNext() {
                guard next < targets.count else { return }
                let index = next
                next += 1
                group.addTask {
                    (index, await Self.load(targets[index], parts: parts, concurrency: concurrency, acmAfterCAs: acmAfterCAs,
                                            onProgress: onProgress))
                }
            }
            for _ in 0..<min(targetConcurrency, targets.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
        }
        return targets.indices.compactMap { results[$0] }
    }

    /// Loads one target again (after a failure, or to refresh it).
    public func retry(targetID: String, _ parts: InventoryLoader.Parts, acmAfterCAs: Bool = false,
                      onProgress: @escaping @Sendable (Progress) -> Void = { _ in }) async -> EstateResult? {
        guard let target = estate.target(id: targetID) else { return nil }
        return await Self.load(target, parts: parts, concurrency: concurrency, acmAfterCAs: acmAfterCAs, onProgress: onProgress)
    }

    /// One target's inventory, every record stamped with the account and region it was listed in.
    public static func load(_ target: EstateTarget, parts: InventoryLoader.Parts, concurrency: Int, acmAfterCAs: Bool = false,
                            onProgress: @escaping @Sendable (Progress) -> Void = { _ in }) async -> EstateResult {
        onProgress(.started(targetID: target.id))
        let result: EstateResult
        switch target.access {
        case let .unavailable(reason):
            result = EstateResult(target: target, outcome: .failed(reason: reason))
        case let .connection(connection):
            let loader = InventoryLoader(connection: connection, concurrency: concurrency)
            do {
                var inventory = try await loader.load(parts, acmAfterCAs: acmAfterCAs) { progress in
                    onProgress(.inventory(targetID: target.id, progress))
                }
                stamp(&inventory, target: target)
                var known = target
                known.account = inventory.callerAccount
                result = EstateResult(target: known, outcome: .loaded(inventory))
            } catch {
                result = EstateResult(target: target, outcome: .failed(reason: ErrorWords.short(error)))
            }
        }
        onProgress(.finished(result))
        return result
    }
}

extension EstateLoader {
    /// Gives every record the account (the target's, else the caller's as read) and region it was listed in.
    public static func stamp(_ inventory: inout Inventory, target: EstateTarget) {
        inventory.callerAccount = target.account ?? inventory.callerAccount
        for index in inventory.records.indices {
            inventory.records[index].account = inventory.callerAccount
            inventory.records[index].accountLabel = target.label
            inventory.records[index].region = target.region
        }
    }
}

/// One target's answer: its inventory, or why it could not be read.
public struct EstateResult: Sendable {
    public enum Outcome: Sendable {
        case loaded(Inventory)
        case failed(reason: String)
    }

    /// The target, with its account filled in once the load read it.
    public var target: EstateTarget
    public var outcome: Outcome

    public init(target: EstateTarget, outcome: Outcome) {
        self.target = target
        self.outcome = outcome
    }

    public var inventory: Inventory? {
        guard case let .loaded(inventory) = outcome else { return nil }
        return inventory
    }

    public var failureReason: String? {
        guard case let .failed(reason) = outcome else { return nil }
        return reason
    }
}
