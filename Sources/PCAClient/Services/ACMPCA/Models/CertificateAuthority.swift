import Foundation

/// A private CA as DescribeCertificateAuthority and ListCertificateAuthorities return it. Every member is
/// optional, as in the API model.
///
/// The members live in one shared storage, copied on the first change: a list of 10,000 CAs is held at once by
/// the loader's pages, its records, the UI's rows and the events between them, and each copy of a CA costs a
/// reference instead of the 400 bytes of its members.
public struct CertificateAuthority: Codable, Hashable, Sendable {
    /// The members as the API names them; the Codable shape of the CA.
    struct Members: Codable, Hashable, Sendable {
        var arn: String?
        var ownerAccount: String?
        var createdAt: Date?
        var lastStateChangeAt: Date?
        var type: CAType?
        var serial: String?
        var status: CAStatus?
        var notBefore: Date?
        var notAfter: Date?
        var failureReason: FailureReason?
        var certificateAuthorityConfiguration: CertificateAuthorityConfiguration?
        var revocationConfiguration: RevocationConfiguration?
        var restorableUntil: Date?
        var keyStorageSecurityStandard: KeyStorageSecurityStandard?
        var usageMode: UsageMode?

        enum CodingKeys: String, CodingKey {
            case arn = "Arn", ownerAccount = "OwnerAccount", createdAt = "CreatedAt"
            case lastStateChangeAt = "LastStateChangeAt", type = "Type", serial = "Serial", status = "Status"
            case notBefore = "NotBefore", notAfter = "NotAfter", failureReason = "FailureReason"
            case certificateAuthorityConfiguration = "CertificateAuthorityConfiguration"
            case revocationConfiguration = "RevocationConfiguration", restorableUntil = "RestorableUntil"
            case keyStorageSecurityStandard = "KeyStorageSecurityStandard", usageMode = "UsageMode"
        }
    }

    private var members: CopyOnWrite<Members>

    public init(arn: String? = nil, ownerAccount: String? = nil, createdAt: Date? = nil,
                lastStateChangeAt: Date? = nil, type: CAType? = nil, serial: String? = nil,
                status: CAStatus? = nil, notBefore: Date? = nil, notAfter: Date? = nil,
                failureReason: FailureReason? = nil,
                certificateAuthorityConfiguration: CertificateAuthorityConfiguration? = nil,
                revocationConfiguration: RevocationConfiguration? = nil, restorableUntil: Date? = nil,
                keyStorageSecurityStandard: KeyStorageSecurityStandard? = nil, usageMode: UsageMode? = nil) {
        members = CopyOnWrite(Members(
            arn: arn, ownerAccount: ownerAccount, createdAt: createdAt, lastStateChangeAt: lastStateChangeAt, type: type,
            serial: serial, status: status, notBefore: notBefore, notAfter: notAfter, failureReason: failureReason,
            certificateAuthorityConfiguration: certificateAuthorityConfiguration,
            revocationConfiguration: revocationConfiguration, restorableUntil: restorableUntil,
            keyStorageSecurityStandard: keyStorageSecurityStandard, usageMode: usageMode))
    }

