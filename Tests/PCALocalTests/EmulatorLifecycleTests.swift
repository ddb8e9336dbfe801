import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

final class EmulatorLifecycleTests: XCTestCase {
    func testDemoSeedCoversEveryStatus() throws {
        let state = DemoSeed.state(.demo)
        let authorities = state.authorities.map(\.authority)
        XCTAssertGreaterThanOrEqual(authorities.count, 8)
        XCTAssertEqual(Set(authorities.compactMap(\.status)), Set(CAStatus.allKnown.filter { $0 != .creating }))
        XCTAssertTrue(authorities.contains { $0.type == .root })
        XCTAssertTrue(authorities.contains { $0.type == .subordinate })
        XCTAssertGreaterThan(Set(authorities.compactMap { $0.certificateAuthorityConfiguration?.keyAlgorithm }).count, 3)
        XCTAssertTrue(authorities.contains { $0.status == .failed && $0.failureReason != nil })
        XCTAssertTrue(authorities.contains { $0.status == .deleted && $0.restorableUntil != nil })
        let soon = authorities.filter {
            $0.status == .active && ($0.notAfter.map { $0.timeIntervalSinceNow < 30 * 86_400 } ?? false)
        }
        XCTAssertEqual(soon.count, 1, "one CA expires within 30 days")
        let active = state.authorities.filter { $0.authority.status == .active && $0.authority.ownerAccount == DemoSeed.account }
        let states = active.map { ACMRenewalState(permissions: $0.permissions).word }
        XCTAssertTrue(states.contains("enabled"))
        XCTAssertTrue(states.contains("off"))
        XCTAssertTrue(states.contains("partial"))
        XCTAssertTrue(state.authorities.contains { $0.policy != nil })
        XCTAssertTrue(state.authorities.allSatisfy { !$0.tags.isEmpty })
        XCTAssertEqual(DemoSeed.state(.empty).authorities, [])
        XCTAssertEqual(state.users.map(\.accessKeyID), ["AKIDLOCALADMIN", "AKIDLOCALISSUER", "AKIDLOCALPARTNER"])
    }

    func testListingPagesAtMostAHundredAndFiltersByOwner() async throws {
        let client = demoClient(demoEmulator())
        let first = try await client.listCertificateAuthorities(.init(maxResults: 4))
        XCTAssertEqual(first.certificateAuthorities?.count, 4)
        XCTAssertNotNil(first.nextToken)
        let all = try await client.certificateAuthorityPages(pageSize: 4).collect { $0.certificateAuthorities ?? [] }
        XCTAssertEqual(all.count, DemoSeed.state(.demo).authorities.count - 1)
        XCTAssertTrue(all.allSatisfy { $0.ownerAccount == DemoSeed.account })
        let shared = try await client.listCertificateAuthorities(.init(resourceOwner: .otherAccounts))
        XCTAssertEqual(shared.certificateAuthorities?.map(\.ownerAccount), [DemoSeed.sharingAccount])
        let zero = await awsErrorCode { _ = try await client.listCertificateAuthorities(.init(maxResults: 0)) }
        XCTAssertEqual(zero, "ValidationException")
        let tooMany = await awsErrorCode { _ = try await client.listCertificateAuthorities(.init(maxResults: 1001)) }
        XCTAssertEqual(tooMany, "ValidationException")
        let bad = await awsErrorCode { _ = try await client.listCertificateAuthorities(.init(nextToken: "bm9wZQ==")) }
        XCTAssertEqual(bad, "InvalidNextTokenException")
        let token = try XCTUnwrap(first.nextToken)
        let crossed = await awsErrorCode {
            _ = try await client.listCertificateAuthorities(.init(nextToken: token, resourceOwner: .otherAccounts))
        }
        XCTAssertEqual(crossed, "InvalidNextTokenException", "a token is bound to the listing it came from")
        let forged = await awsErrorCode {
            _ = try await client.listCertificateAuthorities(.init(nextToken: Data("4.\(String(repeating: "0", count: 32))".utf8)
                .base64EncodedString()))
        }
        XCTAssertEqual(forged, "InvalidNextTokenException")
    }

