import Foundation

/// `RenewalSummary` of an ACM certificate: where its managed renewal stands.
public struct RenewalSummary: Codable, Sendable, Hashable {
    /// `PENDING_AUTO_RENEWAL`, `PENDING_VALIDATION`, `SUCCESS` or `FAILED`.
    public var renewalStatus: String?
    /// The `FailureReason` of a failed renewal (`PCA_ACCESS_DENIED`, `PCA_INVALID_STATE`, ...).
    public var renewalStatusReason: String?
    public var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case renewalStatus = "RenewalStatus", renewalStatusReason = "RenewalStatusReason", updatedAt = "UpdatedAt"
    }

    public init(renewalStatus: String?, renewalStatusReason: String? = nil, updatedAt: Date? = nil) {
        self.renewalStatus = renewalStatus
        self.renewalStatusReason = renewalStatusReason
        self.updatedAt = updatedAt
    }
}

/// `CertificateDetail` of DescribeCertificate, the members pca-tui reads.
public struct ACMCertificate: Codable, Sendable, Hashable {
    public var certificateArn: String?
    public var domainName: String?
    public var status: String?
    public var type: String?
    public var keyAlgorithm: String?
    public var notBefore: Date?
    public var notAfter: Date?
    public var createdAt: Date?
    public var issuedAt: Date?
    public var inUseBy: [String]?
    public var renewalEligibility: String?
    public var renewalSummary: RenewalSummary?
    public var certificateAuthorityArn: String?
    public var failureReason: String?
    public var serial: String?
    public var subject: String?
    /// Whether an AWS service uses it, where that is known without `inUseBy` (a SearchCertificates result).
    public var inUse: Bool?

    /// In use by an AWS service: `inUseBy` names them when DescribeCertificate was read; a search says only yes or no.
    public var isInUse: Bool { inUseBy.map { !$0.isEmpty } ?? inUse ?? false }

    enum CodingKeys: String, CodingKey {
        case certificateArn = "CertificateArn", domainName = "DomainName", status = "Status", type = "Type"
        case keyAlgorithm = "KeyAlgorithm", notBefore = "NotBefore", notAfter = "NotAfter", createdAt = "CreatedAt"
        case issuedAt = "IssuedAt", inUseBy = "InUseBy", renewalEligibility = "RenewalEligibility"
        case renewalSummary = "RenewalSummary", certificateAuthorityArn = "CertificateAuthorityArn"
        case failureReason = "FailureReason", serial = "Serial", subject = "Subject"
    }

    public init(certificateArn: String? = nil, domainName: String? = nil, status: String? = nil, type: String? = nil,
                keyAlgorithm: String? = nil, notBefore: Date? = nil, notAfter: Date? = nil, inUseBy: [String]? = nil,
                renewalEligibility: String? = nil, renewalSummary: RenewalSummary? = nil,
                certificateAuthorityArn: String? = nil) {
        self.certificateArn = certificateArn
        self.domainName = domainName
        self.status = status
        self.type = type
        self.keyAlgorithm = keyAlgorithm
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.inUseBy = inUseBy
        self.renewalEligibility = renewalEligibility
        self.renewalSummary = renewalSummary
        self.certificateAuthorityArn = certificateAuthorityArn
    }
}

/// `CertificateSummary` of ListCertificates.
public struct ACMCertificateSummary: Codable, Sendable, Hashable {
    public var certificateArn: String?
    public var domainName: String?
    public var status: String?
    public var type: String?
    public var keyAlgorithm: String?
    public var inUse: Bool?
    public var renewalEligibility: String?
    public var notAfter: Date?

    enum CodingKeys: String, CodingKey {
        case certificateArn = "CertificateArn", domainName = "DomainName", status = "Status", type = "Type"
        case keyAlgorithm = "KeyAlgorithm", inUse = "InUse", renewalEligibility = "RenewalEligibility", notAfter = "NotAfter"
    }
}

struct ListCertificatesRequest: Encodable {
    struct Includes: Encodable {
        var keyTypes: [String]
    }

    var includes: Includes?
    var maxItems: Int?
    var nextToken: String?

    enum CodingKeys: String, CodingKey { case includes = "Includes", maxItems = "MaxItems", nextToken = "NextToken" }
}

public struct ListCertificatesResponse: Decodable, Sendable {
    public var certificateSummaryList: [ACMCertificateSummary]?
    public var nextToken: String?

    enum CodingKeys: String, CodingKey { case certificateSummaryList = "CertificateSummaryList", nextToken = "NextToken" }
}

struct CertificateArnRequest: Encodable {
    var certificateArn: String
    enum CodingKeys: String, CodingKey { case certificateArn = "CertificateArn" }
}

struct DescribeCertificateResponse: Decodable {
    var certificate: ACMCertificate?
    enum CodingKeys: String, CodingKey { case certificate = "Certificate" }
}

struct RequestCertificateRequest: Encodable {
    var domainName: String
    var certificateAuthorityArn: String
    var keyAlgorithm: String?
    var idempotencyToken: String?

    enum CodingKeys: String, CodingKey {
        case domainName = "DomainName", certificateAuthorityArn = "CertificateAuthorityArn"
        case keyAlgorithm = "KeyAlgorithm", idempotencyToken = "IdempotencyToken"
    }
}

struct RequestCertificateResponse: Decodable {
    var certificateArn: String?
    enum CodingKeys: String, CodingKey { case certificateArn = "CertificateArn" }
}

public struct ACMCertificateBody: Decodable, Sendable {
    public var certificate: String?
    public var certificateChain: String?
    enum CodingKeys: String, CodingKey { case certificate = "Certificate", certificateChain = "CertificateChain" }
}

