import Foundation

/// A private CA as DescribeCertificateAuthority and ListCertificateAuthorities return it. Every member is
/// optional, as in the API model.
public struct CertificateAuthority: Codable, Hashable, Sendable {
    public var arn: String?
    public var ownerAccount: String?
    public var createdAt: Date?
    public var lastStateChangeAt: Date?
    public var type: CAType?
    public var serial: String?
    public var status: CAStatus?
    public var notBefore: Date?
    public var notAfter: Date?
    public var failureReason: FailureReason?
    public var certificateAuthorityConfiguration: CertificateAuthorityConfiguration?
    public var revocationConfiguration: RevocationConfiguration?
    public var restorableUntil: Date?
    public var keyStorageSecurityStandard: KeyStorageSecurityStandard?
    public var usageMode: UsageMode?

    enum CodingKeys: String, CodingKey {
        case arn = "Arn", ownerAccount = "OwnerAccount", createdAt = "CreatedAt"
        case lastStateChangeAt = "LastStateChangeAt", type = "Type", serial = "Serial", status = "Status"
        case notBefore = "NotBefore", notAfter = "NotAfter", failureReason = "FailureReason"
        case certificateAuthorityConfiguration = "CertificateAuthorityConfiguration"
        case revocationConfiguration = "RevocationConfiguration", restorableUntil = "RestorableUntil"
        case keyStorageSecurityStandard = "KeyStorageSecurityStandard", usageMode = "UsageMode"
    }

    public init(arn: String? = nil, ownerAccount: String? = nil, createdAt: Date? = nil,
                lastStateChangeAt: Date? = nil, type: CAType? = nil, serial: String? = nil,
                status: CAStatus? = nil, notBefore: Date? = nil, notAfter: Date? = nil,
                failureReason: FailureReason? = nil,
                certificateAuthorityConfiguration: CertificateAuthorityConfiguration? = nil,
                revocationConfiguration: RevocationConfiguration? = nil, restorableUntil: Date? = nil,
                keyStorageSecurityStandard: KeyStorageSecurityStandard? = nil, usageMode: UsageMode? = nil) {
        self.arn = arn
        self.ownerAccount = ownerAccount
        self.createdAt = createdAt
        self.lastStateChangeAt = lastStateChangeAt
        self.type = type
        self.serial = serial
        self.status = status
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.failureReason = failureReason
        self.certificateAuthorityConfiguration = certificateAuthorityConfiguration
        self.revocationConfiguration = revocationConfiguration
        self.restorableUntil = restorableUntil
        self.keyStorageSecurityStandard = keyStorageSecurityStandard
        self.usageMode = usageMode
    }

    /// The subject's common name, or nil when the CA has none.
    public var commonName: String? { certificateAuthorityConfiguration?.subject?.commonName }

    /// The last component of the ARN (the CA's UUID).
    public var id: String? {
        guard let arn, let slash = arn.lastIndex(of: "/") else { return nil }
        return String(arn[arn.index(after: slash)...])
    }
}

/// `CertificateAuthorityConfiguration`.
public struct CertificateAuthorityConfiguration: Codable, Hashable, Sendable {
    public var keyAlgorithm: KeyAlgorithm?
    public var signingAlgorithm: SigningAlgorithm?
    public var subject: ASN1Subject?
    public var csrExtensions: CsrExtensions?

    enum CodingKeys: String, CodingKey {
        case keyAlgorithm = "KeyAlgorithm", signingAlgorithm = "SigningAlgorithm", subject = "Subject"
        case csrExtensions = "CsrExtensions"
    }

    public init(keyAlgorithm: KeyAlgorithm? = nil, signingAlgorithm: SigningAlgorithm? = nil,
                subject: ASN1Subject? = nil, csrExtensions: CsrExtensions? = nil) {
        self.keyAlgorithm = keyAlgorithm
        self.signingAlgorithm = signingAlgorithm
        self.subject = subject
        self.csrExtensions = csrExtensions
    }
}

/// `CsrExtensions`: the key usage bits (kept by name) and the Subject Information Access extension.
public struct CsrExtensions: Codable, Hashable, Sendable {
    public var keyUsage: [String: Bool]?
    public var subjectInformationAccess: [AccessDescription]?

    enum CodingKeys: String, CodingKey { case keyUsage = "KeyUsage", subjectInformationAccess = "SubjectInformationAccess" }

    public init(keyUsage: [String: Bool]? = nil, subjectInformationAccess: [AccessDescription]? = nil) {
        self.keyUsage = keyUsage
        self.subjectInformationAccess = subjectInformationAccess
    }
}

