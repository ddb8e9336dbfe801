import Foundation
import PCAClient

/// SearchCertificates' answer as ACM writes it (botocore's `SearchCertificatesResponse`): member names are the
/// wire's, timestamps epoch seconds, absent members left out. Written by hand (`JSONWriter`): JSONEncoder took
/// about half the emulator's time for each page of 500 results.
struct SearchAnswer {
    var results: [SearchResultAnswer]
    var nextToken: String?

    var json: Data {
        var writer = JSONWriter(capacity: 1024 * (results.count + 1))
        writer.beginObject()
        writer.key("Results")
        writer.beginArray()
        for result in results { result.write(into: &writer) }
        writer.endArray()
        writer.member("NextToken", nextToken)
        writer.endObject()
        return writer.data
    }
}

struct SearchResultAnswer {
    let certificate: ACMStoredCertificate
    /// The issuing CA's subject as JSON (ASN1Subject's own encoding, made once per CA and page), as in the
    /// certificate; unknown for a CA this account does not hold (another account's, shared with it), and then left out.
    let issuer: [UInt8]?

    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("CertificateArn", certificate.arn)
        writer.key("X509Attributes")
        writer.beginObject()
        if let issuer {
            writer.key("Issuer")
            writer.encoded(issuer)
        }
        writer.key("Subject")
        writer.beginObject()
        writer.member("CommonName", certificate.domainName)
        writer.endObject()
        writer.key("SubjectAlternativeNames")
        writer.beginArray()
        for name in [certificate.domainName] + (certificate.subjectAlternativeNames ?? []) {
            writer.beginObject()
            writer.member("DnsName", name)
            writer.endObject()
        }
        writer.endArray()
        writer.member("KeyAlgorithm", certificate.keyAlgorithm)
        writer.member("SerialNumber", certificate.serialNumber)
        writer.member("NotBefore", certificate.notBefore?.timeIntervalSince1970)
        writer.member("NotAfter", certificate.notAfter?.timeIntervalSince1970)
        writer.endObject()
        writer.key("CertificateMetadata")
        writer.beginObject()
        writer.key("AcmCertificateMetadata")
        writer.beginObject()
        writer.member("Status", certificate.status)
        writer.member("RenewalStatus", certificate.renewalSummary?.renewalStatus)
        writer.member("RenewalEligibility", certificate.isEligible ? "ELIGIBLE" : "INELIGIBLE")
        writer.member("Type", "PRIVATE")
        writer.member("InUse", !certificate.inUseBy.isEmpty)
        writer.member("Exported", certificate.exported)
        writer.member("CreatedAt", certificate.createdAt.timeIntervalSince1970)
        writer.member("IssuedAt", certificate.issuedAt?.timeIntervalSince1970)
        writer.endObject()
        writer.endObject()
        writer.endObject()
    }
}
