import Foundation

// SearchCertificates' answer read by hand from a parsed page (`JSONNode`): the same members and types as the
// Codable conformances in ACMModels.swift, which stay the reference. JSONDecoder took about as long to decode a
// page of 500 results as the page took to arrive; `ACMSearchDecodingTests` holds the two readings equal.

extension SearchCertificatesResponse {
    /// The page, read by hand; where that fails (an answer it does not read as JSONDecoder would), JSONDecoder reads
    /// it, so an error names what is wrong exactly as before.
    static func decode(_ response: HTTPResponse) throws -> SearchCertificatesResponse {
        if let page = try? SearchCertificatesResponse(node: try JSONNode.parse(response.body)) { return page }
        return try AWSJSONClient.decode(SearchCertificatesResponse.self, from: response, operation: "SearchCertificates")
    }

    init(node: JSONNode) throws {
        guard node.isObject else { throw JSONNode.MemberError(member: "", reason: "the answer is not an object") }
        results = try node.objects("Results")?.map(ACMSearchResult.init(node:))
        nextToken = try node.string("NextToken")
    }
}

extension ACMSearchResult {
    init(node: JSONNode) throws {
        certificateArn = try node.string("CertificateArn")
        x509Attributes = try node.object("X509Attributes").map(X509Attributes.init(node:))
        certificateMetadata = try node.object("CertificateMetadata").map { union in
            MetadataUnion(acmCertificateMetadata: try union.object("AcmCertificateMetadata").map(Metadata.init(node:)))
        }
    }
}

extension ACMSearchResult.X509Attributes {
    init(node: JSONNode) throws {
        issuer = try node.object("Issuer").map(ACMDistinguishedName.init(node:))
        subject = try node.object("Subject").map(ACMDistinguishedName.init(node:))
        subjectAlternativeNames = try node.objects("SubjectAlternativeNames")?.map {
            ACMSearchResult.GeneralName(dnsName: try $0.string("DnsName"))
        }
        keyAlgorithm = try node.string("KeyAlgorithm")
        serialNumber = try node.string("SerialNumber")
        notBefore = try node.date("NotBefore")
        notAfter = try node.date("NotAfter")
    }
}

extension ACMSearchResult.Metadata {
    init(node: JSONNode) throws {
        status = try node.string("Status")
        renewalStatus = try node.string("RenewalStatus")
        renewalEligibility = try node.string("RenewalEligibility")
        type = try node.string("Type")
        inUse = try node.bool("InUse")
        exported = try node.bool("Exported")
        createdAt = try node.date("CreatedAt")
        issuedAt = try node.date("IssuedAt")
    }
}

extension ACMDistinguishedName {
    init(node: JSONNode) throws {
        self.init(subject: try ASN1Subject(node: node), domainComponents: try node.strings("DomainComponents"))
    }
}