    func testBigEstatePagesByAHundred() async throws {
        var state = DemoSeed.state(.empty)
        let template = DemoSeed.state(.demo).authorities[0]
        for index in 0..<250 {
            var copy = template
            copy.authority.arn = DemoSeed.arn(String(format: "00000000-0000-4000-8000-%012d", index))
            state.authorities.append(copy)
        }
        let client = demoClient(Emulator(state: state))
        let page = try await client.listCertificateAuthorities(.init(maxResults: 1000))
        XCTAssertEqual(page.certificateAuthorities?.count, 100)
        let all = try await client.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        XCTAssertEqual(all.count, 250)
    }

    func testUpdateDeleteRestore() async throws {
        let emulator = demoEmulator()
        let client = demoClient(emulator)
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let deleteActive = await awsError { _ = try await client.send("DeleteCertificateAuthority", ["CertificateAuthorityArn": arn], as: EmptyResponse.self) }
        XCTAssertEqual(deleteActive?.code, .invalidState)
        XCTAssertEqual(deleteActive?.message, "The certificate authority is not in a valid state for deletion.")
        try await client.updateCertificateAuthority(.init(certificateAuthorityArn: arn, status: .disabled))
        let disabled = try await client.describeCertificateAuthority(arn: arn)
        XCTAssertEqual(disabled.status, .disabled)
        let badStatus = await awsErrorCode { try await client.updateCertificateAuthority(.init(certificateAuthorityArn: arn, status: .expired)) }
        XCTAssertEqual(badStatus, "InvalidArgsException")
        let shortWindow = await awsErrorCode {
            let _: EmptyResponse = try await client.send("DeleteCertificateAuthority",
                                                         DeleteRequest(arn: arn, days: 3))
        }
        XCTAssertEqual(shortWindow, "ValidationException")
        let _: EmptyResponse = try await client.send("DeleteCertificateAuthority", DeleteRequest(arn: arn, days: 7))
        let deleted = try await client.describeCertificateAuthority(arn: arn)
        XCTAssertEqual(deleted.status, .deleted)
        XCTAssertEqual(deleted.restorableUntil?.timeIntervalSinceNow ?? 0, 7 * 86_400, accuracy: 60)
        let updateDeleted = await awsErrorCode { try await client.updateCertificateAuthority(.init(certificateAuthorityArn: arn, status: .active)) }
        XCTAssertEqual(updateDeleted, "InvalidStateException")
        let _: EmptyResponse = try await client.send("RestoreCertificateAuthority", CertificateAuthorityRequest(certificateAuthorityArn: arn))
        let restored = try await client.describeCertificateAuthority(arn: arn)
        XCTAssertEqual(restored.status, .disabled)
        XCTAssertNil(restored.restorableUntil)
        try await client.updateCertificateAuthority(.init(certificateAuthorityArn: arn, status: .active))
        let reactivated = try await client.describeCertificateAuthority(arn: arn)
        XCTAssertEqual(reactivated.status, .active)
    }

    func testCreateCertificateAuthorityStartsPendingAndAcceptsGrants() async throws {
        let client = demoClient(demoEmulator())
        let input: [String: AnyCodable] = [
            "CertificateAuthorityType": "SUBORDINATE",
            "IdempotencyToken": "create-1",
            "CertificateAuthorityConfiguration": .object(["KeyAlgorithm": "EC_prime256v1", "SigningAlgorithm": "SHA256WITHECDSA",
                                                          "Subject": .object(["CommonName": "New CA"])]),
        ]
        struct Created: Decodable { var CertificateAuthorityArn: String }
        let created: Created = try await client.send("CreateCertificateAuthority", input)
        let again: Created = try await client.send("CreateCertificateAuthority", input)
        XCTAssertEqual(created.CertificateAuthorityArn, again.CertificateAuthorityArn, "idempotency token")
        let authority = try await client.describeCertificateAuthority(arn: created.CertificateAuthorityArn)
        XCTAssertEqual(authority.status, .pendingCertificate)
        try await client.createPermission(arn: created.CertificateAuthorityArn, principal: "acm.amazonaws.com",
                                          actions: PermissionAction.acmRenewalActions)
        var mismatched = input
        mismatched["IdempotencyToken"] = "create-2"
        mismatched["CertificateAuthorityConfiguration"] = .object(["KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHECDSA",
                                                                   "Subject": .object(["CommonName": "Bad"])])
        let code = await awsErrorCode { let _: Created = try await client.send("CreateCertificateAuthority", mismatched) }
        XCTAssertEqual(code, "InvalidArgsException")
    }

