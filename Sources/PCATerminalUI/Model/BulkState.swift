import PCAAdmin
import PCAAdmin
import PCAClient

/// The bulk Configure CA permissions dialog: ACM renewal granted on every marked CA at once.
public struct BulkState: Sendable, Hashable {
    /// What saving would do to one CA, decided before anything is sent.
    public enum Plan: Sendable, Hashable {
        case grant
        /// A partial grant replaced by the full one.
        case repair
        case nothing
        /// Refused by the write rule (read-only, another account's CA, not ACTIVE), with the reason.
        case refused(String)
    }

    public enum Outcome: Sendable, Hashable {
        case waiting
        case done(ACMRenewalChange)
        case failed(ErrorExplanation)
    }

    public struct Item: Sendable, Hashable {
        /// The change as `WritePlanner` planned it: the same plan and words as `acm-renewal enable`.
        public var change: PlannedChange
        public var outcome: Outcome = .waiting

        public init(change: PlannedChange) {
            self.change = change
        }

        public var arn: String { change.target.arn }
        public var name: String { change.target.name }

        public var plan: Plan {
            switch change.kind {
            case .grant: return .grant
            case .repair: return .repair
            case .nothing, .revoke, .retry, .issue, .putPolicy, .deletePolicy: return .nothing
            case let .refused(refusal): return .refused(refusal.shortReason)
            case let .unreadable(reason): return .refused("unreadable: \(reason)")
            }
        }

        public var needsWork: Bool { plan == .grant || plan == .repair }
    }

    public enum Focus: Sendable, Hashable { case apply, cancel }
    public enum Phase: Sendable, Hashable { case review(Focus), running, finished }

    public var items: [Item]
    public var phase: Phase = .review(.apply)
    public var scroll = 0

    public init(items: [Item]) {
        self.items = items
    }

    public var toChange: [Item] { items.filter(\.needsWork) }

    public func count(_ plan: Plan) -> Int { items.filter { $0.plan == plan }.count }
    public var refusedCount: Int { items.filter { if case .refused = $0.plan { return true } else { return false } }.count }
    public var doneCount: Int { items.filter { if case .done = $0.outcome { return true } else { return false } }.count }
    public var failedCount: Int { items.filter { if case .failed = $0.outcome { return true } else { return false } }.count }

    /// "3 grants, 2 repairs; 1 unchanged; 2 refused".
    public var planSummary: String {
        var parts = ["\(count(.grant)) \(count(.grant) == 1 ? "grant" : "grants")",
                     "\(count(.repair)) \(count(.repair) == 1 ? "repair" : "repairs")"]
        if count(.nothing) > 0 { parts.append("\(count(.nothing)) already enabled") }
        if refusedCount > 0 { parts.append("\(refusedCount) refused") }
        return parts.joined(separator: ", ")
    }
}
