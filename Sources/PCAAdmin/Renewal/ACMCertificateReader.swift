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
        let wanted = certificates.indices.filter { certificates[$0].certificateAuthorityArn == nil || needsDetail(certificates[$0]) }
        let (described, stoppedAt) = try await describe(wanted.compactMap { certificates[$0].certificateArn })
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

    /// DescribeCertificate for each ARN, `concurrency` at a time, in order; an ARN no longer found is left out.
    /// Stops once the described certificates hold more than `bounds.maximumBytes`, and says after how many ARNs.
    private func describe(_ arns: [String]) async throws -> (found: [String: ACMCertificate], stoppedAt: Int?) {
        let acm = self.acm
        var found: [String: ACMCertificate] = [:]
        var bytes = 0
        var stoppedAt: Int?
        try await withThrowingTaskGroup(of: (Int, ACMCertificate?).self) { group in
            var next = 0
            var done: Set<Int> = []
            func start() {
                guard next < arns.count else { return }
                let index = next
                next += 1
                group.addTask {
                    do {
                        return (index, try await acm.describeCertificate(arn: arns[index]))
                    } catch let error as AWSError where error.code == .resourceNotFound {
                        return (index, nil)
                    }
                }
            }
            for _ in 0..<min(concurrency, arns.count) { start() }
            while let (index, certificate) = try await group.next() {
                done.insert(index)
                if let certificate {
                    found[arns[index]] = certificate
                    bytes += certificate.textBytes
                }
                if bytes > bounds.maximumBytes {
                    group.cancelAll()
                    stoppedAt = (0...arns.count).first { !done.contains($0) } ?? arns.count
                    return
                }
                start()
            }
        }
        return (found, stoppedAt)
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

    public init(_ authorities: [(arn: String, subject: ASN1Subject?)]) {
        for (arn, subject) in authorities {
            guard let subject else { continue }
            if let known = bySubject[subject], known != arn {
                bySubject[subject] = .some(nil)
            } else {
                bySubject[subject] = arn
            }
        }
    }

    public init(authorities: [CertificateAuthority]) {
        self.init(authorities.compactMap { authority in
            authority.arn.map { ($0, authority.certificateAuthorityConfiguration?.subject) }
        })
    }

    /// The one CA whose subject is `issuer`, or nil when none or several are. Domain components, which a CA's
    /// subject cannot hold, name none.
    public func arn(issuedBy issuer: ACMDistinguishedName) -> String? {
        guard (issuer.domainComponents ?? []).isEmpty else { return nil }
        return bySubject[issuer.subject] ?? nil
    }
}

extension ACMSearchResult {
    /// Near enough to bound what a listing keeps in memory.
    var approximateBytes: Int {
        (certificateArn?.utf8.count ?? 0) + (x509Attributes?.subject?.subject.commonName?.utf8.count ?? 0) * 2 + 256
    }
}