    func testPolicyAndTags() async throws {
        let client = demoClient(demoEmulator())
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let policy = try await client.getPolicy(arn: web)
        XCTAssertTrue(policy?.contains("555566667777") ?? false)
        let none = await awsErrorCode { _ = try await client.getPolicy(arn: DemoSeed.arn(DemoSeed.ID.internalCA)) }
        XCTAssertEqual(none, "ResourceNotFoundException")
        let invalid = await awsErrorCode {
            let _: EmptyResponse = try await client.send("PutPolicy", ["ResourceArn": web, "Policy": "{nope"])
        }
        XCTAssertEqual(invalid, "InvalidPolicyException")
        let tags = try await client.tagPages(arn: web).collect { $0.tags ?? [] }
        XCTAssertTrue(tags.contains(Tag(key: "env", value: "prod")))
        let _: EmptyResponse = try await client.send("TagCertificateAuthority", TagRequest(arn: web, tags: [Tag(key: "team", value: "a b")]))
        let tagged = try await client.tagPages(arn: web).collect { $0.tags ?? [] }
        XCTAssertTrue(tagged.contains(Tag(key: "team", value: "a b")))
        let _: EmptyResponse = try await client.send("UntagCertificateAuthority", TagRequest(arn: web, tags: [Tag(key: "team")]))
        let untagged = try await client.tagPages(arn: web).collect { $0.tags ?? [] }
        XCTAssertFalse(untagged.contains { $0.key == "team" })
    }

    func testIssueAndGetCertificate() async throws {
        let client = demoClient(demoEmulator(), user: .issuer)
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let csr = try validCSR()
        let issued = try await client.issueCertificate(.init(certificateAuthorityArn: web, csr: csr, signingAlgorithm: .sha256WithECDSA,
                                                             validity: Validity(value: 30, type: .days)))
        let certificateARN = try XCTUnwrap(issued.certificateArn)
        XCTAssertTrue(certificateARN.hasPrefix(web + "/certificate/"))
        let inProgress = await awsErrorCode { _ = try await client.getCertificate(authorityARN: web, certificateARN: certificateARN) }
        XCTAssertEqual(inProgress, "RequestInProgressException", "AWS answers so for a moment after issuing")
        let fetched = try await client.getCertificate(authorityARN: web, certificateARN: certificateARN)
        XCTAssertTrue(fetched.certificate?.hasPrefix("-----BEGIN CERTIFICATE-----") ?? false)
        XCTAssertTrue(fetched.certificateChain?.contains("-----BEGIN CERTIFICATE-----") ?? false)
        let malformed = await awsErrorCode {
            _ = try await client.issueCertificate(.init(certificateAuthorityArn: web, csr: Data("junk".utf8),
                                                        signingAlgorithm: .sha256WithECDSA, validity: Validity(value: 30, type: .days)))
        }
        XCTAssertEqual(malformed, "MalformedCSRException")
        let disabled = await awsError {
            _ = try await client.issueCertificate(.init(certificateAuthorityArn: DemoSeed.arn(DemoSeed.ID.legacy), csr: csr,
                                                        signingAlgorithm: .sha256WithRSA, validity: Validity(value: 30, type: .days)))
        }
        XCTAssertEqual(disabled?.code, .invalidState)
        XCTAssertEqual(disabled?.message, "The certificate authority is not in a valid state for issuing certificates.")
        let caCertificate = try await client.getCertificateAuthorityCertificate(arn: DemoSeed.arn(DemoSeed.ID.root))
        XCTAssertNotNil(caCertificate.certificate)
        XCTAssertNil(caCertificate.certificateChain, "a root has no chain")
        let pending = await awsErrorCode { _ = try await client.getCertificateAuthorityCertificate(arn: DemoSeed.arn(DemoSeed.ID.staging)) }
        XCTAssertEqual(pending, "InvalidStateException")
    }

