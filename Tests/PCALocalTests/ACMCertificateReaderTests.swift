import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import XCTest

/// ACM's certificates read through SearchCertificates say what describing every one of them says: the same
/// certificates, each with its CA, status, expiry, renewal status and eligibility, the failed renewals with their
/// reason; with far fewer requests. Ambiguous issuers and a denied search fall back to DescribeCertificate.
final class ACMCertificateReaderTests: XCTestCase {
    private final class Operations: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var all: [String] { lock.withLock { names } }
        func count(_ name: String) -> Int { all.filter { $0 == name }.count }
    }

    private func clients(_ emulator: Emulator, _ user: DemoUser, _ operations: Operations) -> (pca: PCAClient, acm: ACMClient) {
        let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true)
        let core = PCAClient(endpoint: endpoint, credentialProvider: StaticCredentialProvider(user.credentials),
                             transport: InProcessTransport(emulator: emulator), retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1),
                             timeout: 10, stsEndpoint: endpoint, observer: { operations.add($0.operation) }, sleep: { _ in })
        return (core, ACMClient(sharing: core, endpoint: endpoint))
    }

    private func issuers(_ pca: PCAClient) async throws -> ACMIssuers {
        ACMIssuers(authorities: try await pca.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] })
    }

    /// The account's own CAs: a certificate from another account's CA (shared with this one) names an issuer
    /// none of them has.
    private func ownCAs(_ emulator: Emulator) async throws -> Set<String> {
        Set(try await clients(emulator, .admin, Operations()).pca.certificateAuthorityPages()
            .collect { $0.certificateAuthorities ?? [] }.compactMap(\.arn))
    }

    /// The fields the faces show, as one comparable line.
    private func summary(_ certificate: ACMCertificate) -> String {
        [certificate.certificateArn, certificate.certificateAuthorityArn, certificate.domainName, certificate.status,
         certificate.notAfter.map { "\($0.timeIntervalSince1970)" }, certificate.renewalSummary?.renewalStatus,
         FailedRenewal.isFailed(certificate) ? certificate.renewalSummary?.renewalStatusReason : "-",
         certificate.renewalEligibility, certificate.keyAlgorithm, "\(certificate.isInUse)"].map { $0 ?? "nil" }.joined(separator: " | ")
    }

    func testSearchGivesWhatDescribingEveryCertificateGivesWithFewerRequests() async throws {
        let emulator = demoEmulator()
        let described = Operations()
        let reference = try await clients(emulator, .admin, described).acm.privateCertificates(concurrency: 4)
        let searched = Operations()
        let (pca, acm) = clients(emulator, .admin, searched)
        let listing = try await ACMCertificateReader(acm: acm, concurrency: 4).read(issuers: try await issuers(pca))
        XCTAssertGreaterThan(reference.certificates.count, 10)
        XCTAssertEqual(listing.certificates.map(summary).sorted(), reference.certificates.map(summary).sorted())
        let own = try await ownCAs(emulator)
        let failed = reference.certificates.filter(FailedRenewal.isFailed).count
        let foreign = reference.certificates.filter { !own.contains($0.certificateAuthorityArn ?? "") }
        XCTAssertGreaterThan(failed, 0, "the demo has failed renewals, whose reasons need DescribeCertificate")
        XCTAssertEqual(foreign.count, 1, "the demo has one certificate from a CA shared by another account")
        let expected = reference.certificates.filter { FailedRenewal.isFailed($0) || !own.contains($0.certificateAuthorityArn ?? "") }.count
        XCTAssertEqual(searched.count("DescribeCertificate"), expected, "only the failed renewals and the foreign CA's are described")
        XCTAssertLessThan(expected, reference.certificates.count / 2)
        XCTAssertEqual(searched.count("ListCertificates"), 0)
        XCTAssertEqual(listing.path, .searched(described: expected))
        XCTAssertEqual(reference.path, .describedEach)
    }

    func testTwoCAsWithOneSubjectAreResolvedByDescribingTheirCertificates() async throws {
        var state = DemoSeed.state(.demo)
        let withCertificates = Set((state.acmCertificates ?? []).map(\.certificateAuthorityArn))
        let indices = state.authorities.indices.filter { withCertificates.contains(state.authorities[$0].arn) }
        XCTAssertGreaterThanOrEqual(indices.count, 2)
        let shared = state.authorities[indices[0]].authority.certificateAuthorityConfiguration?.subject
        state.authorities[indices[1]].authority.certificateAuthorityConfiguration?.subject = shared
        let emulator = Emulator(state: state)
        let operations = Operations()
        let (pca, acm) = clients(emulator, .admin, operations)
        let listing = try await ACMCertificateReader(acm: acm, concurrency: 4).read(issuers: try await issuers(pca))
        let reference = try await clients(emulator, .admin, Operations()).acm.privateCertificates(concurrency: 4)
        XCTAssertEqual(listing.certificates.map(summary).sorted(), reference.certificates.map(summary).sorted())
        let ambiguous = Set([indices[0], indices[1]].map { state.authorities[$0].arn })
        let own = try await ownCAs(emulator)
        let expected = reference.certificates.filter { certificate in
            let ca = certificate.certificateAuthorityArn ?? ""
            return ambiguous.contains(ca) || !own.contains(ca) || FailedRenewal.isFailed(certificate)
        }.count
        XCTAssertEqual(operations.count("DescribeCertificate"), expected, "the ambiguous issuer's certificates, and the failed ones")
    }

    func testADeniedSearchDescribesEveryCertificate() async throws {
        let emulator = demoEmulator()
        let operations = Operations()
        let (pca, acm) = clients(emulator, .issuer, operations)
        let listing = try await ACMCertificateReader(acm: acm, concurrency: 4).read(issuers: try await issuers(pca))
        let reference = try await clients(emulator, .admin, Operations()).acm.privateCertificates(concurrency: 4)
        XCTAssertEqual(listing.path, .describedEach)
        XCTAssertEqual(listing.certificates.map(summary).sorted(), reference.certificates.map(summary).sorted())
        XCTAssertEqual(operations.count("DescribeCertificate"), reference.certificates.count)
    }

    func testACAWithCustomAttributesLeavesNoIssuerNameTrusted() {
        let subject = ASN1Subject(commonName: "Corp CA")
        var custom = ASN1Subject()
        custom.customAttributes = [CustomAttribute(objectIdentifier: "2.5.4.3", value: "Corp CA")]
        XCTAssertEqual(ACMIssuers([("arn:named", subject)]).arn(issuedBy: ACMDistinguishedName(subject: subject)), "arn:named")
        let mixed = ACMIssuers([("arn:named", subject), ("arn:custom", custom)])
        XCTAssertNil(mixed.arn(issuedBy: ACMDistinguishedName(subject: subject)),
                     "ACM may write the custom-attribute CA's issuer as the other CA's subject")
    }

    func testIssuersNameOnlyTheOneCAWithThatSubject() {
        let a = ASN1Subject(commonName: "A")
        let b = ASN1Subject(organization: "Org", commonName: "B")
        let issuers = ACMIssuers([("arn:a", a), ("arn:b1", b), ("arn:b2", b), ("arn:none", nil), ("arn:a", a)])
        XCTAssertEqual(issuers.arn(issuedBy: ACMDistinguishedName(subject: a)), "arn:a", "the same CA twice is one CA")
        XCTAssertNil(issuers.arn(issuedBy: ACMDistinguishedName(subject: b)), "two CAs share the subject")
        XCTAssertNil(issuers.arn(issuedBy: ACMDistinguishedName(subject: ASN1Subject(commonName: "C"))))
        XCTAssertNil(issuers.arn(issuedBy: ACMDistinguishedName(subject: ASN1Subject(organization: "Org"))), "every member counts")
        XCTAssertNil(issuers.arn(issuedBy: ACMDistinguishedName(subject: a, domainComponents: ["example", "com"])))
    }
}
