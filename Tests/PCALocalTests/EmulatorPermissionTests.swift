import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import XCTest

final class EmulatorPermissionTests: XCTestCase {
    private let acm = "acm.amazonaws.com"
    private let full = PermissionAction.acmRenewalActions

    func testCreateListDeleteOnAnActiveCA() async throws {
        let client = demoClient(demoEmulator())
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let before = try await client.allPermissions(arn: arn)
        XCTAssertEqual(before, [])
        try await client.createPermission(arn: arn, principal: acm, actions: full)
        let after = try await client.allPermissions(arn: arn)
        XCTAssertEqual(after.count, 1)
        XCTAssertEqual(after.first?.principal, acm)
        XCTAssertEqual(after.first?.actions, full)
        XCTAssertEqual(after.first?.sourceAccount, DemoSeed.account, "filled in with the granting account")
        XCTAssertFalse(after.first?.policy?.isEmpty ?? true)
        XCTAssertNotNil(after.first?.createdAt)
        try await client.deletePermission(arn: arn, principal: acm)
        let cleared = try await client.allPermissions(arn: arn)
        XCTAssertEqual(cleared, [])
    }

    func testSecondGrantIsPermissionAlreadyExists() async {
        let client = demoClient(demoEmulator())
        let code = await awsErrorCode {
            try await client.createPermission(arn: DemoSeed.arn(DemoSeed.ID.root), principal: self.acm, actions: self.full)
        }
        XCTAssertEqual(code, "PermissionAlreadyExistsException")
    }

    func testDeletingNothingIsResourceNotFound() async {
        let client = demoClient(demoEmulator())
        let code = await awsErrorCode {
            try await client.deletePermission(arn: DemoSeed.arn(DemoSeed.ID.internalCA), principal: self.acm)
        }
        XCTAssertEqual(code, "ResourceNotFoundException")
    }

    func testOnlyTheACMPrincipalAndItsThreeActions() async {
        let client = demoClient(demoEmulator())
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let principal = await awsErrorCode {
            try await client.createPermission(arn: arn, principal: "ec2.amazonaws.com", actions: self.full)
        }
        XCTAssertEqual(principal, "InvalidRequestException")
        let action = await awsErrorCode {
            try await client.createPermission(arn: arn, principal: self.acm, actions: ["RevokeCertificate"])
        }
        XCTAssertEqual(action, "ValidationException")
        let none = await awsErrorCode { try await client.createPermission(arn: arn, principal: self.acm, actions: []) }
        XCTAssertEqual(none, "ValidationException")
    }

