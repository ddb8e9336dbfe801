import Foundation

/// Evaluates a CA's resource policy as AWS does for a caller of another account: an explicit Deny wins, else
/// an Allow whose principal, action, resource and conditions all match lets the call through, else it is denied.
/// Condition keys it does not know never match, so an unknown condition denies rather than allows.
struct ResourcePolicyEvaluator {
    /// What the request carries that a statement can test.
    struct Request {
        var callerAccount: String
        var callerARN: String
        var organizationID: String?
        var action: String
        var resource: String
        /// Condition keys with their request values, e.g. `acm-pca:TemplateArn`.
        var context: [String: String] = [:]
    }

    let statements: [[String: Any]]

    /// Nil when `policy` is not a JSON object with statements.
    init?(policy: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(policy.utf8))) as? [String: Any] else { return nil }
        if let list = object["Statement"] as? [[String: Any]] {
            statements = list
        } else if let single = object["Statement"] as? [String: Any] {
            statements = [single]
        } else {
            return nil
        }
    }

    func allows(_ request: Request) -> Bool {
        let matching = statements.filter { matches($0, request) }
        if matching.contains(where: { $0["Effect"] as? String == "Deny" }) { return false }
        return matching.contains { $0["Effect"] as? String == "Allow" }
    }

    /// True when a Deny statement matches: the caller is refused whatever else the policy allows.
    func denies(_ request: Request) -> Bool {
        statements.contains { $0["Effect"] as? String == "Deny" && matches($0, request) }
    }

    private func matches(_ statement: [String: Any], _ request: Request) -> Bool {
        principalMatches(statement["Principal"], request)
            && Self.strings(statement["Action"]).contains { Self.wildcard($0, matches: request.action) }
            && Self.strings(statement["Resource"]).contains { Self.wildcard($0, matches: request.resource) }
            && conditionsMatch(statement["Condition"], request)
    }

    private func principalMatches(_ principal: Any?, _ request: Request) -> Bool {
        if principal as? String == "*" { return true }
        guard let object = principal as? [String: Any] else { return false }
        return Self.strings(object["AWS"]).contains { name in
            name == "*" || name == request.callerAccount || name == "arn:aws:iam::\(request.callerAccount):root"
                || name == request.callerARN
        }
    }

    private func conditionsMatch(_ condition: Any?, _ request: Request) -> Bool {
        guard let tests = condition as? [String: Any] else { return condition == nil }
        var context = request.context
        context["aws:PrincipalAccount"] = request.callerAccount
        context["aws:PrincipalArn"] = request.callerARN
        context["aws:PrincipalOrgID"] = request.organizationID
        return tests.allSatisfy { test, keys in
            guard let keys = keys as? [String: Any] else { return false }
            return keys.allSatisfy { key, values in
                guard let actual = context[key] else { return false }
                let wanted = Self.strings(values)
                switch test {
                case "StringEquals": return wanted.contains(actual)
                case "StringEqualsIgnoreCase": return wanted.contains { $0.lowercased() == actual.lowercased() }
                case "StringLike": return wanted.contains { Self.wildcard($0, matches: actual) }
                case "StringNotEquals": return !wanted.contains(actual)
                default: return false
                }
            }
        }
    }

    static func strings(_ value: Any?) -> [String] {
        if let single = value as? String { return [single] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// IAM's `*` and `?` wildcards; action names compare without regard to case.
    static func wildcard(_ pattern: String, matches value: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: pattern)
            .replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".")
        return value.range(of: "^\(escaped)\\z", options: [.regularExpression, .caseInsensitive]) != nil
    }
}
