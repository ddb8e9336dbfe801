import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import XCTest

/// STS AssumeRole into the demo roles: MFA demanded by the admin role, the role's permissions, expiry.
final class EmulatorAssumeRoleTests: XCTestCase {
    private let adminRole = "arn:aws:iam::111122223333:role/ca-admin-role"
    private let issuerRole = "arn:aws:iam::111122223333:role/ca-issuer-role"
    private let adminMFA = "arn:aws:iam::111122223333:mfa/ca-admin"

    private func sts(_ emulator: Emulator) -> STSClient {
        STSClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                  transport: InProcessTransport(emulator: emulator))
    }

    private func assume(_ emulator: Emulator, role: String, serial: String? = nil, code: String? = nil,
                        duration: Int? = nil, as user: DemoUser = .admin) async throws -> AWSCredentials {
        try await sts(emulator).assumeRole(
            .init(roleARN: role, sessionName: "pca-tui-test", durationSeconds: duration, mfaSerial: serial, mfaCode: code),
            credentials: user.credentials, source: "test")
    }

    func testAdminRoleWithoutMFAIsDenied() async {
        let error = await awsError { _ = try await self.assume(demoEmulator(), role: self.adminRole) }
        XCTAssertEqual(error?.code.rawValue, "AccessDenied")
        XCTAssertEqual(error?.message, "User: arn:aws:iam::111122223333:user/ca-admin is not authorized to perform: "
                       + "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/ca-admin-role")
    }

    func testWrongMFACodeIsDenied() async {
        let error = await awsError { _ = try await self.assume(demoEmulator(), role: self.adminRole, serial: self.adminMFA, code: "000000") }
        XCTAssertEqual(error?.code.rawValue, "AccessDenied")
        XCTAssertEqual(error?.message, "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
    }

    func testAnotherUsersMFADeviceIsDenied() async {
        let error = await awsError {
            _ = try await self.assume(demoEmulator(), role: self.adminRole, serial: "arn:aws:iam::111122223333:mfa/ca-issuer",
                                      code: DemoSeed.mfaCode)
        }
        XCTAssertEqual(error?.code.rawValue, "AccessDenied")
    }

    func testRoleCredentialsActAsTheRole() async throws {
        let emulator = demoEmulator()
        let credentials = try await assume(emulator, role: adminRole, serial: adminMFA, code: DemoSeed.mfaCode)
        XCTAssertTrue(credentials.accessKeyID.hasPrefix("ASIA"))
        XCTAssertNotNil(credentials.sessionToken)
        let expiration = try XCTUnwrap(credentials.expiration)
        XCTAssertEqual(expiration.timeIntervalSinceNow, 3600, accuracy: 60)
        let client = demoClient(emulator, credentials: credentials)
        let identity = try await client.callerIdentity()
        XCTAssertEqual(identity.arn, "arn:aws:sts::111122223333:assumed-role/ca-admin-role/pca-tui-test")
        XCTAssertTrue(identity.userID.hasPrefix("AROA"))
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        try await client.createPermission(arn: arn, principal: "acm.amazonaws.com", actions: PermissionAction.acmRenewalActions)
        let state = await ACMRenewalState.read(arn: arn, client: client)
        XCTAssertEqual(state, .enabled)
        // The temporary key needs its session token.
        let withoutToken = AWSCredentials(accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey)
        let error = await awsError { _ = try await demoClient(emulator, credentials: withoutToken).listCertificateAuthorities() }
        XCTAssertEqual(error?.code, .unrecognizedClient)
    }

    func testIssuerRoleNeedsNoMFAAndCannotGrant() async throws {
        let emulator = demoEmulator()
        let credentials = try await assume(emulator, role: issuerRole, as: .issuer)
        let client = demoClient(emulator, credentials: credentials)
        let error = await awsError {
            try await client.createPermission(arn: DemoSeed.arn(DemoSeed.ID.internalCA), principal: "acm.amazonaws.com",
                                              actions: PermissionAction.acmRenewalActions)
        }
        XCTAssertEqual(error?.code, .accessDenied)
        XCTAssertTrue(error?.message.hasPrefix("User: arn:aws:sts::111122223333:assumed-role/ca-issuer-role/pca-tui-test "
                                               + "is not authorized to perform: acm-pca:CreatePermission") ?? false,
                      error?.message ?? "")
    }

    func testUnknownRoleAndBadDurationAreRefused() async {
        let unknown = await awsError { _ = try await self.assume(demoEmulator(), role: "arn:aws:iam::111122223333:role/nobody") }
        XCTAssertEqual(unknown?.code.rawValue, "AccessDenied")
        let short = await awsError { _ = try await self.assume(demoEmulator(), role: self.issuerRole, duration: 60) }
        XCTAssertEqual(short?.code.rawValue, "ValidationError")
    }

    func testRoleKeysExpire() async throws {
        let clock = Clock()
        let emulator = Emulator(state: DemoSeed.state(.demo), now: { clock.now })
        let credentials = try await assume(emulator, role: issuerRole, duration: 900, as: .issuer)
        clock.now = clock.now.addingTimeInterval(901)
        let client = demoClient(emulator, credentials: credentials, now: { clock.now })
        let error = await awsError { _ = try await client.listCertificateAuthorities() }
        XCTAssertEqual(error?.code.rawValue, "ExpiredTokenException")
    }

    func testRoleKeysAreNotWrittenToTheStateFile() async throws {
        let emulator = demoEmulator()
        _ = try await assume(emulator, role: issuerRole, as: .issuer)
        XCTAssertEqual(emulator.snapshot.users.map(\.name), ["ca-admin", "ca-issuer", "partner-issuer"])
    }
}

private final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date()
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
