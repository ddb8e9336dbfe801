import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// What AWS enforces about whose CA it is, and IssueCertificate's idempotency.
final class EmulatorOwnershipTests: XCTestCase {
    private let shared = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)

    func testWritesToAnotherAccountsCAAreDeniedNamingActionAndResource() throws {
        let emulator = demoEmulator()
        let writes: [(String, String)] = [
            ("CreatePermission", #""Principal":"acm.amazonaws.com","Actions":["IssueCertificate"]"#),
            ("DeletePermission", #""Principal":"acm.amazonaws.com""#),
            ("UpdateCertificateAuthority", #""Status":"DISABLED""#),
            ("DeleteCertificateAuthority", #""PermanentDeletionTimeInDays":7"#),
            ("RestoreCertificateAuthority", ""),
            ("TagCertificateAuthority", #""Tags":[{"Key":"k","Value":"v"}]"#),
            ("UntagCertificateAuthority", #""Tags":[{"Key":"k"}]"#),
        ]
        for (operation, members) in writes {
            let body = #"{"CertificateAuthorityArn":"\#(shared)"\#(members.isEmpty ? "" : ",")\#(members)}"#
            let response = emulator.respond(to: signedRequest(target: "ACMPrivateCA.\(operation)", body: body))
            XCTAssertEqual(errorCode(of: response), "AccessDeniedException", operation)
            let message = (try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["message"] as? String ?? ""
            XCTAssertTrue(message.contains("acm-pca:\(operation) on resource: \(shared)"), message)
        }
        for operation in ["PutPolicy", "DeletePolicy"] {
            let body = operation == "PutPolicy" ? #"{"ResourceArn":"\#(shared)","Policy":"{}"}"# : #"{"ResourceArn":"\#(shared)"}"#
            let response = emulator.respond(to: signedRequest(target: "ACMPrivateCA.\(operation)", body: body))
            XCTAssertEqual(errorCode(of: response), "AccessDeniedException", operation)
        }
        XCTAssertEqual(emulator.snapshot.authorities.first { $0.arn == shared }?.authority.status, .active, "nothing changed")
        let read = emulator.respond(to: signedRequest(target: "ACMPrivateCA.DescribeCertificateAuthority",
                                                      body: #"{"CertificateAuthorityArn":"\#(shared)"}"#))
        XCTAssertEqual(read.statusCode, 200, "reading a shared CA is allowed")
    }

    /// The policy operations act on ResourceArn: a CertificateAuthorityArn of the caller's own CA added to the
    /// body does not make another account's CA the caller's.
    func testPolicyOperationsCheckTheAccountOfResourceArn() throws {
        let emulator = demoEmulator()
        let own = DemoSeed.arn(DemoSeed.ID.web)
        let policyBefore = emulator.snapshot.authorities.first { $0.arn == shared }?.policy
        let hijack = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"acm-pca:IssueCertificate","Resource":"\#(shared)"}]}"#
        let policyText = String(decoding: try JSONSerialization.data(withJSONObject: hijack, options: .fragmentsAllowed), as: UTF8.self)
        let bodies = [
            ("PutPolicy", #"{"ResourceArn":"\#(shared)","CertificateAuthorityArn":"\#(own)","Policy":\#(policyText)}"#),
            ("GetPolicy", #"{"ResourceArn":"\#(shared)","CertificateAuthorityArn":"\#(own)"}"#),
            ("DeletePolicy", #"{"ResourceArn":"\#(shared)","CertificateAuthorityArn":"\#(own)"}"#),
        ]
        for (operation, body) in bodies {
            let response = emulator.respond(to: signedRequest(target: "ACMPrivateCA.\(operation)", body: body))
            XCTAssertEqual(errorCode(of: response), "AccessDeniedException", operation)
            let message = (try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["message"] as? String ?? ""
            XCTAssertTrue(message.contains("acm-pca:\(operation) on resource: \(shared)"), message)
        }
        XCTAssertEqual(emulator.snapshot.authorities.first { $0.arn == shared }?.policy, policyBefore, "the other account's policy is unchanged")
        let ownPolicy = emulator.respond(to: signedRequest(target: "ACMPrivateCA.GetPolicy",
                                                           body: #"{"ResourceArn":"\#(own)","CertificateAuthorityArn":"\#(shared)"}"#))
        XCTAssertEqual(ownPolicy.statusCode, 200, "the caller's own CA by ResourceArn, whatever else the body says")
    }

    func testASourceAccountOtherThanTheCallersIsRefused() async {
        let client = demoClient(demoEmulator())
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let error = await awsError {
            try await client.createPermission(arn: arn, principal: "acm.amazonaws.com",
                                              actions: PermissionAction.acmRenewalActions, sourceAccount: "999988887777")
        }
        XCTAssertEqual(error?.code, .accessDenied)
        XCTAssertTrue(error?.message.contains("999988887777") ?? false)
        let own = await awsErrorCode {
            try await client.createPermission(arn: arn, principal: "acm.amazonaws.com",
                                              actions: PermissionAction.acmRenewalActions, sourceAccount: DemoSeed.account)
        }
        XCTAssertNil(own, "the caller's own account is fine")
    }

    func testIssueCertificateIdempotencyTokenHoldsFiveMinutes() async throws {
        final class Clock: @unchecked Sendable { var now = Date() }
        let clock = Clock()
        let emulator = Emulator(state: DemoSeed.state(.demo), now: { clock.now })
        let client = demoClient(emulator, now: { clock.now })
        let arn = DemoSeed.arn(DemoSeed.ID.web)
        let csr = try validCSR()
        func issue(_ token: String?) async throws -> String {
            try await client.issueCertificate(IssueCertificateRequest(
                certificateAuthorityArn: arn, csr: csr, signingAlgorithm: .sha256WithECDSA,
                validity: Validity(value: 30, type: .days), idempotencyToken: token)).certificateArn ?? ""
        }
        let first = try await issue("token-1")
        let again = try await issue("token-1")
        XCTAssertEqual(first, again, "the same token within five minutes is the same certificate")
        let serial = String(first.split(separator: "/").last ?? "")
        let prefixToken = try await issue(String(serial.prefix(8)))
        XCTAssertNotEqual(prefixToken, first, "a new token that is a prefix of a serial is a new certificate")
        clock.now = clock.now.addingTimeInterval(301)
        let later = try await issue("token-1")
        XCTAssertNotEqual(later, first, "after five minutes the token issues anew")
    }
}
