import Foundation
import PCAClient

/// Reads ACM's private certificates with each one's issuing CA, in as few requests as ACM allows.
///
/// SearchCertificates returns up to 500 certificates a page with their issuer's name, status, renewal status,
/// expiry and whether they are in use, but neither the issuing CA's ARN nor why a renewal failed. So each result is
/// given to the one known CA whose subject is its issuer; DescribeCertificate is asked only for the certificates
/// that need more: whose issuer names no known CA or names two (CAs with the same subject), and those `needsDetail`
/// picks (by default the failed renewals, whose reason the faces show). Where SearchCertificates is denied or
/// unknown (an older endpoint, an emulator, a policy that allows only ListCertificates), every certificate is
/// described, as before: `ACMCertificateListing.path` says which way ran.
public struct ACMCertificateReader: Sendable {
    public var acm: ACMClient
    public var concurrency: Int
    public var bounds: ACMListingBounds

    public init(acm: ACMClient, concurrency: Int = 16, bounds: ACMListingBounds = .standard) {
        self.acm = acm
        self.concurrency = max(1, concurrency)
        self.bounds = bounds
    }

    /// What the search found, before the issuers are known: a face starts it beside the CA listing.
    public enum Search: Sendable {
        case found([ACMSearchResult], truncatedAt: Int?)
        /// SearchCertificates is not available to this caller here.
        case unavailable
    }

    /// Every certificate, attributed to `issuers`, the ones `needsDetail` picks described.
    public func read(issuers: ACMIssuers,
                     needsDetail: @escaping @Sendable (ACMCertificate) -> Bool = FailedRenewal.isFailed) async throws -> ACMCertificateListing {
        try await resolve(try await search(), issuers: issuers, needsDetail: needsDetail)
    }

    /// Every certificate, with `connection`'s CAs (its own and those shared with it) listed beside the search to say
    /// who issued what; if they cannot be listed, every certificate is described.
    public func read(listingIssuersWith connection: AccountConnection,
                     needsDetail: @escaping @Sendable (ACMCertificate) -> Bool = FailedRenewal.isFailed) async throws -> ACMCertificateListing {
        async let search = self.search()
        let authorities = (try? await InventoryLoader(connection: connection, concurrency: concurrency).authorities()) ?? []
        return try await resolve(try await search, issuers: ACMIssuers(authorities: authorities), needsDetail: needsDetail)
    }

    /// The SearchCertificates pages for private certificates, up to `bounds`.
    public func search() async throws -> Search {
        var results: [ACMSearchResult] = []
        var bytes = 0
        do {
            for try await page in acm.searchPrivateCertificates() {
                for result in page.results ?? [] {
                    let size = result.approximateBytes
                    guard results.count < bounds.maximumCertificates, bytes + size <= bounds.maximumBytes else {
                        return .found(results, truncatedAt: results.count)
                    }
                    results.append(result)
                    bytes += size
                }
            }
        } catch ClientError.malformedResponse(operation: "pagination", _, _) {
            return .found(results, truncatedAt: results.count)
        } catch let error as AWSError where Self.meansUnavailable(error) {
            return .unavailable
        }
        return .found(results, truncatedAt: nil)
    }

    /// The certificates of `search` attributed to `issuers`, with DescribeCertificate where the search is not
    /// enough; after an unavailable search, every certificate listed and described.
    public func resolve(_ search: Search, issuers: ACMIssuers,
                        needsDetail: @escaping @Sendable (ACMCertificate) -> Bool = FailedRenewal.isFailed) async throws -> ACMCertificateListing {
        guard case let .found(results, searchTruncatedAt) = search else {
            acm.core.debugNote("ACM: SearchCertificates is not available here; every certificate is described")
            return try await acm.privateCertificates(concurrency: concurrency, bounds: bounds)
        }
        var certificates = results.map { result in
            result.certificate(issuedBy: result.x509Attributes?.issuer.flatMap(issuers.arn(issuedBy:)))
        }
        // Only certificates with an ARN can be described, so positions in `wanted` are positions in what is described.
        let wanted = certificates.indices.filter { index in
            certificates[index].certificateArn != nil
                && (certificates[index].certificateAuthorityArn == nil || needsDetail(certificates[index]))
        }
        let (described, stoppedAt) = try await acm.describeCertificates(wanted.compactMap { certificates[$0].certificateArn },
                                                                        concurrency: concurrency, maximumBytes: bounds.maximumBytes,
                                                                        skippingGone: true)
        for index in wanted {
            guard let arn = certificates[index].certificateArn, let detail = described[arn] else { continue }
            certificates[index] = detail
        }
        var truncatedAt = searchTruncatedAt
        if let stoppedAt, stoppedAt < wanted.count {
            // The described certificates passed the bytes a listing may hold: keep what comes before the first one
            // left undescribed, and say where it stopped.
            certificates.removeSubrange(wanted[stoppedAt]...)
            truncatedAt = certificates.count
        }
        // A certificate deleted between the search and its description is gone: it is left out.
        let gone = Set(wanted.prefix(stoppedAt ?? wanted.count).compactMap { index in
            index < certificates.count ? certificates[index].certificateArn : nil
        }.filter { described[$0] == nil })
        certificates.removeAll { $0.certificateArn.map(gone.contains) ?? false }
        acm.core.debugNote("ACM: \(results.count) certificates from SearchCertificates, \(described.count) described "
                           + "(issuer not one known CA, or detail needed)")
        return ACMCertificateListing(certificates: certificates.filter { $0.type == nil || $0.type == "PRIVATE" },
                                     truncatedAt: truncatedAt, path: .searched(described: described.count))
    }

