import Foundation

/// What sharing or unsharing does to a CA's resource policy, decided from the policy's text: nothing, put a
/// new text (every statement of other principals kept byte for byte), or delete the policy when no statement
/// remains.
public enum PolicyEdit: Sendable, Hashable {
    case nothing
    case put(String)
    case delete

    /// The edit that shares the CA with `grant.principal`. pca-tui's own statements for that principal (by
    /// their Sids) are replaced; nothing changes when the principal already has exactly the access asked for.
    public static func share(_ grant: SharingGrant, caArn: String, current: String?) throws -> (edit: PolicyEdit, notes: [String]) {
        let added = grant.statements(caArn: caArn)
        guard let current else { return (.put(ResourcePolicy.text(statements: added)), []) }
        let policy = try ResourcePolicy(text: current)
        let ours = Set(policy.statements.indices.filter { index in
            let statement = policy.statements[index]
            return [grant.readSid, grant.issueSid].contains(statement.sid ?? "") && grant.principal.isNamed(by: statement)
        })
        let after: String
        if let rest = policy.removing(ours) {
            after = try ResourcePolicy(text: rest).appending(added)
        } else {
            after = ResourcePolicy.text(statements: added)
        }
        let asked = PolicySummary(try ResourcePolicy(text: ResourcePolicy.text(statements: added))).access(of: grant.principal)
        let before = PolicySummary(policy).access(of: grant.principal)
        let other = policy.statements.enumerated().filter { !ours.contains($0.offset) && grant.principal.isNamed(by: $0.element) }
        let notes = other.isEmpty ? [] : ["\(Self.names(other.map(\.element))) of this policy also \(other.count == 1 ? "names" : "name") "
                                          + "\(grant.principal) and \(other.count == 1 ? "is" : "are") kept as written"]
        let reached = PolicySummary(try ResourcePolicy(text: after)).access(of: grant.principal)
        if before == asked || before == reached {
            return (.nothing, notes)
        }
        return (.put(after), notes)
    }

    /// The edit that removes every statement naming only `principal`; the policy is deleted when none remains.
    public static func unshare(_ principal: SharingPrincipal, current: String?) throws -> (edit: PolicyEdit, notes: [String]) {
        guard let current else { return (.nothing, []) }
        let policy = try ResourcePolicy(text: current)
        let named = Set(policy.statements.indices.filter { principal.isNamed(by: policy.statements[$0]) })
        var notes: [String] = []
        let shared = policy.statements.filter { statement in
            !principal.isNamed(by: statement) && PolicySummary.mentions(principal, statement)
        }
        if !shared.isEmpty {
            notes.append("\(names(shared)) also \(shared.count == 1 ? "names" : "name") other principals beside \(principal) "
                         + "and \(shared.count == 1 ? "is" : "are") kept as written: edit \(shared.count == 1 ? "it" : "them") by hand")
        }
        guard !named.isEmpty else { return (.nothing, notes) }
        guard let after = policy.removing(named) else { return (.delete, notes) }
        return (.put(after), notes)
    }

    /// The statements removed (`-`) and added (`+`), each on one line as written, then how many are kept.
    public static func diff(before: String?, after: String?) -> [String] {
        let old = before.flatMap { try? ResourcePolicy(text: $0) }?.statements.map(\.text) ?? []
        let new = after.flatMap { try? ResourcePolicy(text: $0) }?.statements.map(\.text) ?? []
        var remaining = new
        var lines: [String] = []
        var kept = 0
        for statement in old {
            if let index = remaining.firstIndex(of: statement) {
                remaining.remove(at: index)
                kept += 1
            } else {
                lines.append("- " + statement)
            }
        }
        lines += remaining.map { "+ " + $0 }
        if before == nil { lines.insert("(no policy before: a new one)", at: 0) }
        if after == nil { lines.append("(no statement remains: the policy is deleted)") }
        if kept > 0 { lines.append("  \(kept) other \(kept == 1 ? "statement" : "statements") kept byte for byte") }
        return lines
    }

    private static func names(_ statements: [PolicyStatement]) -> String {
        let sids = statements.map { $0.sid.map { "'\($0)'" } ?? "(no Sid)" }
        return (statements.count == 1 ? "Statement " : "Statements ") + sids.joined(separator: ", ")
    }
}
