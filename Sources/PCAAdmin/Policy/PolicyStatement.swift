import Foundation

/// One statement of a resource policy: its text as written, and what it says.
public struct PolicyStatement: Sendable, Hashable {
    /// Who a statement names.
    public enum Principal: Sendable, Hashable, Comparable {
        /// `"*"` or `{"AWS": "*"}`: anyone (narrowed by conditions such as `aws:PrincipalOrgID`).
        case anyone
        /// An account, by its id or its root ARN.
        case account(String)
        /// A user, role or other IAM ARN.
        case arn(String)
        /// An AWS service, such as `acm.amazonaws.com`.
        case service(String)
    }

    /// One condition test: `StringEquals acm-pca:TemplateArn = ...`.
    public struct Condition: Sendable, Hashable, Comparable {
        public var test: String
        public var key: String
        public var values: [String]

        public static func < (lhs: Condition, rhs: Condition) -> Bool {
            (lhs.key, lhs.test, lhs.values.joined(separator: ",")) < (rhs.key, rhs.test, rhs.values.joined(separator: ","))
        }

        /// `acm-pca:TemplateArn StringEquals arn:aws:acm-pca:::template/EndEntityCertificate/V1`.
        public var words: String { "\(key) \(test) \(values.joined(separator: " | "))" }
    }

    public var text: String
    public var sid: String?
    /// `Allow` or `Deny`.
    public var effect: String
    public var principals: [Principal]
    public var actions: [String]
    public var resources: [String]
    public var conditions: [Condition]

    /// Nil when `text` is not a JSON object.
    public init?(text: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
        self.text = text
        sid = object["Sid"] as? String
        effect = object["Effect"] as? String ?? ""
        principals = Self.principals(object["Principal"])
        actions = Self.strings(object["Action"])
        resources = Self.strings(object["Resource"])
        conditions = Self.conditions(object["Condition"])
    }

    /// The account an ARN or id names: `555566667777` and `arn:aws:iam::555566667777:root` both name it.
    public static func account(of principal: String) -> String? {
        if principal.count == 12, principal.allSatisfy(\.isASCIIDigit) { return principal }
        let parts = principal.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5] == "root" else { return nil }
        return String(parts[4])
    }

    /// The values a condition test holds for `key`, e.g. `StringEquals` `aws:PrincipalOrgID`.
    public func values(_ test: String, _ key: String) -> [String]? {
        conditions.first { $0.test == test && $0.key == key }?.values
    }

    static func strings(_ value: Any?) -> [String] {
        if let single = value as? String { return [single] }
        return (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func principals(_ value: Any?) -> [Principal] {
        if value as? String == "*" { return [.anyone] }
        guard let object = value as? [String: Any] else { return [] }
        var found: [Principal] = []
        for name in strings(object["AWS"]) {
            if name == "*" {
                found.append(.anyone)
            } else if let account = account(of: name) {
                found.append(.account(account))
            } else {
                found.append(.arn(name))
            }
        }
        found += strings(object["Service"]).map(Principal.service)
        return found
    }

    private static func conditions(_ value: Any?) -> [Condition] {
        guard let tests = value as? [String: Any] else { return [] }
        return tests.flatMap { test, keys -> [Condition] in
            ((keys as? [String: Any]) ?? [:]).map { Condition(test: test, key: $0.key, values: strings($0.value)) }
        }.sorted()
    }
}
