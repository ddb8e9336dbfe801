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

/// One result of SearchCertificates: the ARN and ACM's metadata (renewal status, but not its reason nor the
/// issuing CA's ARN, which only DescribeCertificate gives).
public struct ACMSearchResult: Decodable, Sendable, Hashable {
    public struct Metadata: Decodable, Sendable, Hashable {
        public var status: String?
        public var renewalStatus: String?
        public var type: String?
        enum CodingKeys: String, CodingKey { case status = "Status", renewalStatus = "RenewalStatus", type = "Type" }
    }

    struct MetadataUnion: Decodable, Hashable {
        var acmCertificateMetadata: Metadata?
        enum CodingKeys: String, CodingKey { case acmCertificateMetadata = "AcmCertificateMetadata" }
    }

    public var certificateArn: String?
    var certificateMetadata: MetadataUnion?
    public var metadata: Metadata? { certificateMetadata?.acmCertificateMetadata }

    enum CodingKeys: String, CodingKey { case certificateArn = "CertificateArn", certificateMetadata = "CertificateMetadata" }
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
