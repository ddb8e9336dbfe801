import Foundation

// Request and response shapes of the operations the client calls, named as in the API model. Responses
// decode leniently: every member is optional and unknown members are ignored.

public struct ListCertificateAuthoritiesRequest: Codable, Sendable {
    public var maxResults: Int?
    public var nextToken: String?
    public var resourceOwner: ResourceOwner?
    enum CodingKeys: String, CodingKey {
        case maxResults = "MaxResults", nextToken = "NextToken", resourceOwner = "ResourceOwner"
    }
    public init(maxResults: Int? = nil, nextToken: String? = nil, resourceOwner: ResourceOwner? = nil) {
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.resourceOwner = resourceOwner
    }
}

public struct ListCertificateAuthoritiesResponse: Codable, Sendable {
    public var certificateAuthorities: [CertificateAuthority]?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey {
        case certificateAuthorities = "CertificateAuthorities", nextToken = "NextToken"
    }
    public init(certificateAuthorities: [CertificateAuthority]?, nextToken: String?) {
        self.certificateAuthorities = certificateAuthorities
        self.nextToken = nextToken
    }
}

/// The request of every operation that names only the CA.
public struct CertificateAuthorityRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    enum CodingKeys: String, CodingKey { case certificateAuthorityArn = "CertificateAuthorityArn" }
    public init(certificateAuthorityArn: String) { self.certificateAuthorityArn = certificateAuthorityArn }
}

public struct DescribeCertificateAuthorityResponse: Codable, Sendable {
    public var certificateAuthority: CertificateAuthority?
    enum CodingKeys: String, CodingKey { case certificateAuthority = "CertificateAuthority" }
    public init(certificateAuthority: CertificateAuthority?) { self.certificateAuthority = certificateAuthority }
}

/// The request of ListPermissions and ListTags.
public struct PagedCertificateAuthorityRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    public var maxResults: Int?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", maxResults = "MaxResults", nextToken = "NextToken"
    }
    public init(certificateAuthorityArn: String, maxResults: Int? = nil, nextToken: String? = nil) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

public struct ListPermissionsResponse: Codable, Sendable {
    public var permissions: [Permission]?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey { case permissions = "Permissions", nextToken = "NextToken" }
    public init(permissions: [Permission]?, nextToken: String?) {
        self.permissions = permissions
        self.nextToken = nextToken
    }
}

public struct CreatePermissionRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    public var principal: String
    public var sourceAccount: String?
    public var actions: [PermissionAction]
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", principal = "Principal"
        case sourceAccount = "SourceAccount", actions = "Actions"
    }
    public init(certificateAuthorityArn: String, principal: String, sourceAccount: String? = nil,
                actions: [PermissionAction]) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.principal = principal
        self.sourceAccount = sourceAccount
        self.actions = actions
    }
}

public struct DeletePermissionRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    public var principal: String
    public var sourceAccount: String?
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", principal = "Principal"
        case sourceAccount = "SourceAccount"
    }
    public init(certificateAuthorityArn: String, principal: String, sourceAccount: String? = nil) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.principal = principal
        self.sourceAccount = sourceAccount
    }
}

public struct GetPolicyRequest: Codable, Sendable {
    public var resourceArn: String
    enum CodingKeys: String, CodingKey { case resourceArn = "ResourceArn" }
    public init(resourceArn: String) { self.resourceArn = resourceArn }
}

public struct GetPolicyResponse: Codable, Sendable {
    public var policy: String?
    enum CodingKeys: String, CodingKey { case policy = "Policy" }
    public init(policy: String?) { self.policy = policy }
}

/// DeletePolicy names the CA as GetPolicy does.
public typealias DeletePolicyRequest = GetPolicyRequest

public struct PutPolicyRequest: Codable, Sendable {
    public var resourceArn: String
    public var policy: String
    enum CodingKeys: String, CodingKey { case resourceArn = "ResourceArn", policy = "Policy" }
    public init(resourceArn: String, policy: String) {
        self.resourceArn = resourceArn
        self.policy = policy
    }
}

public struct ListTagsResponse: Codable, Sendable {
    public var tags: [Tag]?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey { case tags = "Tags", nextToken = "NextToken" }
    public init(tags: [Tag]?, nextToken: String?) {
        self.tags = tags
        self.nextToken = nextToken
    }
}

public struct UpdateCertificateAuthorityRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    public var revocationConfiguration: RevocationConfiguration?
    public var status: CAStatus?
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn"
        case revocationConfiguration = "RevocationConfiguration", status = "Status"
    }
    public init(certificateAuthorityArn: String, revocationConfiguration: RevocationConfiguration? = nil,
                status: CAStatus? = nil) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.revocationConfiguration = revocationConfiguration
        self.status = status
    }
}

/// The response of GetCertificateAuthorityCertificate and GetCertificate.
public struct CertificateResponse: Codable, Sendable {
    public var certificate: String?
    public var certificateChain: String?
    enum CodingKeys: String, CodingKey { case certificate = "Certificate", certificateChain = "CertificateChain" }
    public init(certificate: String?, certificateChain: String?) {
        self.certificate = certificate
        self.certificateChain = certificateChain
    }
}

public struct IssueCertificateRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    /// The PEM CSR's bytes; the JSON carries them base64-encoded, as the model's `blob` type says.
    public var csr: Data
    public var signingAlgorithm: SigningAlgorithm
    public var validity: Validity
    public var templateArn: String?
    public var idempotencyToken: String?
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", csr = "Csr"
        case signingAlgorithm = "SigningAlgorithm", validity = "Validity", templateArn = "TemplateArn"
        case idempotencyToken = "IdempotencyToken"
    }
    public init(certificateAuthorityArn: String, csr: Data, signingAlgorithm: SigningAlgorithm,
                validity: Validity, templateArn: String? = nil, idempotencyToken: String? = nil) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.csr = csr
        self.signingAlgorithm = signingAlgorithm
        self.validity = validity
        self.templateArn = templateArn
        self.idempotencyToken = idempotencyToken
    }
}

public struct IssueCertificateResponse: Codable, Sendable {
    public var certificateArn: String?
    enum CodingKeys: String, CodingKey { case certificateArn = "CertificateArn" }
    public init(certificateArn: String?) { self.certificateArn = certificateArn }
}

public struct GetCertificateRequest: Codable, Sendable {
    public var certificateAuthorityArn: String
    public var certificateArn: String
    enum CodingKeys: String, CodingKey {
        case certificateAuthorityArn = "CertificateAuthorityArn", certificateArn = "CertificateArn"
    }
    public init(certificateAuthorityArn: String, certificateArn: String) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.certificateArn = certificateArn
    }
}

/// The response of operations that have no output shape.
public struct EmptyResponse: Codable, Sendable {
    public init() {}
}