/// `ASN1Subject`: the distinguished name of a CA.
public struct ASN1Subject: Codable, Hashable, Sendable {
    public var country: String?
    public var organization: String?
    public var organizationalUnit: String?
    public var distinguishedNameQualifier: String?
    public var state: String?
    public var commonName: String?
    public var serialNumber: String?
    public var locality: String?
    public var title: String?
    public var surname: String?
    public var givenName: String?
    public var initials: String?
    public var pseudonym: String?
    public var generationQualifier: String?
    public var customAttributes: [CustomAttribute]?

    enum CodingKeys: String, CodingKey {
        case country = "Country", organization = "Organization", organizationalUnit = "OrganizationalUnit"
        case distinguishedNameQualifier = "DistinguishedNameQualifier", state = "State"
        case commonName = "CommonName", serialNumber = "SerialNumber", locality = "Locality", title = "Title"
        case surname = "Surname", givenName = "GivenName", initials = "Initials", pseudonym = "Pseudonym"
        case generationQualifier = "GenerationQualifier", customAttributes = "CustomAttributes"
    }

    public init(country: String? = nil, organization: String? = nil, organizationalUnit: String? = nil,
                state: String? = nil, commonName: String? = nil, locality: String? = nil) {
        self.country = country
        self.organization = organization
        self.organizationalUnit = organizationalUnit
        self.state = state
        self.commonName = commonName
        self.locality = locality
    }

    /// The subject as `key=value` pairs, most specific first, as OpenSSL prints a DN.
    public var distinguishedNameComponents: [(key: String, value: String)] {
        var parts: [(String, String)] = []
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { parts.append((key, value)) }
        }
        add("CN", commonName)
        add("OU", organizationalUnit)
        add("O", organization)
        add("L", locality)
        add("ST", state)
        add("C", country)
        add("serialNumber", serialNumber)
        add("dnQualifier", distinguishedNameQualifier)
        add("title", title)
        add("SN", surname)
        add("GN", givenName)
        add("initials", initials)
        add("pseudonym", pseudonym)
        add("generationQualifier", generationQualifier)
        for attribute in customAttributes ?? [] {
            add(attribute.objectIdentifier ?? "?", attribute.value)
        }
        return parts.map { (key: $0.0, value: $0.1) }
    }

    /// The subject on one line, `CN=...,O=...,C=...`.
    public var distinguishedName: String {
        distinguishedNameComponents.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// `CustomAttribute` of a subject.
public struct CustomAttribute: Codable, Hashable, Sendable {
    public var objectIdentifier: String?
    public var value: String?

    enum CodingKeys: String, CodingKey { case objectIdentifier = "ObjectIdentifier", value = "Value" }
}

/// `RevocationConfiguration`: CRL and OCSP settings.
public struct RevocationConfiguration: Codable, Hashable, Sendable {
    public var crlConfiguration: CrlConfiguration?
    public var ocspConfiguration: OcspConfiguration?

    enum CodingKeys: String, CodingKey {
        case crlConfiguration = "CrlConfiguration", ocspConfiguration = "OcspConfiguration"
    }

    public init(crlConfiguration: CrlConfiguration? = nil, ocspConfiguration: OcspConfiguration? = nil) {
        self.crlConfiguration = crlConfiguration
        self.ocspConfiguration = ocspConfiguration
    }
}

/// `CrlConfiguration`.
public struct CrlConfiguration: Codable, Hashable, Sendable {
    public var enabled: Bool?
    public var expirationInDays: Int?
    public var customCname: String?
    public var s3BucketName: String?
    public var s3ObjectAcl: String?
    public var crlType: String?
    public var customPath: String?
    public var crlDistributionPointExtensionConfiguration: CrlDistributionPointExtensionConfiguration?

    enum CodingKeys: String, CodingKey {
        case enabled = "Enabled", expirationInDays = "ExpirationInDays", customCname = "CustomCname"
        case s3BucketName = "S3BucketName", s3ObjectAcl = "S3ObjectAcl", crlType = "CrlType"
        case customPath = "CustomPath"
        case crlDistributionPointExtensionConfiguration = "CrlDistributionPointExtensionConfiguration"
    }

    public init(enabled: Bool? = nil, expirationInDays: Int? = nil, customCname: String? = nil,
                s3BucketName: String? = nil) {
        self.enabled = enabled
        self.expirationInDays = expirationInDays
        self.customCname = customCname
        self.s3BucketName = s3BucketName
    }
}

/// `OcspConfiguration`.
public struct OcspConfiguration: Codable, Hashable, Sendable {
    public var enabled: Bool?
    public var ocspCustomCname: String?

    enum CodingKeys: String, CodingKey { case enabled = "Enabled", ocspCustomCname = "OcspCustomCname" }

    public init(enabled: Bool? = nil, ocspCustomCname: String? = nil) {
        self.enabled = enabled
        self.ocspCustomCname = ocspCustomCname
    }
}
