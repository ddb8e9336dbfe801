import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The emulator evaluates a CA's resource policy for callers of another account, and checks PutPolicy's
/// document as AWS does.
final class EmulatorResourcePolicyTests: XCTestCase {
    let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
    let csr = (try? validCSR()) ?? Data()

    func issue(_ client: PCAClient, template: String? = nil) async throws -> String? {
        try await client.issueCertificate(.init(certificateAuthorityArn: internalCA, csr: csr, signingAlgorithm: .sha256WithRSA,
                                                validity: Validity(value: 30, type: .days), templateArn: template)).certificateArn
    }

    func put(_ emulator: Emulator, _ grant: SharingGrant) async throws {
        try await demoClient(emulator).putPolicy(arn: internalCA, policy: ResourcePolicy.text(statements: grant.statements(caArn: internalCA)))
    }

    func testThePartnerIssuesOnlyWhileThePolicySharesTheCA() async throws {
        let emulator = demoEmulator()
        let partner = demoClient(emulator, user: .partner)
        let before = await awsError { _ = try await self.issue(partner) }
        XCTAssertEqual(before?.code.rawValue, "AccessDeniedException")
        XCTAssertEqual(before?.message, "User: arn:aws:iam::555566667777:user/partner-issuer is not authorized to perform: "
                       + "acm-pca:IssueCertificate on resource: \(internalCA) because no resource-based policy allows the "
                       + "acm-pca:IssueCertificate action")

        try await put(emulator, SharingGrant(principal: .account(DemoSeed.partnerAccount), issue: true))
        let certificate = try await issue(partner)
        XCTAssertNotNil(certificate)
        _ = try await partner.describeCertificateAuthority(arn: internalCA)
        _ = try await CertificateWaiter(sleep: { _ in }).wait(client: partner, authorityArn: internalCA, certificateArn: certificate ?? "")
        let otherTemplate = await awsErrorCode {
            _ = try await self.issue(partner, template: "arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1")
        }
        XCTAssertEqual(otherTemplate, "AccessDeniedException", "the TemplateArn condition holds")
        for operation in ["GetPolicy", "UpdateCertificateAuthority"] {
            let code = await awsErrorCode {
                let _: EmptyResponse = try await partner.send(operation, GetPolicyRequest(resourceArn: self.internalCA), resourceARN: self.internalCA)
            }
            XCTAssertEqual(code, "AccessDeniedException", "\(operation) is the owner's alone")
        }

        try await demoClient(emulator).deletePolicy(arn: internalCA)
        let after = await awsErrorCode { _ = try await self.issue(partner) }
        XCTAssertEqual(after, "AccessDeniedException")
    }

    func testReadOnlySharingDeniesIssuingAndAnOrganizationGrantCoversItsAccounts() async throws {
        let emulator = demoEmulator()
        let partner = demoClient(emulator, user: .partner)
        try await put(emulator, SharingGrant(principal: .account(DemoSeed.partnerAccount), issue: false))
        _ = try await partner.describeCertificateAuthority(arn: internalCA)
        let denied = await awsErrorCode { _ = try await self.issue(partner) }
        XCTAssertEqual(denied, "AccessDeniedException")

        try await put(emulator, SharingGrant(principal: .organization(DemoSeed.organizationID), issue: true))
        let inOrganization = try await issue(partner)
        XCTAssertNotNil(inOrganization, "the partner's account is in the organization")
        try await put(emulator, SharingGrant(principal: .organization("o-otherorg0001"), issue: true))
        let otherOrganization = await awsErrorCode { _ = try await self.issue(partner) }
        XCTAssertEqual(otherOrganization, "AccessDeniedException")
    }

    func testTheCallerIdentityAndTheListingAreThePartnersOwn() async throws {
        let emulator = demoEmulator()
        let partner = demoClient(emulator, user: .partner)
        let identity = try await partner.callerIdentity()
        XCTAssertEqual(identity.account, DemoSeed.partnerAccount)
        let own = try await partner.listCertificateAuthorities().certificateAuthorities ?? []
        XCTAssertEqual(own.count, 0, "no CA of its own")
        try await put(emulator, SharingGrant(principal: .account(DemoSeed.partnerAccount), issue: true))
        let shared = try await partner.listCertificateAuthorities(.init(resourceOwner: .otherAccounts)).certificateAuthorities ?? []
        XCTAssertEqual(shared.map(\.arn), [DemoSeed.arn(DemoSeed.ID.web), internalCA], "the web CA's seeded policy names the partner too")
    }

    func testTheDemoAccountUsesTheRAMSharedCAThroughItsPolicy() async throws {
        let emulator = demoEmulator()
        let shared = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        let issuer = demoClient(emulator, user: .issuer)
        let issued = try await issuer.issueCertificate(.init(certificateAuthorityArn: shared, csr: csr, signingAlgorithm: .sha256WithECDSA,
                                                             validity: Validity(value: 30, type: .days)))
        XCTAssertNotNil(issued.certificateArn)
    }

    func testPutPolicyChecksTheDocumentAsAWSDoes() async throws {
        let admin = demoClient(demoEmulator())
        let cases: [(String, String)] = [
            ("not json", "InvalidPolicyException"),
            (#"{"Version":"2012-10-17"}"#, "InvalidPolicyException"),
            (#"{"Version":"2019-01-01","Statement":[]}"#, "InvalidPolicyException"),
            (#"{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"acm-pca:ListTags","Resource":"*"}]}"#, "InvalidPolicyException"),
            (#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#, "InvalidPolicyException"),
            (#"{"Statement":[{"Effect":"Allow","Action":"acm-pca:ListTags","Resource":"*"}]}"#, "InvalidPolicyException"),
            (#"{"Statement":[{"Sid":"a","Effect":"Allow","Principal":"*","Action":"acm-pca:ListTags","Resource":"*"},{"Sid":"a","Effect":"Allow","Principal":"*","Action":"acm-pca:ListTags","Resource":"*"}]}"#, "InvalidPolicyException"),
            (#"{"Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"acm-pca:*","Resource":"*"}]}"#, "LockoutPreventedException"),
        ]
        for (policy, expected) in cases {
            let code = await awsErrorCode { try await admin.putPolicy(arn: self.internalCA, policy: policy) }
            XCTAssertEqual(code, expected, policy)
        }
        let legacy = await awsErrorCode {
            try await admin.putPolicy(arn: DemoSeed.arn(DemoSeed.ID.lab), policy: ResourcePolicy.text(statements:
                SharingGrant(principal: .account(DemoSeed.partnerAccount), issue: false).statements(caArn: DemoSeed.arn(DemoSeed.ID.lab))))
        }
        XCTAssertEqual(legacy, "InvalidStateException", "a FAILED CA's policy cannot change")
        try await admin.deletePolicy(arn: internalCA)
        // AWS: "If there is no policy attached to the private CA, this action will return successful."
    }
}
