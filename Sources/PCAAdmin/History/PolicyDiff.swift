import Foundation

/// What a PutPolicy changed: the grants (one per principal and statement, as `PolicySummary` words them) the
/// new policy has that the one before did not, and those it dropped.
public struct PolicyDiff: Sendable, Hashable {
    public var added: [String]
    public var removed: [String]
    /// False when no earlier PutPolicy or DeletePolicy is in the history: the policy before is unknown.
    public var knownBefore: Bool

    public init(before: String?, after: String?, knownBefore: Bool) {
        let old = Self.lines(before)
        let new = Self.lines(after)
        added = new.filter { !old.contains($0) }
        removed = old.filter { !new.contains($0) }
        self.knownBefore = knownBefore
    }

    static func lines(_ text: String?) -> [String] {
        guard let text else { return [] }
        guard let policy = try? ResourcePolicy(text: text) else { return ["(a policy that is not readable as JSON)"] }
        return PolicySummary(policy).grants.map { "\($0.who): \($0.words)" }
    }

    public var words: String {
        let prefix = knownBefore ? "put the resource policy" : "put the resource policy (the one before is older than the history)"
        var parts = added.map { "+ \($0)" } + removed.map { "- \($0)" }
        if parts.isEmpty { parts = ["no change in who may do what"] }
        return prefix + ": " + parts.joined(separator: "; ")
    }
}
