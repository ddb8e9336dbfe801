import Foundation
import PCAAdmin

/// One account and region of an estate, as the UI names it.
public struct EstateTargetSummary: Sendable, Hashable {
    /// `LABEL/REGION`, as `EstateTarget.id`.
    public var id: String
    public var label: String
    public var account: String?
    public var region: String

    public init(id: String, label: String, account: String?, region: String) {
        self.id = id
        self.label = label
        self.account = account
        self.region = region
    }

    public init(_ target: EstateTarget) {
        self.init(id: target.id, label: target.label, account: target.account, region: target.region)
    }

    /// `222233334444 (workload-a) us-east-1`.
    public var words: String {
        let who = account.map { $0 == label ? $0 : "\($0) (\(label))" } ?? label
        return "\(who) \(region)"
    }
}

/// What the list shows of an estate: its accounts and regions, which answered, which failed and why.
public struct EstateOverview: Sendable, Hashable {
    public var targets: [EstateTargetSummary]
    public var answered: Set<String> = []
    /// Failed targets' reasons, by target id.
    public var failures: [String: String] = [:]

    public init(targets: [EstateTargetSummary]) {
        self.targets = targets
    }

    public var accountCount: Int { Set(targets.map { $0.account ?? $0.label }).count }
    public var regionCount: Int { Set(targets.map(\.region)).count }

    /// The failed targets in the estate's order, with their reasons.
    public var failedTargets: [(EstateTargetSummary, String)] {
        targets.compactMap { target in failures[target.id].map { (target, $0) } }
    }

    /// The lines the list gives failures (at most this many; the rest are counted on the last).
    public static let failureLines = 3
}