    /// The errors that mean "SearchCertificates is not for this caller here": denied, unknown, or a server that
    /// still cannot answer it after the retries (moto answers an operation it lacks with a bare HTTP 500). Describing
    /// every certificate then gives the same answer, only slower.
    public static func meansUnavailable(_ error: AWSError) -> Bool {
        [.accessDenied, .validation, .unknownOperation, .internalFailure].contains(error.code) || error.statusCode == 501
            || ["AccessDenied", "InvalidAction", "NotImplemented"].contains(error.code.rawValue)
    }
}

/// The CAs a certificate's issuer may name, by subject. A subject two CAs share names neither.
public struct ACMIssuers: Sendable {
    private var bySubject: [ASN1Subject: String?] = [:]
    /// A CA whose subject uses CustomAttributes (an OID for a standard name, say): ACM may write its issuer with the
    /// named members instead, which would then equal another CA's subject. With one among the CAs, no issuer name is
    /// trusted and every certificate is described.
    private var hasCustomAttributes = false

    public init(_ authorities: [(arn: String, subject: ASN1Subject?)]) {
        for (arn, subject) in authorities {
            guard let subject else { continue }
            if !(subject.customAttributes ?? []).isEmpty { hasCustomAttributes = true }
            if let known = bySubject[subject], known != arn {
                bySubject[subject] = .some(nil)
            } else {
                bySubject[subject] = arn
            }
        }
    }

    /// The CAs of an inventory's records.
    public init(records: [CARecord]) {
        self.init(authorities: records.map(\.authority))
    }

    public init(authorities: [CertificateAuthority]) {
        self.init(authorities.compactMap { authority in
            authority.arn.map { ($0, authority.certificateAuthorityConfiguration?.subject) }
        })
    }

    /// The one CA whose subject is `issuer`, or nil when none or several are. Domain components, which a CA's
    /// subject cannot hold, name none.
    public func arn(issuedBy issuer: ACMDistinguishedName) -> String? {
        guard !hasCustomAttributes, (issuer.domainComponents ?? []).isEmpty else { return nil }
        return bySubject[issuer.subject] ?? nil
    }
}

extension ACMSearchResult {
    /// Every string it holds, near enough to bound what a listing keeps in memory (a hostile answer may carry
    /// megabytes in any member).
    var approximateBytes: Int {
        let attributes = x509Attributes
        let names = [attributes?.issuer, attributes?.subject].compactMap { $0 }
        let texts = [certificateArn, attributes?.keyAlgorithm, attributes?.serialNumber, metadata?.status, metadata?.renewalStatus,
                     metadata?.renewalEligibility, metadata?.type]
        var bytes = 256
        for text in texts { bytes += text?.utf8.count ?? 0 }
        for name in attributes?.subjectAlternativeNames ?? [] { bytes += (name.dnsName?.utf8.count ?? 0) + 16 }
        for name in names {
            bytes += name.subject.textBytes
            for component in name.domainComponents ?? [] { bytes += component.utf8.count + 16 }
        }
        return bytes
    }
}

extension ASN1Subject {
    /// The bytes of its text.
    var textBytes: Int {
        let members = [country, organization, organizationalUnit, distinguishedNameQualifier, state, commonName, serialNumber,
                       locality, title, surname, givenName, initials, pseudonym, generationQualifier]
        var bytes = 0
        for member in members { bytes += member?.utf8.count ?? 0 }
        for attribute in customAttributes ?? [] {
            bytes += (attribute.objectIdentifier?.utf8.count ?? 0) + (attribute.value?.utf8.count ?? 0) + 16
        }
        return bytes
    }
}