/// One result of SearchCertificates: the ARN, the X.509 attributes (issuer and subject, validity, serial) and
/// ACM's metadata (status, renewal status and eligibility, in use, exported); neither the issuing CA's ARN nor the
/// reason a renewal failed, which only DescribeCertificate gives.
public struct ACMSearchResult: Decodable, Sendable, Hashable {
    public struct Metadata: Decodable, Sendable, Hashable {
        public var status: String?
        public var renewalStatus: String?
        public var renewalEligibility: String?
        public var type: String?
        public var inUse: Bool?
        public var exported: Bool?
        public var createdAt: Date?
        public var issuedAt: Date?
        enum CodingKeys: String, CodingKey {
            case status = "Status", renewalStatus = "RenewalStatus", renewalEligibility = "RenewalEligibility", type = "Type"
            case inUse = "InUse", exported = "Exported", createdAt = "CreatedAt", issuedAt = "IssuedAt"
        }
    }

    struct MetadataUnion: Decodable, Hashable {
        var acmCertificateMetadata: Metadata?
        enum CodingKeys: String, CodingKey { case acmCertificateMetadata = "AcmCertificateMetadata" }
    }

    /// `X509Attributes`, the members pca-tui reads.
    public struct X509Attributes: Decodable, Sendable, Hashable {
        public var issuer: ACMDistinguishedName?
        public var subject: ACMDistinguishedName?
        public var subjectAlternativeNames: [GeneralName]?
        public var keyAlgorithm: String?
        public var serialNumber: String?
        public var notBefore: Date?
        public var notAfter: Date?
        enum CodingKeys: String, CodingKey {
            case issuer = "Issuer", subject = "Subject", subjectAlternativeNames = "SubjectAlternativeNames"
            case keyAlgorithm = "KeyAlgorithm", serialNumber = "SerialNumber", notBefore = "NotBefore", notAfter = "NotAfter"
        }
    }

    /// A `GeneralName` union; only its DNS name is read.
    public struct GeneralName: Decodable, Sendable, Hashable {
        public var dnsName: String?
        enum CodingKeys: String, CodingKey { case dnsName = "DnsName" }
    }

    public var certificateArn: String?
    public var x509Attributes: X509Attributes?
    var certificateMetadata: MetadataUnion?
    public var metadata: Metadata? { certificateMetadata?.acmCertificateMetadata }

    enum CodingKeys: String, CodingKey {
        case certificateArn = "CertificateArn", x509Attributes = "X509Attributes", certificateMetadata = "CertificateMetadata"
    }

    /// What DescribeCertificate would say of it, as far as the search tells, with the issuing CA the caller worked
    /// out (nil when it could not): no renewal failure reason, and "in use" without who uses it.
    public func certificate(issuedBy certificateAuthorityArn: String?) -> ACMCertificate {
        let attributes = x509Attributes
        let domain = attributes?.subject?.subject.commonName ?? attributes?.subjectAlternativeNames?.lazy.compactMap(\.dnsName).first
        var certificate = ACMCertificate(certificateArn: certificateArn, domainName: domain, status: metadata?.status,
                                         type: metadata?.type, keyAlgorithm: attributes?.keyAlgorithm,
                                         notBefore: attributes?.notBefore, notAfter: attributes?.notAfter,
                                         renewalEligibility: metadata?.renewalEligibility,
                                         renewalSummary: metadata?.renewalStatus.map { RenewalSummary(renewalStatus: $0) },
                                         certificateAuthorityArn: certificateAuthorityArn)
        certificate.inUse = metadata?.inUse
        certificate.createdAt = metadata?.createdAt
        certificate.issuedAt = metadata?.issuedAt
        certificate.serial = attributes?.serialNumber
        certificate.subject = attributes?.subject?.subject.commonName.map { "CN=\($0)" }
        return certificate
    }
}

/// ACM's `DistinguishedName`: the members ACM-PCA's `ASN1Subject` has (same names), and the domain components,
/// which ASN1Subject has no member for.
public struct ACMDistinguishedName: Decodable, Sendable, Hashable {
    public var subject: ASN1Subject
    public var domainComponents: [String]?

    enum CodingKeys: String, CodingKey { case domainComponents = "DomainComponents" }

    public init(subject: ASN1Subject, domainComponents: [String]? = nil) {
        self.subject = subject
        self.domainComponents = domainComponents
    }

    public init(from decoder: Decoder) throws {
        subject = try ASN1Subject(from: decoder)
        domainComponents = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([String].self, forKey: .domainComponents)
    }
}

public struct SearchCertificatesResponse: Decodable, Sendable {
    public var results: [ACMSearchResult]?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey { case results = "Results", nextToken = "NextToken" }
}

struct SearchCertificatesRequest: Encodable {
    var filterStatement: JSONValue
    var maxResults: Int?
    var nextToken: String?
    enum CodingKeys: String, CodingKey { case filterStatement = "FilterStatement", maxResults = "MaxResults", nextToken = "NextToken" }
}

/// A JSON value built from plain dictionaries and arrays, for the nested filter statements of SearchCertificates.
struct JSONValue: Encodable, @unchecked Sendable {
    let value: Any

    init(_ value: Any) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case let text as String: try container.encode(text)
        case let flag as Bool: try container.encode(flag)
        case let number as Int: try container.encode(number)
        case let list as [Any]: try container.encode(list.map(JSONValue.init))
        case let object as [String: Any]: try container.encode(object.mapValues(JSONValue.init))
        default: try container.encodeNil()
        }
    }
}