    public init(from decoder: Decoder) throws {
        members = CopyOnWrite(try Members(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try members.value.encode(to: encoder)
    }

    public var arn: String? {
        get { members.value.arn }
        set { members.value.arn = newValue }
    }
    public var ownerAccount: String? {
        get { members.value.ownerAccount }
        set { members.value.ownerAccount = newValue }
    }
    public var createdAt: Date? {
        get { members.value.createdAt }
        set { members.value.createdAt = newValue }
    }
    public var lastStateChangeAt: Date? {
        get { members.value.lastStateChangeAt }
        set { members.value.lastStateChangeAt = newValue }
    }
    public var type: CAType? {
        get { members.value.type }
        set { members.value.type = newValue }
    }
    public var serial: String? {
        get { members.value.serial }
        set { members.value.serial = newValue }
    }
    public var status: CAStatus? {
        get { members.value.status }
        set { members.value.status = newValue }
    }
    public var notBefore: Date? {
        get { members.value.notBefore }
        set { members.value.notBefore = newValue }
    }
    public var notAfter: Date? {
        get { members.value.notAfter }
        set { members.value.notAfter = newValue }
    }
    public var failureReason: FailureReason? {
        get { members.value.failureReason }
        set { members.value.failureReason = newValue }
    }
    public var certificateAuthorityConfiguration: CertificateAuthorityConfiguration? {
        get { members.value.certificateAuthorityConfiguration }
        set { members.value.certificateAuthorityConfiguration = newValue }
    }
    public var revocationConfiguration: RevocationConfiguration? {
        get { members.value.revocationConfiguration }
        set { members.value.revocationConfiguration = newValue }
    }
    public var restorableUntil: Date? {
        get { members.value.restorableUntil }
        set { members.value.restorableUntil = newValue }
    }
    public var keyStorageSecurityStandard: KeyStorageSecurityStandard? {
        get { members.value.keyStorageSecurityStandard }
        set { members.value.keyStorageSecurityStandard = newValue }
    }
    public var usageMode: UsageMode? {
        get { members.value.usageMode }
        set { members.value.usageMode = newValue }
    }

    /// The subject's common name, or nil when the CA has none.
    public var commonName: String? { certificateAuthorityConfiguration?.subject?.commonName }

    /// The last component of the ARN (the CA's UUID).
    public var id: String? {
        guard let arn, let slash = arn.lastIndex(of: "/") else { return nil }
        return String(arn[arn.index(after: slash)...])
    }
}

extension CertificateAuthority: CustomReflectable {
    /// The members, as a plain struct would show them in `print`, `dump` and test failures.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: members.value).children, displayStyle: .struct)
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
    /// The members as the API names them; the Codable shape of the subject.
    struct Members: Codable, Hashable, Sendable {
        var country: String?
        var organization: String?
        var organizationalUnit: String?
        var distinguishedNameQualifier: String?
        var state: String?
        var commonName: String?
        var serialNumber: String?
        var locality: String?
        var title: String?
        var surname: String?
        var givenName: String?
        var initials: String?
        var pseudonym: String?
        var generationQualifier: String?
        var customAttributes: [CustomAttribute]?

        enum CodingKeys: String, CodingKey {
            case country = "Country", organization = "Organization", organizationalUnit = "OrganizationalUnit"
            case distinguishedNameQualifier = "DistinguishedNameQualifier", state = "State"
            case commonName = "CommonName", serialNumber = "SerialNumber", locality = "Locality", title = "Title"
            case surname = "Surname", givenName = "GivenName", initials = "Initials", pseudonym = "Pseudonym"
            case generationQualifier = "GenerationQualifier", customAttributes = "CustomAttributes"
        }
    }

    /// Shared between copies, as the CA's members are: the CA, its row and a table of issuers by subject hold
    /// one subject, not three times fifteen members.
    private var members: CopyOnWrite<Members>

    public init(country: String? = nil, organization: String? = nil, organizationalUnit: String? = nil,
                state: String? = nil, commonName: String? = nil, locality: String? = nil) {
        members = CopyOnWrite(Members(country: country, organization: organization, organizationalUnit: organizationalUnit,
                                      state: state, commonName: commonName, locality: locality))
    }

    public init(from decoder: Decoder) throws {
        members = CopyOnWrite(try Members(from: decoder))
    }

    /// Read from a parsed answer (see `JSONNode`), with the members and types its Codable form has.
    init(node: JSONNode) throws {
        members = CopyOnWrite(Members(
            country: try node.string("Country"), organization: try node.string("Organization"),
            organizationalUnit: try node.string("OrganizationalUnit"),
            distinguishedNameQualifier: try node.string("DistinguishedNameQualifier"), state: try node.string("State"),
            commonName: try node.string("CommonName"), serialNumber: try node.string("SerialNumber"),
            locality: try node.string("Locality"), title: try node.string("Title"), surname: try node.string("Surname"),
            givenName: try node.string("GivenName"), initials: try node.string("Initials"), pseudonym: try node.string("Pseudonym"),
            generationQualifier: try node.string("GenerationQualifier"),
            customAttributes: try node.objects("CustomAttributes")?.map {
                CustomAttribute(objectIdentifier: try $0.string("ObjectIdentifier"), value: try $0.string("Value"))
            }))
    }

    public func encode(to encoder: Encoder) throws {
        try members.value.encode(to: encoder)
    }

    public var country: String? {
        get { members.value.country }
        set { members.value.country = newValue }
    }
    public var organization: String? {
        get { members.value.organization }
        set { members.value.organization = newValue }
    }
    public var organizationalUnit: String? {
        get { members.value.organizationalUnit }
        set { members.value.organizationalUnit = newValue }
    }
    public var distinguishedNameQualifier: String? {
        get { members.value.distinguishedNameQualifier }
        set { members.value.distinguishedNameQualifier = newValue }
    }
    public var state: String? {
        get { members.value.state }
        set { members.value.state = newValue }
    }
    public var commonName: String? {
        get { members.value.commonName }
        set { members.value.commonName = newValue }
    }
    public var serialNumber: String? {
        get { members.value.serialNumber }
        set { members.value.serialNumber = newValue }
    }
    public var locality: String? {
        get { members.value.locality }
        set { members.value.locality = newValue }
    }
    public var title: String? {
        get { members.value.title }
        set { members.value.title = newValue }
    }
    public var surname: String? {
        get { members.value.surname }
        set { members.value.surname = newValue }
    }
    public var givenName: String? {
        get { members.value.givenName }
        set { members.value.givenName = newValue }
    }
    public var initials: String? {
        get { members.value.initials }
        set { members.value.initials = newValue }
    }
    public var pseudonym: String? {
        get { members.value.pseudonym }
        set { members.value.pseudonym = newValue }
    }
    public var generationQualifier: String? {
        get { members.value.generationQualifier }
        set { members.value.generationQualifier = newValue }
    }
    public var customAttributes: [CustomAttribute]? {
        get { members.value.customAttributes }
        set { members.value.customAttributes = newValue }
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

extension ASN1Subject: CustomReflectable {
    /// The members, as a plain struct would show them in `print`, `dump` and test failures.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: members.value).children, displayStyle: .struct)
    }
}

/// `CustomAttribute` of a subject.
public struct CustomAttribute: Codable, Hashable, Sendable {
    public var objectIdentifier: String?
    public var value: String?

    enum CodingKeys: String, CodingKey { case objectIdentifier = "ObjectIdentifier", value = "Value" }

    public init(objectIdentifier: String?, value: String?) {
        self.objectIdentifier = objectIdentifier
        self.value = value
    }
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
