import Foundation

/// The counts of a plan and of its results, with the same words before and after: "3 refused" in the plan
/// is "3 refused" after.
public struct WriteSummary: Sendable, Hashable {
    public var toChange = 0
    public var unchanged = 0
    public var refused = 0
    public var unreadable = 0
    /// After applying.
    public var changed = 0
    public var notVerified = 0
    public var failed = 0
    public var skipped = 0

    public init(plan: [PlannedChange]) {
        for change in plan {
            switch change.kind {
            case .grant, .repair, .revoke, .retry, .issue, .putPolicy, .deletePolicy: toChange += 1
            case .nothing: unchanged += 1
            case .refused: refused += 1
            case .unreadable: unreadable += 1
            }
        }
    }

    public init(results: [WriteResult]) {
        for result in results {
            switch result.status {
            case .done: changed += 1
            case .notVerified: notVerified += 1
            case .unchanged: unchanged += 1
            case .refused: refused += 1
            case .unreadable: unreadable += 1
            case .skipped: skipped += 1
            case .failed: failed += 1
            }
        }
    }

    /// "2 to change, 1 already as asked, 3 refused, 1 unreadable".
    public var planWords: String {
        var parts = ["\(toChange) to change"]
        if unchanged > 0 { parts.append("\(unchanged) already as asked") }
        if refused > 0 { parts.append("\(refused) refused") }
        if unreadable > 0 { parts.append("\(unreadable) unreadable") }
        return parts.joined(separator: ", ")
    }

    /// "2 changed and verified, 1 changed but not verified, 1 failed, 3 refused".
    public var resultWords: String {
        var parts = ["\(changed) changed and verified"]
        if notVerified > 0 { parts.append("\(notVerified) changed, not verified") }
        if unchanged > 0 { parts.append("\(unchanged) already as asked") }
        parts.append("\(failed) failed")
        if refused > 0 { parts.append("\(refused) refused") }
        if unreadable > 0 { parts.append("\(unreadable) unreadable") }
        if skipped > 0 { parts.append("\(skipped) not started (stopped)") }
        return parts.joined(separator: ", ")
    }

    /// How the whole run ended, for the exit status: see `Verdict`.
    public var verdict: Verdict {
        let madeChanges = changed + notVerified > 0
        let shortfalls = failed + refused + unreadable + skipped
        if madeChanges {
            if shortfalls > 0 { return .partlyDone }
            return notVerified > 0 ? .changedNotVerified : .done
        }
        if failed > 0 || unreadable > 0 { return .failed }
        if refused > 0 || skipped > 0 { return .nothingSent }
        return .done
    }

    public enum Verdict: Sendable, Hashable {
        /// Everything planned was done and verified (or nothing needed doing).
        case done
        /// Every change was made, some could not be read back.
        case changedNotVerified
        /// Some CAs changed, others were refused, unreadable, stopped or failed.
        case partlyDone
        /// An AWS or network error (or an unreadable CA) stopped it, and nothing changed.
        case failed
        /// Nothing was sent: everything refused (or stopped).
        case nothingSent
    }
}
