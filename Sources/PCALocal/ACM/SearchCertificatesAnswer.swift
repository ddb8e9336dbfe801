import Foundation
import PCAClient

// SearchCertificates' answer as ACM writes it (botocore's `SearchCertificatesResponse`): member names are the
// wire's, timestamps epoch seconds, absent members left out.

struct SearchAnswer: Encodable {
    var Results: [SearchResultAnswer]
    var NextToken: String?
}

struct SearchResultAnswer: Encodable {
    struct Name: Encodable {
        var CommonName: String
    }

    struct GeneralName: Encodable {
        var DnsName: String
    }

    struct Attributes: Encodable {
        /// The issuing CA's subject, as in the certificate; unknown for a CA this account does not hold (another
        /// account's, shared with it), and then left out.
        var Issuer: ASN1Subject?
        var Subject: Name
        var SubjectAlternativeNames: [GeneralName]
        var KeyAlgorithm: String
        var SerialNumber: String
        var NotBefore: Double?
        var NotAfter: Double?
    }

    struct Metadata: Encodable {
        var Status: String
        var RenewalStatus: String?
        var RenewalEligibility: String
        var `Type` = "PRIVATE"
        var InUse: Bool
        var Exported: Bool
        var CreatedAt: Double
        var IssuedAt: Double?
    }

    struct MetadataUnion: Encodable {
        var AcmCertificateMetadata: Metadata
    }

    var CertificateArn: String
    var X509Attributes: Attributes
    var CertificateMetadata: MetadataUnion

    init(_ certificate: ACMStoredCertificate, issuer: ASN1Subject?) {
        CertificateArn = certificate.arn
        X509Attributes = Attributes(
            Issuer: issuer, Subject: Name(CommonName: certificate.domainName),
            SubjectAlternativeNames: ([certificate.domainName] + (certificate.subjectAlternativeNames ?? [])).map(GeneralName.init),
            KeyAlgorithm: certificate.keyAlgorithm, SerialNumber: certificate.serialNumber,
            NotBefore: certificate.notBefore?.timeIntervalSince1970, NotAfter: certificate.notAfter?.timeIntervalSince1970)
        CertificateMetadata = MetadataUnion(AcmCertificateMetadata: Metadata(
            Status: certificate.status, RenewalStatus: certificate.renewalSummary?.renewalStatus,
            RenewalEligibility: certificate.isEligible ? "ELIGIBLE" : "INELIGIBLE", InUse: !certificate.inUseBy.isEmpty,
            Exported: certificate.exported, CreatedAt: certificate.createdAt.timeIntervalSince1970,
            IssuedAt: certificate.issuedAt?.timeIntervalSince1970))
    }
}
