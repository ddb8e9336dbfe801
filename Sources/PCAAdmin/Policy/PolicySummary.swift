import Foundation

/// Who may do what on a CA under its resource policy: one grant per statement and principal, in the policy's
/// order. The same summary for `policy CA`, its JSON, the UI's "Shared with" and the plan of a share.
public struct PolicySummary: Sendable, Hashable {
    /// Whom a grant is for.
    public enum Who: Sendable, Hashable, Comparable, CustomStringConvertible {
        case account(String)
        /// Anyone whose account is in the organization (`"*"` with `aws:PrincipalOrgID`).
        case organization(String)
        case anyone
        case service(String)
        case principal(String)

        public init(_ principal: SharingPrincipal) {
            switch principal {
            case let .account(id): self = .account(id)
            case let .organization(id): self = .organization(id)
            }
        }

        public var description: String {
            switch self {
            case let .account(id): return "account \(id)"
            case let .organization(id): return "organization \(id)"
            case .anyone: return "anyone"
            case let .service(name): return "service \(name)"
            case let .principal(arn): return arn
            }
        }

        /// `account`, `organization`, `anyone`, `service`, `principal`: the JSON's `principalType`.
        public var type: String {
            switch self {
            case .account: return "account"
            case .organization: return "organization"
            case .anyone: return "anyone"
            case .service: return "service"
            case .principal: return "principal"
            }
        }

        /// The id, name or ARN; `*` for anyone.
        public var value: String {
            switch self {
            case let .account(id), let .organization(id), let .service(id), let .principal(id): return id
            case .anyone: return "*"
            }
        }
    }

    public struct Grant: Sendable, Hashable {
        public var who: Who
        public var effect: String
        public var actions: [String]
        /// The statement's conditions, without the `aws:PrincipalOrgID` test that made `who` an organization.
        public var conditions: [PolicyStatement.Condition]
        public var sid: String?

        /// `IssueCertificate` (when acm-pca:TemplateArn StringEquals ...).
        public var words: String {
            let actions = actions.map { $0.hasPrefix("acm-pca:") ? String($0.dropFirst(8)) : $0 }.joined(separator: ", ")
            let condition = conditions.isEmpty ? "" : " (when " + conditions.map(\.words).joined(separator: " and ") + ")"
            return (effect == "Allow" ? "" : "\(effect.uppercased()): ") + actions + condition
        }
    }

    public var grants: [Grant]

    /// True when `statement` gives `principal` anything, alone or beside other principals.
    static func mentions(_ principal: SharingPrincipal, _ statement: PolicyStatement) -> Bool {
        grants(of: statement).contains { $0.who == Who(principal) }
    }

    public init(_ policy: ResourcePolicy) {
        grants = policy.statements.flatMap(Self.grants(of:))
    }

    public init(grants: [Grant]) {
        self.grants = grants
    }

    static func grants(of statement: PolicyStatement) -> [Grant] {
        statement.principals.map { principal in
            var conditions = statement.conditions
            let who: Who
            switch principal {
            case .anyone:
                let org = conditions.firstIndex { $0.test == "StringEquals" && $0.key == SharingPrincipal.orgKey && $0.values.count == 1 }
                if let org {
                    who = .organization(conditions[org].values[0])
                    conditions.remove(at: org)
                } else {
                    who = .anyone
                }
            case let .account(id): who = .account(id)
            case let .arn(arn): who = .principal(arn)
            case let .service(name): who = .service(name)
            }
            return Grant(who: who, effect: statement.effect, actions: statement.actions, conditions: conditions, sid: statement.sid)
        }
    }

    /// What `principal` may do, as comparable items (`action` plus its conditions): two policies give it the
    /// same access when these are equal.
    public func access(of principal: SharingPrincipal) -> Set<String> {
        let who = Who(principal)
        return Set(grants.filter { $0.who == who }.flatMap { grant in
            grant.actions.map { "\(grant.effect) \($0) \(grant.conditions.map(\.words).joined(separator: " and "))" }
        })
    }

    /// The principals given anything, in the policy's order, each once.
    public var principals: [Who] {
        var seen = Set<Who>()
        return grants.map(\.who).filter { seen.insert($0).inserted }
    }

    /// "account 555566667777: DescribeCertificateAuthority, ...; IssueCertificate (when ...)", one line each.
    public var lines: [String] {
        principals.map { who in
            "\(who): " + grants.filter { $0.who == who }.map(\.words).joined(separator: "; ")
        }
    }

    /// One object per grant, for `policy CA -o json`.
    public var jsonObjects: [[String: Any]] {
        grants.map { grant in
            var object: [String: Any] = [
                "principalType": grant.who.type, "principal": grant.who.value, "effect": grant.effect,
                "actions": grant.actions.sorted(), "conditions": grant.conditions.map(\.words).sorted(),
            ]
            object["sid"] = grant.sid ?? NSNull()
            return object
        }
    }
}
