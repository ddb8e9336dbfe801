import Foundation
import PCAAdmin
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
        try await demoClient(emulator).createPermission(arn: internalCA, principal: "acm.amazonaws.com",
                                                       actions: PermissionAction.acmRenewalActions)
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
        let malformed = await awsErrorCode { _ = try await issuer.describeCertificate(arn: "not-an-arn-though-long-enough") }
        XCTAssertEqual(malformed, "ValidationException", "outside the model's pattern: the front end answers")
        let notACertificate = await awsErrorCode {
            _ = try await issuer.describeCertificate(arn: "arn:aws:acm:us-east-1:111122223333:something/else")
        }
        XCTAssertEqual(notACertificate, "InvalidArnException")
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
        let searched = try await FailedRenewal.find(certificateAuthorityArn: internalCA, acm: client(.admin, admin)).certificates
        XCTAssertEqual(Set(searched.compactMap(\.domainName)), ["intranet.corp.example.com", "hr.corp.example.com", "build.corp.example.com"])
        XCTAssertEqual(admin.all.first, "SearchCertificates")
        XCTAssertFalse(admin.all.contains("ListCertificates"))
        XCTAssertLessThan(admin.all.count, 15, "only the failed ones are described: \(admin.all.count) calls, not 40")
        let issuer = Operations()
        let fallback = try await FailedRenewal.find(certificateAuthorityArn: internalCA, acm: client(.issuer, issuer)).certificates
        XCTAssertEqual(Set(fallback.compactMap(\.domainName)), Set(searched.compactMap(\.domainName)))
        XCTAssertEqual(Array(issuer.all.prefix(2)), ["SearchCertificates", "ListCertificates"], "denied SearchCertificates: the fallback")
    }

    private func answer(_ emulator: Emulator, _ operation: String, _ body: [String: Any],
                        user: DemoUser = .admin) throws -> (code: String?, object: [String: Any]) {
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let response = emulator.respond(to: signedRequest(target: "CertificateManager.\(operation)", body: text,
                                                          credentials: user.credentials, service: "acm"))
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        return (response.statusCode == 200 ? nil : errorCode(of: response), object)
    }

    func testRequestCertificateIsCheckedAgainstACMsModel() throws {
        let emulator = demoEmulator()
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let before = emulator.snapshot.acmCertificates?.count
        let cases: [(String, [String: Any], String)] = [
            ("escape sequence", ["DomainName": "evil\u{1b}[2J", "CertificateAuthorityArn": web], "'domainName'"),
            ("shell", ["DomainName": "a b;$(id).com", "CertificateAuthorityArn": web], "'domainName'"),
            ("too long", ["DomainName": String(repeating: "a.", count: 127) + "com", "CertificateAuthorityArn": web],
             "Member must have length less than or equal to 253"),
            ("CA not an ARN", ["DomainName": "ok.example.com", "CertificateAuthorityArn": "certificate-authority/1234567890"],
             "'certificateAuthorityArn'"),
            ("an ACM ARN for the CA", ["DomainName": "ok.example.com",
                                      "CertificateAuthorityArn": "arn:aws:acm:us-east-1:111122223333:certificate/x"],
             "'certificateAuthorityArn'"),
            ("SAN", ["DomainName": "ok.example.com", "CertificateAuthorityArn": web, "SubjectAlternativeNames": ["ok.example.com", "bad name"]],
             "'subjectAlternativeNames'"),
            ("token", ["DomainName": "ok.example.com", "CertificateAuthorityArn": web, "IdempotencyToken": "not-a-word"],
             "'idempotencyToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\w+"),
            ("key", ["DomainName": "ok.example.com", "CertificateAuthorityArn": web, "KeyAlgorithm": "ML_DSA_44"], "'keyAlgorithm'"),
        ]
        for (name, body, expected) in cases {
            let (code, object) = try answer(emulator, "RequestCertificate", body)
            XCTAssertEqual(code, "ValidationException", name)
            let message = object["message"] as? String ?? ""
            XCTAssertTrue(message.hasPrefix("1 validation error detected: ") && message.contains(expected), "\(name): \(message)")
        }
        XCTAssertEqual(emulator.snapshot.acmCertificates?.count, before, "nothing was requested")
        let arn = try answer(emulator, "DescribeCertificate", ["CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/a b"])
        XCTAssertEqual(arn.code, "ValidationException")
        let search = try answer(emulator, "SearchCertificates", ["MaxResults": 501])
        XCTAssertEqual(search.code, "ValidationException")
        let list = try answer(emulator, "ListCertificates", ["CertificateStatuses": ["HAPPY"]])
        XCTAssertEqual(list.code, "ValidationException")
    }

    func testIdempotencyTokenIsOneRequestOfOneCallerForAnHour() throws {
        let emulator = demoEmulator()
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let request: [String: Any] = ["DomainName": "idem.example.com", "CertificateAuthorityArn": web,
                                      "KeyAlgorithm": "EC_prime256v1", "IdempotencyToken": "token1"]
        func arn(_ body: [String: Any], user: DemoUser = .admin) throws -> String? {
            try answer(emulator, "RequestCertificate", body, user: user).object["CertificateArn"] as? String
        }
        let first = try XCTUnwrap(try arn(request))
        XCTAssertEqual(try arn(request), first, "the same request with the same token: the same certificate")
        let changes: [(String, Any)] = [("DomainName", "other.example.com"), ("KeyAlgorithm", "RSA_2048"),
                                        ("CertificateAuthorityArn", DemoSeed.arn(DemoSeed.ID.tokyo)),
                                        ("SubjectAlternativeNames", ["idem.example.com", "more.example.com"])]
        for (member, value) in changes {
            var changed = request
            changed[member] = value
            let (code, object) = try answer(emulator, "RequestCertificate", changed)
            XCTAssertEqual(code, "InvalidParameterException", "another \(member) with the same token is not the first certificate")
            XCTAssertTrue((object["message"] as? String ?? "").contains("token1"), "\(object)")
        }
        let otherCaller = try XCTUnwrap(try arn(request, user: .issuer))
        XCTAssertNotEqual(otherCaller, first, "another caller's token is another request")
        emulator.clockOffset = 3601
        let later = try XCTUnwrap(try arn(request))
        XCTAssertNotEqual(later, first, "after an hour the token is new")
        var changedLater = request
        changedLater["DomainName"] = "other.example.com"
        emulator.clockOffset = 2 * 3601
        XCTAssertNotNil(try arn(changedLater), "the token timed out: a new request")
    }

    func testAnotherAccountsCertificateIsNotFound() throws {
        var state = DemoSeed.state(.demo)
        let foreign = "arn:aws:acm:us-east-1:\(DemoSeed.sharingAccount):certificate/0ther000-0000-4000-8000-000000000001"
        let mine = try XCTUnwrap(state.acmCertificates?.first { $0.status == "ISSUED" && $0.isEligible })
        var theirs = mine
        theirs.arn = foreign
        theirs.account = DemoSeed.sharingAccount
        state.acmCertificates?.append(theirs)
        let emulator = Emulator(state: state)
        let unknown = try answer(emulator, "DescribeCertificate",
                                 ["CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/0ther000-0000-4000-8000-000000000001"])
        for operation in ["DescribeCertificate", "RenewCertificate", "GetCertificate"] {
            let (code, object) = try answer(emulator, operation, ["CertificateArn": foreign])
            XCTAssertEqual(code, "ResourceNotFoundException", operation)
            XCTAssertEqual(object["message"] as? String,
                           (unknown.object["message"] as? String)?.replacingOccurrences(of: "111122223333", with: DemoSeed.sharingAccount),
                           "worded as for a certificate that does not exist")
        }
        XCTAssertEqual(emulator.snapshot.acmCertificates?.last, theirs, "not renewed by another account")
        let listed = listed(emulator, keyTypes: ACMClient.allKeyTypes).compactMap { $0["CertificateArn"] as? String }
        XCTAssertFalse(listed.contains(foreign))
        XCTAssertTrue(listed.contains(mine.arn))
        let searched = try answer(emulator, "SearchCertificates", ["FilterStatement": ["Filter": ["CertificateArn": foreign]]])
        XCTAssertEqual((searched.object["Results"] as? [Any])?.count, 0)
    }

    /// A clock jump replays the daily attempts in between: a granted, ACTIVE, long-lived CA renews its
    /// certificates inside their window; a CA without the grant fails them, and they expire.
    func testAClockJumpReplaysTheRenewalsInBetween() async throws {
        let start = Date()
        let emulator = Emulator(state: DemoSeed.state(.demo, now: start), now: { start })
        let jump: TimeInterval = 400 * 86_400
        emulator.clockOffset = jump
        let seeded = try XCTUnwrap(DemoSeed.state(.demo, now: start).acmCertificates)
        let after = try await acm(emulator).privateCertificates().certificates
        let byARN = Dictionary(uniqueKeysWithValues: after.compactMap { certificate in certificate.certificateArn.map { ($0, certificate) } })
        let renewable = [DemoSeed.ID.web, DemoSeed.ID.tokyo, DemoSeed.ID.root].map { DemoSeed.arn($0) }
        let granted = seeded.filter { renewable.contains($0.certificateAuthorityArn) && $0.isEligible && $0.status == "ISSUED" }
        XCTAssertGreaterThan(granted.count, 10)
        for certificate in granted {
            let now = byARN[certificate.arn]
            XCTAssertEqual(now?.status, "ISSUED", certificate.domainName)
            XCTAssertEqual(now?.renewalSummary?.renewalStatus, "SUCCESS", certificate.domainName)
            XCTAssertGreaterThan(now?.notAfter ?? .distantPast, start.addingTimeInterval(jump), "\(certificate.domainName): a new NotAfter")
        }
        let ungranted = [DemoSeed.ID.internalCA, DemoSeed.ID.payments].map { DemoSeed.arn($0) }
        let denied = seeded.filter { ungranted.contains($0.certificateAuthorityArn) && $0.isEligible }
        XCTAssertGreaterThan(denied.count, 5)
        for certificate in denied {
            let now = byARN[certificate.arn]
            XCTAssertEqual(now?.status, "EXPIRED", certificate.domainName)
            XCTAssertEqual(now?.renewalSummary?.renewalStatus, "FAILED", certificate.domainName)
            XCTAssertEqual(now?.renewalSummary?.renewalStatusReason, "PCA_ACCESS_DENIED", certificate.domainName)
            XCTAssertEqual(now?.notAfter?.timeIntervalSince1970 ?? 0, certificate.notAfter?.timeIntervalSince1970 ?? 1, accuracy: 1,
                           "\(certificate.domainName): never renewed")
            XCTAssertLessThan(now?.renewalSummary?.updatedAt ?? .distantFuture, certificate.notAfter ?? .distantPast,
                              "\(certificate.domainName): the last attempt came before it expired")
        }
        let legacy = seeded.filter { $0.certificateAuthorityArn == DemoSeed.arn(DemoSeed.ID.legacy) && $0.isEligible }
        let iot = seeded.filter { $0.certificateAuthorityArn == DemoSeed.arn(DemoSeed.ID.iot) && $0.isEligible }
        XCTAssertFalse(legacy.isEmpty || iot.isEmpty)
        for certificate in legacy + iot {
            XCTAssertEqual(byARN[certificate.arn]?.status, "EXPIRED", certificate.domainName)
            XCTAssertNotEqual(byARN[certificate.arn]?.renewalSummary?.renewalStatus, "SUCCESS", certificate.domainName)
        }
    }
}
