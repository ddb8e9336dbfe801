import Foundation

/// AWS Certificate Manager: the private certificates ACM issued from a CA and renews through it. The shared
/// machinery (`AWSJSONClient`) pointed at ACM, with ACM's operations only.
public struct ACMClient: Sendable {
    public let core: AWSJSONClient

    /// Every key type ACM knows: ListCertificates returns only RSA_1024 and RSA_2048 certificates unless
    /// `Includes.keyTypes` names the others.
    public static let allKeyTypes = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1",
                                     "EC_secp521r1"]

    public init(core: AWSJSONClient) {
        precondition(core.service == .acm, "an ACM client needs the ACM service")
        self.core = core
    }

    /// ACM at `endpoint`, sharing `client`'s credentials, transport and retry policy.
    public init(sharing client: AWSJSONClient, endpoint: ResolvedEndpoint) {
        self.init(core: client.forService(.acm, endpoint: endpoint))
    }

    /// Every page of ListCertificates, all key types included.
    public func certificatePages(pageSize: Int? = nil) -> Paginator<ListCertificatesResponse> {
        Paginator { token in
            let page: ListCertificatesResponse = try await core.send("ListCertificates", ListCertificatesRequest(
                includes: .init(keyTypes: Self.allKeyTypes), maxItems: pageSize, nextToken: token))
            return (page, page.nextToken)
        }
    }

    /// SearchCertificates for private certificates with the given metadata (ANDed): a server-side filter, so
    /// finding the few failed renewals does not take one DescribeCertificate per certificate.
    public func searchPrivateCertificates(renewalStatus: String? = nil) -> Paginator<SearchCertificatesResponse> {
        var filters: [[String: Any]] = [["Filter": ["AcmCertificateMetadataFilter": ["Type": "PRIVATE"]]]]
        if let renewalStatus { filters.append(["Filter": ["AcmCertificateMetadataFilter": ["RenewalStatus": renewalStatus]]]) }
        let statement = JSONValue(["And": filters])
        // Each page of 500 takes about as long to decode as to fetch: the next one is asked for while it decodes.
        return Paginator.prefetching(fetch: { token in
            try await core.sendUndecoded("SearchCertificates",
                                         SearchCertificatesRequest(filterStatement: statement, maxResults: 500, nextToken: token))
        }, peek: { response in
            TopLevelMember.string(named: "NextToken", in: response.body)
        }, decode: { response in
            let page = try SearchCertificatesResponse.decode(response)
            return (page, page.nextToken)
        })
    }

    public func describeCertificate(arn: String) async throws -> ACMCertificate {
        let response: DescribeCertificateResponse = try await core.send("DescribeCertificate", CertificateArnRequest(certificateArn: arn))
        guard let certificate = response.certificate else {
            throw ClientError.malformedResponse(operation: "DescribeCertificate", statusCode: 200, detail: "no Certificate in the answer")
        }
        return certificate
    }

    /// Asks ACM to renew the certificate now (managed renewal, as it would 60 days before expiry).
    public func renewCertificate(arn: String) async throws {
        let _: EmptyResponse = try await core.send("RenewCertificate", CertificateArnRequest(certificateArn: arn))
    }

    /// A private certificate from `certificateAuthorityArn`, which ACM then manages and renews.
    public func requestPrivateCertificate(domainName: String, certificateAuthorityArn: String, keyAlgorithm: String? = nil,
                                          idempotencyToken: String? = nil) async throws -> String {
        let response: RequestCertificateResponse = try await core.send("RequestCertificate", RequestCertificateRequest(
            domainName: domainName, certificateAuthorityArn: certificateAuthorityArn, keyAlgorithm: keyAlgorithm,
            idempotencyToken: idempotencyToken))
        guard let arn = response.certificateArn else {
            throw ClientError.malformedResponse(operation: "RequestCertificate", statusCode: 200, detail: "no CertificateArn in the answer")
        }
        return arn
    }

    public func getCertificate(arn: String) async throws -> ACMCertificateBody {
        try await core.send("GetCertificate", CertificateArnRequest(certificateArn: arn))
    }

    /// Every private certificate ACM manages in this account and region, described (one DescribeCertificate
    /// each, `concurrency` at a time): only DescribeCertificate tells the issuing CA and the renewal status.
    /// Reading stops at `bounds` (summaries listed, certificates described, bytes held), and the listing says
    /// where: a service that never stops listing cannot exhaust memory or keep pca-tui describing for ever.
    public func privateCertificates(concurrency: Int = 8, bounds: ACMListingBounds = .standard) async throws -> ACMCertificateListing {
        let (arns, listedUpTo) = try await privateCertificateArns(bounds: bounds)
        let described = try await describeCertificates(arns, concurrency: concurrency, maximumBytes: bounds.maximumBytes)
        let certificates = arns.prefix(described.stoppedAt ?? arns.count).compactMap { described.found[$0] }.filter { $0.type == "PRIVATE" }
        return ACMCertificateListing(certificates: certificates, truncatedAt: described.stoppedAt ?? listedUpTo)
    }

    /// DescribeCertificate for each ARN, `concurrency` at a time, started in order. Stops once the described
    /// certificates hold more than `maximumBytes`; `stoppedAt` is then the position of the first ARN left
    /// undescribed. With `skippingGone`, a certificate deleted since it was listed is left out instead of failing
    /// the whole read.
    public func describeCertificates(_ arns: [String], concurrency: Int, maximumBytes: Int,
                                     skippingGone: Bool = false) async throws -> (found: [String: ACMCertificate], stoppedAt: Int?) {
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
                        return (index, try await describeCertificate(arn: arns[index]))
                    } catch let error as AWSError where skippingGone && error.code == .resourceNotFound {
                        return (index, nil)
                    }
                }
            }
            for _ in 0..<min(max(1, concurrency), arns.count) { start() }
            while let (index, certificate) = try await group.next() {
                done.insert(index)
                if let certificate {
                    found[arns[index]] = certificate
                    bytes += certificate.textBytes
                }
                if bytes > maximumBytes {
                    group.cancelAll()
                    stoppedAt = (0...arns.count).first { !done.contains($0) } ?? arns.count
                    return
                }
                start()
            }
        }
        return (found, stoppedAt)
    }

    /// The ARNs of ListCertificates' private certificates, up to `bounds`; with the count it stopped at when
    /// the service offered more, or kept paging past the paginator's guard (a loop, or 1,000 pages).
    private func privateCertificateArns(bounds: ACMListingBounds) async throws -> (arns: [String], truncatedAt: Int?) {
        var arns: [String] = []
        var bytes = 0
        do {
            for try await page in certificatePages() {
                for summary in page.certificateSummaryList ?? [] where summary.type == nil || summary.type == "PRIVATE" {
                    guard let arn = summary.certificateArn else { continue }
                    guard arns.count < bounds.maximumCertificates, bytes + arn.utf8.count <= bounds.maximumBytes else {
                        return (arns, arns.count)
                    }
                    arns.append(arn)
                    bytes += arn.utf8.count
                }
            }
        } catch ClientError.malformedResponse(operation: "pagination", _, _) {
            return (arns, arns.count)
        }
        return (arns, nil)
    }
}
