import Foundation

/// Who a CA is shared with: another account, or every account of an organization.
public enum SharingPrincipal: Sendable, Hashable, CustomStringConvertible {
    case account(String)
    case organization(String)

    /// The principal `--account ID` or `--organization o-...` names, or why it names none.
    public static func parse(account: String?, organization: String?) -> Result<SharingPrincipal, SharingInputError> {
        switch (account, organization) {
        case let (account?, nil):
            guard account.count == 12, account.allSatisfy(\.isASCIIDigit) else { return .failure(.badAccount(account)) }
            return .success(.account(account))
        case let (nil, organization?):
            // Organizations' pattern for an organization id: ^o-[a-z0-9]{10,32}$.
            guard organization.range(of: #"^o-[a-z0-9]{10,32}\z"#, options: .regularExpression) != nil else {
                return .failure(.badOrganization(organization))
            }
            return .success(.organization(organization))
        case (nil, nil): return .failure(.none)
        case (_?, _?): return .failure(.both)
        }
    }

    /// `account 555566667777`, `organization o-exampleorg1`.
    public var description: String {
        switch self {
        case let .account(id): return "account \(id)"
        case let .organization(id): return "organization \(id)"
        }
    }

    /// The Sid's middle: the id with only letters and digits (IAM's Sid alphabet).
    var sidPart: String {
        switch self {
        case let .account(id): return id
        case let .organization(id): return "Org" + id.filter { $0.isLetter || $0.isNumber }
        }
    }

    /// True when `statement` names exactly this principal: the account (by id or root ARN), or anyone within
    /// the organization.
    /// Only Allow statements count: a Deny is never pca-tui's to remove (removing it would grant what it denies).
    public func isNamed(by statement: PolicyStatement) -> Bool {
        guard statement.effect == "Allow" else { return false }
        switch self {
        case let .account(id):
            return !statement.principals.isEmpty && statement.principals.allSatisfy { $0 == .account(id) }
        case let .organization(id):
            return statement.principals == [.anyone] && statement.values("StringEquals", Self.orgKey) == [id]
        }
    }

    static let orgKey = "aws:PrincipalOrgID"
}

/// Why `--account` / `--organization` name no principal.
public enum SharingInputError: Error, Sendable, Hashable, CustomStringConvertible {
    case none, both
    case badAccount(String)
    case badOrganization(String)

    public var description: String {
        switch self {
        case .none: return "name whom to share with: --account ID or --organization o-xxxxxxxxxx"
        case .both: return "--account and --organization exclude each other: one principal at a time"
        case let .badAccount(value): return "'\(value)' is not an AWS account id (12 digits)"
        case let .badOrganization(value): return "'\(value)' is not an organization id (o- and 10 to 32 lowercase letters or digits)"
        }
    }
}

/// What sharing a CA grants, as AWS documents it for cross-account use (AWS Private CA guide, "Resource-based
/// policies"): read access, and with `issue` IssueCertificate restricted to the EndEntityCertificate/V1
/// template. AWS says the structure must be followed precisely; only the principal and the CA change.
public struct SharingGrant: Sendable, Hashable {
    public static let readActions = [
        "acm-pca:DescribeCertificateAuthority", "acm-pca:GetCertificate", "acm-pca:GetCertificateAuthorityCertificate",
        "acm-pca:ListPermissions", "acm-pca:ListTags",
    ]
    public static let issueAction = "acm-pca:IssueCertificate"
    /// The only template a cross-account issuer may use.
    public static let endEntityTemplate = "arn:aws:acm-pca:::template/EndEntityCertificate/V1"
    static let templateKey = "acm-pca:TemplateArn"

    public var principal: SharingPrincipal
    public var issue: Bool

    public init(principal: SharingPrincipal, issue: Bool) {
        self.principal = principal
        self.issue = issue
    }

    /// The Sids of the statements pca-tui writes for this principal.
    public var readSid: String { "Share\(principal.sidPart)Read" }
    public var issueSid: String { "Share\(principal.sidPart)Issue" }

    /// The documented statements for the CA `arn`, as JSON texts with the guide's member order.
    public func statements(caArn: String) -> [String] {
        var texts = [statement(sid: readSid, actions: JSONText.array(Self.readActions), arn: caArn, conditions: [])]
        if issue {
            texts.append(statement(sid: issueSid, actions: JSONText.string(Self.issueAction), arn: caArn,
                                   conditions: [(Self.templateKey, Self.endEntityTemplate)]))
        }
        return texts
    }

    private func statement(sid: String, actions: String, arn: String, conditions: [(String, String)]) -> String {
        var conditions = conditions
        let principalText: String
        switch principal {
        case let .account(id):
            principalText = "{\"AWS\":\(JSONText.string(id))}"
        case let .organization(id):
            principalText = JSONText.string("*")
            conditions.append((SharingPrincipal.orgKey, id))
        }
        var text = "{\"Sid\":\(JSONText.string(sid)),\"Effect\":\"Allow\",\"Principal\":\(principalText),"
            + "\"Action\":\(actions),\"Resource\":\(JSONText.string(arn))"
        if !conditions.isEmpty {
            let pairs = conditions.map { "\(JSONText.string($0.0)):\(JSONText.string($0.1))" }.joined(separator: ",")
            text += ",\"Condition\":{\"StringEquals\":{\(pairs)}}"
        }
        return text + "}"
    }
}

/// JSON literals written by hand, so that the member order is the documented one.
enum JSONText {
    static func string(_ value: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }
}
