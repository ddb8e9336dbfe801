import Foundation
import PCAClient
@testable import PCALocal
import XCTest

/// The emulator's ACM: its shapes and rules, the renewal engine and the simulated clock.
final class EmulatorACMTests: XCTestCase {
    private func acm(_ emulator: Emulator, user: DemoUser = .admin) -> ACMClient {
        ACMClient(sharing: demoClient(emulator, user: user),
                  endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true))
    }

    private func listed(_ emulator: Emulator, keyTypes: [String]?) -> [[String: Any]] {
        var body: [String: Any] = [:]
        if let keyTypes { body["Includes"] = ["keyTypes": keyTypes] }
        let text = String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let response = emulator.respond(to: signedRequest(target: "CertificateManager.ListCertificates", body: text, service: "acm"))
        return ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["CertificateSummaryList"] as? [[String: Any]] ?? []
    }

    func testListCertificatesHidesOtherKeyTypesUnlessAsked() {
        let emulator = demoEmulator()
        let plain = listed(emulator, keyTypes: nil)
        XCTAssertTrue(plain.allSatisfy { ["RSA_1024", "RSA_2048"].contains($0["KeyAlgorithm"] as? String ?? "") })
        let all = listed(emulator, keyTypes: ACMClient.allKeyTypes)
        XCTAssertEqual(all.count, DemoSeed.acmCertificates(now: Date()).count)
        XCTAssertGreaterThan(all.count, plain.count, "the ListCertificates key-type trap")
    }

    func testTheDemoEstateTellsEveryStory() async throws {
        let certificates = try await acm(demoEmulator()).privateCertificates().certificates
        let groups = CACertificates.group(certificates, now: Date())
        XCTAssertEqual(groups[DemoSeed.arn(DemoSeed.ID.internalCA)]?.failedByReason, ["PCA_ACCESS_DENIED": 3])
        XCTAssertEqual(groups[DemoSeed.arn(DemoSeed.ID.payments)]?.failedByReason, ["PCA_ACCESS_DENIED": 2])
        XCTAssertEqual(groups[DemoSeed.arn(DemoSeed.ID.iot)]?.failedByReason, ["PCA_INVALID_DURATION": 3])
        XCTAssertEqual(groups[DemoSeed.arn(DemoSeed.ID.legacy)]?.failedByReason, ["PCA_INVALID_STATE": 1])
        XCTAssertEqual(groups[DemoSeed.arn(DemoSeed.ID.web)]?.pendingAutoRenewal, 1)
        XCTAssertNotNil(groups[DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)], "one from another account's CA")
        XCTAssertTrue(certificates.contains { $0.status == "EXPIRED" })
        XCTAssertTrue(certificates.contains { $0.renewalEligibility == "INELIGIBLE" })
    }

    func testGrantThenRetryRenews() async throws {
        let emulator = demoEmulator()
        let client = acm(emulator)
        let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
        let failed = try await client.privateCertificates().certificates.filter {
            $0.certificateAuthorityArn == internalCA && $0.renewalSummary?.renewalStatus == "FAILED"
        }
        XCTAssertEqual(failed.count, 3)
        let arn = try XCTUnwrap(failed.first?.certificateArn)
        try await client.renewCertificate(arn: arn)
        let stillDenied = try await client.describeCertificate(arn: arn)
        XCTAssertEqual(stillDenied.renewalSummary?.renewalStatusReason, "PCA_ACCESS_DENIED", "no grant yet")
        _ = try await demoClient(emulator).enableACMRenewal(arn: internalCA)
        try await client.renewCertificate(arn: arn)
        let renewed = try await client.describeCertificate(arn: arn)
        XCTAssertEqual(renewed.renewalSummary?.renewalStatus, "SUCCESS")
        XCTAssertGreaterThan(renewed.notAfter ?? .distantPast, failed.first?.notAfter ?? .distantFuture, "a new validity")
    }

    func testTheEngineFollowsTheClock() async throws {
        final class Clock: @unchecked Sendable { var now = Date() }
        let clock = Clock()
        let emulator = Emulator(state: DemoSeed.state(.demo, now: clock.now), now: { clock.now })
        let client = acm(emulator)
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let before = try await client.privateCertificates().certificates.filter { $0.certificateAuthorityArn == web && $0.domainName == "cdn.example.com" }
        XCTAssertNil(before.first?.renewalSummary, "95 days left: not in the window yet")
        emulator.clockOffset = 40 * 86_400
        let after = try await client.privateCertificates().certificates.filter { $0.certificateAuthorityArn == web && $0.domainName == "cdn.example.com" }
        XCTAssertEqual(after.first?.renewalSummary?.renewalStatus, "SUCCESS", "in the window, granted: renewed")
        let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
        let ldap = try await client.privateCertificates().certificates.first { $0.certificateAuthorityArn == internalCA && $0.domainName == "ldap.corp.example.com" }
        XCTAssertNil(ldap?.renewalSummary)
        emulator.clockOffset = 120 * 86_400
        let denied = try await client.privateCertificates().certificates.first { $0.certificateAuthorityArn == internalCA && $0.domainName == "ldap.corp.example.com" }
        XCTAssertEqual(denied?.renewalSummary?.renewalStatusReason, "PCA_ACCESS_DENIED", "no grant: the attempt fails")
    }

    func testRequestCertificateIssuesThroughTheCAAsTheCaller() async throws {
        let emulator = demoEmulator()
        let issuer = acm(emulator, user: .issuer)
        let issued = try await issuer.requestPrivateCertificate(domainName: "new.example.com",
                                                                certificateAuthorityArn: DemoSeed.arn(DemoSeed.ID.web),
                                                                keyAlgorithm: "EC_prime256v1")
        let described = try await issuer.describeCertificate(arn: issued)
        XCTAssertEqual(described.status, "ISSUED")
        XCTAssertEqual(described.type, "PRIVATE")
        XCTAssertEqual(described.renewalEligibility, "INELIGIBLE", "not in use or exported yet")
        let disabled = try await issuer.requestPrivateCertificate(domainName: "x.example.com",
                                                                  certificateAuthorityArn: DemoSeed.arn(DemoSeed.ID.legacy))
        let failed = try await issuer.describeCertificate(arn: disabled)
        XCTAssertEqual(failed.status, "FAILED")
        XCTAssertEqual(failed.failureReason, "PCA_INVALID_STATE")
        let denied = await awsErrorCode { try await issuer.renewCertificate(arn: issued) }
        XCTAssertEqual(denied, "AccessDeniedException", "the issuer may not renew")
        let missing = await awsErrorCode {
            _ = try await issuer.describeCertificate(arn: "arn:aws:acm:us-east-1:111122223333:certificate/nope")
        }
        XCTAssertEqual(missing, "ResourceNotFoundException")
        let malformed = await awsErrorCode { _ = try await issuer.describeCertificate(arn: "not-an-arn") }
        XCTAssertEqual(malformed, "InvalidArnException")
    }

    func testFailedRenewalsUseSearchCertificatesAndFallBackWhereDenied() async throws {
        let emulator = demoEmulator()
        final class Operations: @unchecked Sendable {
            private let lock = NSLock()
            private var names: [String] = []
            func add(_ name: String) { lock.withLock { names.append(name) } }
            var all: [String] { lock.withLock { names } }
        }
        func client(_ user: DemoUser, _ operations: Operations) -> ACMClient {
            let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true)
            let core = PCAClient(endpoint: endpoint, credentialProvider: StaticCredentialProvider(user.credentials),
                                 transport: InProcessTransport(emulator: emulator), retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1),
                                 timeout: 10, stsEndpoint: endpoint, observer: { operations.add($0.operation) }, sleep: { _ in })
            return ACMClient(sharing: core, endpoint: endpoint)
        }
        let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
        let admin = Operations()
        let searched = try await client(.admin, admin).failedRenewals(certificateAuthorityArn: internalCA).certificates
        XCTAssertEqual(Set(searched.compactMap(\.domainName)), ["intranet.corp.example.com", "hr.corp.example.com", "build.corp.example.com"])
        XCTAssertEqual(admin.all.first, "SearchCertificates")
        XCTAssertFalse(admin.all.contains("ListCertificates"))
        XCTAssertLessThan(admin.all.count, 15, "only the failed ones are described: \(admin.all.count) calls, not 40")
        let issuer = Operations()
        let fallback = try await client(.issuer, issuer).failedRenewals(certificateAuthorityArn: internalCA).certificates
        XCTAssertEqual(Set(fallback.compactMap(\.domainName)), Set(searched.compactMap(\.domainName)))
        XCTAssertEqual(Array(issuer.all.prefix(2)), ["SearchCertificates", "ListCertificates"], "denied SearchCertificates: the fallback")
    }
}