    func testGrantsChangeOnlyWhileActiveOrPendingCertificate() async throws {
        let client = demoClient(demoEmulator())
        let cases: [(String, String?)] = [
            (DemoSeed.ID.internalCA, nil), (DemoSeed.ID.staging, nil), (DemoSeed.ID.legacy, "InvalidStateException"),
            (DemoSeed.ID.partner, "InvalidStateException"), (DemoSeed.ID.lab, "InvalidStateException"),
            (DemoSeed.ID.decommissioned, "InvalidStateException"),
        ]
        for (id, expected) in cases {
            let create = await awsErrorCode {
                try await client.createPermission(arn: DemoSeed.arn(id), principal: self.acm, actions: self.full)
            }
            XCTAssertEqual(create, expected, "CreatePermission on \(id)")
            let delete = await awsErrorCode { try await client.deletePermission(arn: DemoSeed.arn(id), principal: self.acm) }
            XCTAssertEqual(delete, expected, "DeletePermission on \(id)")
        }
        let message = await awsError {
            _ = try await client.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.decommissioned))
        }
        XCTAssertEqual(message?.code, .invalidState)
        XCTAssertEqual(message?.message, "The certificate authority is in the DELETED state")
    }

    func testUnknownAndMalformedARNs() async {
        let client = demoClient(demoEmulator())
        let unknown = await awsErrorCode { _ = try await client.listPermissions(arn: DemoSeed.arn("00000000-0000-0000-0000-000000000000")) }
        XCTAssertEqual(unknown, "ResourceNotFoundException")
        // An ARN outside the model's pattern is the front end's ValidationException, as AWS answers; one that
        // fits the pattern but names no CA is InvalidArnException.
        let malformed = await awsError { _ = try await client.listPermissions(arn: "not-an-arn") }
        XCTAssertEqual(malformed?.code, .validation)
        XCTAssertTrue(malformed?.message.hasPrefix("1 validation error detected: Value 'not-an-arn' at 'certificateAuthorityArn' "
                                                   + "failed to satisfy constraint: Member must satisfy regular expression pattern: arn:") ?? false,
                      malformed?.message ?? "")
        let described = await awsErrorCode { _ = try await client.describeCertificateAuthority(arn: "arn:aws:s3:::bucket") }
        XCTAssertEqual(described, "ValidationException")
        let notACA = await awsErrorCode {
            _ = try await client.describeCertificateAuthority(arn: "arn:aws:acm-pca:us-east-1:111122223333:template/x")
        }
        XCTAssertEqual(notACA, "InvalidArnException")
        XCTAssertFalse(Emulator.isWellFormedARN(DemoSeed.arn(DemoSeed.ID.internalCA) + "\n"), "a final line break is no ARN")
        XCTAssertTrue(Emulator.isWellFormedARN(DemoSeed.arn(DemoSeed.ID.internalCA)))
        let withLineBreak = await awsErrorCode { _ = try await client.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.internalCA) + "\n") }
        XCTAssertEqual(withLineBreak, "ValidationException")
    }

    func testIssuerIsDeniedWritesAndTheMessageNamesTheAction() async throws {
        let emulator = demoEmulator()
        let issuer = demoClient(emulator, user: .issuer)
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let error = await awsError { try await issuer.createPermission(arn: arn, principal: self.acm, actions: self.full) }
        XCTAssertEqual(error?.code, .accessDenied)
        XCTAssertEqual(error?.statusCode, 400)
        XCTAssertEqual(error?.message, "User: arn:aws:iam::111122223333:user/ca-issuer is not authorized to perform: "
                       + "acm-pca:CreatePermission on resource: \(arn) because no identity-based policy allows the "
                       + "acm-pca:CreatePermission action")
        let deleteCode = await awsErrorCode { try await issuer.deletePermission(arn: DemoSeed.arn(DemoSeed.ID.root), principal: self.acm) }
        XCTAssertEqual(deleteCode, "AccessDeniedException")
        let updateCode = await awsErrorCode {
            try await issuer.updateCertificateAuthority(.init(certificateAuthorityArn: arn, status: .disabled))
        }
        XCTAssertEqual(updateCode, "AccessDeniedException")
        let permissions = try await issuer.allPermissions(arn: DemoSeed.arn(DemoSeed.ID.root))
        XCTAssertEqual(permissions.count, 1, "reads are allowed")
        XCTAssertEqual(emulator.snapshot.authorities.first { $0.arn == arn }?.permissions, [], "nothing changed")
    }

    func testRenewalModelAgainstTheEmulator() async throws {
        let client = demoClient(demoEmulator())
        let payments = DemoSeed.arn(DemoSeed.ID.payments)
        let pipeline = demoPipeline(client)
        let partial = await ACMRenewalState.read(arn: payments, client: client)
        XCTAssertEqual(partial, .partial(granted: [.issueCertificate, .getCertificate], missing: [.listPermissions]))
        let repaired = await pipeline.change([payments], intent: .enableRenewal)[0].renewalChange
        XCTAssertEqual(repaired?.action, .replaced)
        XCTAssertEqual(repaired?.after, .enabled)
        let disabled = await pipeline.change([payments], intent: .disableRenewal)[0].renewalChange
        XCTAssertEqual(disabled?.after, .disabled)
        let created = await pipeline.change([payments], intent: .enableRenewal)[0].renewalChange
        XCTAssertEqual(created?.action, .created)
    }

    func testPermissionsPaginate() async throws {
        let emulator = demoEmulator()
        let client = demoClient(emulator)
        let page = try await client.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.root), maxResults: 1)
        XCTAssertEqual(page.permissions?.count, 1)
        XCTAssertNil(page.nextToken)
        let badToken = await awsErrorCode {
            _ = try await client.listPermissions(arn: DemoSeed.arn(DemoSeed.ID.root), nextToken: "garbage")
        }
        XCTAssertEqual(badToken, "InvalidNextTokenException")
    }
}
