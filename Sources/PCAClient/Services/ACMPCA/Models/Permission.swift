import Foundation

/// A grant on a CA for an AWS service principal, as ListPermissions returns it.
public struct Permission: Codable, Hashable, Sendable {
    public var certificateAuthorityArn: String?
    public var createdAt: Date?
    public var principal: String?
    public var sourceAccount: String?
    public var actions: [PermissionAction]?
    public var policy: String?

    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", createdAt = "CreatedAt"
        case principal = "Principal", sourceAccount = "SourceAccount", actions = "Actions", policy = "Policy"
    }

    public init(certificateAuthorityArn: String? = nil, createdAt: Date? = nil, principal: String? = nil,
                sourceAccount: String? = nil, actions: [PermissionAction]? = nil, policy: String? = nil) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.createdAt = createdAt
        self.principal = principal
        self.sourceAccount = sourceAccount
        self.actions = actions
        self.policy = policy
    }
}

/// A CA tag.
public struct Tag: Codable, Hashable, Sendable {
    public var key: String
    public var value: String?

    enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// `Validity` of an issued certificate.
public struct Validity: Codable, Hashable, Sendable {
    public var value: Int64
    public var type: ValidityType

    enum CodingKeys: String, CodingKey { case value = "Value", type = "Type" }

    public init(value: Int64, type: ValidityType) {
        self.value = value
        self.type = type
    }
}