    func testFaultInjection() async throws {
        let throttled = demoClient(demoEmulator(faults: FaultInjection(throttleRate: 1)))
        let throttle = await awsError { _ = try await throttled.listCertificateAuthorities() }
        XCTAssertEqual(throttle?.code, .throttling)
        XCTAssertEqual(throttle?.statusCode, 400)
        let failing = demoClient(demoEmulator(faults: FaultInjection(errorRate: 1)))
        let failure = await awsError { _ = try await failing.listCertificateAuthorities() }
        XCTAssertEqual(failure?.statusCode, 500)
        let limited = demoClient(demoEmulator(faults: FaultInjection(transactionsPerSecond: 3)))
        var codes: [String?] = []
        for _ in 0..<6 {
            codes.append(await awsErrorCode { _ = try await limited.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.root)) })
        }
        XCTAssertEqual(codes.prefix(3).compactMap { $0 }, [])
        XCTAssertTrue(codes.dropFirst(3).contains("ThrottlingException"))
        let other = await awsErrorCode { _ = try await limited.listCertificateAuthorities() }
        XCTAssertNil(other, "the limit is per operation")
    }

    func testDelayedOperationHoldsOnlyTheCallsNamed() throws {
        XCTAssertEqual(try FaultInjection.Delay.parseList("CreatePermission=3,DeletePermission:2=0.5"),
                       [.init(operation: "CreatePermission", seconds: 3), .init(operation: "DeletePermission", call: 2, seconds: 0.5)])
        for bad in ["CreatePermission", "CreatePermission=x", "CreatePermission:0=1", "=1", "Create Permission=1", "A=-1", "A:2:3=1"] {
            XCTAssertThrowsError(try FaultInjection.Delay.parseList(bad), bad)
        }
        let emulator = demoEmulator(faults: FaultInjection(latency: 0.25, delays: try FaultInjection.Delay.parseList("DeletePermission:2=3,RenewCertificate=1")))
        func delay(_ target: String) -> TimeInterval { emulator.delay(headers: [(name: "X-Amz-Target", value: target)]) }
        XCTAssertEqual(delay("ACMPrivateCA.DeletePermission"), 0.25, "the first call: only the latency")
        XCTAssertEqual(delay("ACMPrivateCA.ListPermissions"), 0.25)
        XCTAssertEqual(delay("ACMPrivateCA.DeletePermission"), 3.25, "the second call is held")
        XCTAssertEqual(delay("ACMPrivateCA.DeletePermission"), 0.25)
        XCTAssertEqual(delay("CertificateManager.RenewCertificate"), 1.25, "ACM's operations too, every call")
        XCTAssertEqual(delay("CertificateManager.RenewCertificate"), 1.25)
        XCTAssertEqual(emulator.delay(headers: []), 0.25, "STS (no target): only the latency")
    }

    func testRetriesAbsorbOccasionalThrottling() async throws {
        let client = demoClient(demoEmulator(faults: FaultInjection(throttleRate: 0.3)), maxAttempts: 10)
        for _ in 0..<20 {
            _ = try await client.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.root))
        }
    }
}

struct DeleteRequest: Encodable {
    var arn: String
    var days: Int
    enum CodingKeys: String, CodingKey { case arn = "CertificateAuthorityArn", days = "PermanentDeletionTimeInDays" }
}

struct TagRequest: Encodable {
    var arn: String
    var tags: [Tag]
    enum CodingKeys: String, CodingKey { case arn = "CertificateAuthorityArn", tags = "Tags" }
}

/// A small JSON value for hand-built request bodies.
enum AnyCodable: Encodable, ExpressibleByStringLiteral {
    case string(String)
    case object([String: AnyCodable])

    init(stringLiteral value: String) { self = .string(value) }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }
}

final class EmulatorPacingTests: XCTestCase {
    func testAdaptivePacingAbsorbsATPSLimit() async throws {
        let emulator = Emulator(state: DemoSeed.scaleState(count: 60), faults: FaultInjection(transactionsPerSecond: 20))
        let client = PCAClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                               credentialProvider: StaticCredentialProvider(DemoUser.admin.credentials),
                               transport: InProcessTransport(emulator: emulator),
                               retryPolicy: RetryPolicy(mode: .adaptive), timeout: 10)
        let connection = AccountConnection(pca: client, acm: ACMClient(sharing: client, endpoint: client.endpoint),
                                           region: "us-east-1", profileLabel: "test")
        let entries = try await InventoryLoader(connection: connection, concurrency: 8).load([.permissions]).records
        XCTAssertEqual(entries.count, 60)
        let unknown = entries.filter { if case .unknown = $0.renewal { return true } else { return false } }
        XCTAssertEqual(unknown.count, 0, "no throttled call reaches the caller")
        XCTAssertEqual(entries.filter { $0.renewal == .enabled }.count, 30)
    }
}
