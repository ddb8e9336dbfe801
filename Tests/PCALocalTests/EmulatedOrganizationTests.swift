import Foundation
import PCAClient
import PCALocal
import XCTest

/// The emulator playing an organization, through pca-tui's own clients: ListAccounts for the management
/// account only, paged; AssumeRole into a member's OrganizationAccountAccessRole, keys that reach that member
/// and no other; a standalone account answers AWSOrganizationsNotInUseException.
final class EmulatedOrganizationTests: XCTestCase {
    private let home = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: DemoSeed.region, isOverride: true)

    private func client(_ transport: HTTPTransport, _ credentials: CredentialProvider) -> PCAClient {
        PCAClient(endpoint: home, credentialProvider: credentials, transport: transport, stsEndpoint: home)
    }

    private func admin(_ organization: EmulatedOrganization) -> PCAClient {
        let user = DemoSeed.organizationAdmin
        return client(OrganizationTransport(organization: organization), StaticCredentialProvider(
            AWSCredentials(accessKeyID: user.accessKeyID, secretAccessKey: user.secretAccessKey)))
    }

    func testListAccountsPagesForTheManagementAccountWithState() async throws {
        let organizations = OrganizationsClient(sharing: admin(EmulatedOrganization()), endpoint: home)
        var pages = 0
        var accounts: [OrganizationAccount] = []
        for try await page in organizations.accountPages(pageSize: 3) {
            pages += 1
            accounts += page.accounts ?? []
        }
        XCTAssertEqual(pages, 2, "4 accounts, 3 a page")
        XCTAssertEqual(accounts.compactMap(\.id), DemoSeed.members.map(\.id))
        XCTAssertTrue(accounts.allSatisfy { $0.state == "ACTIVE" && $0.isActive })
    }

    func testAMemberIsDeniedListAccountsAndAStandaloneAccountIsInNoOrganization() async throws {
        let organization = EmulatedOrganization()
        let admin = admin(organization)
        let role = AssumeRoleCredentialProvider.roleARN(account: DemoSeed.workloadAccountA, roleName: DemoSeed.organizationAccessRole,
                                                        region: DemoSeed.region)
        let member = admin.with(credentialProvider: admin.assumeRoleProvider(roleARN: role, sessionName: "pca-tui"), endpoint: home)
        let denied = await awsError { _ = try await OrganizationsClient(sharing: member, endpoint: self.home).accounts() }
        XCTAssertEqual(denied?.code.rawValue, "AccessDeniedException")

        let standalone = demoClient(demoEmulator())
        let alone = await awsError { _ = try await OrganizationsClient(sharing: standalone, endpoint: self.home).accounts() }
        XCTAssertEqual(alone?.code.rawValue, "AWSOrganizationsNotInUseException")
    }

    func testTheAccessRoleReachesItsMemberOnly() async throws {
        let organization = EmulatedOrganization()
        let admin = admin(organization)
        let role = AssumeRoleCredentialProvider.roleARN(account: DemoSeed.workloadAccountB, roleName: DemoSeed.organizationAccessRole,
                                                        region: DemoSeed.region)
        let member = admin.with(credentialProvider: admin.assumeRoleProvider(roleARN: role, sessionName: "pca-tui"), endpoint: home)
        let identity = try await member.callerIdentity()
        XCTAssertEqual(identity.account, DemoSeed.workloadAccountB)
        XCTAssertEqual(identity.arn, "arn:aws:sts::\(DemoSeed.workloadAccountB):assumed-role/OrganizationAccountAccessRole/pca-tui")
        let authorities = try await member.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        XCTAssertEqual(authorities.count, 2)
        XCTAssertTrue(authorities.allSatisfy { $0.ownerAccount == DemoSeed.workloadAccountB })
        let own = try await admin.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        XCTAssertTrue(own.allSatisfy { $0.ownerAccount == DemoSeed.managementAccount }, "the caller's own keys stay in its account")

        // The member's keys are not the management account's, and cannot assume roles onwards.
        let onwards = member.with(credentialProvider: member.assumeRoleProvider(
            roleARN: AssumeRoleCredentialProvider.roleARN(account: DemoSeed.workloadAccountA, roleName: DemoSeed.organizationAccessRole,
                                                          region: DemoSeed.region), sessionName: "hop"), endpoint: home)
        let hop = await awsError { _ = try await onwards.callerIdentity() }
        XCTAssertEqual(hop?.code.rawValue, "AccessDenied")
    }

    func testAMemberWithoutTheRoleIsDenied() async throws {
        let organization = EmulatedOrganization()
        organization.setAccessRole(false, account: DemoSeed.workloadAccountA)
        let admin = admin(organization)
        let role = AssumeRoleCredentialProvider.roleARN(account: DemoSeed.workloadAccountA, roleName: DemoSeed.organizationAccessRole,
                                                        region: DemoSeed.region)
        let member = admin.with(credentialProvider: admin.assumeRoleProvider(roleARN: role, sessionName: "pca-tui"), endpoint: home)
        let error = await awsError { _ = try await member.listCertificateAuthorities() }
        XCTAssertEqual(error?.code.rawValue, "AccessDenied")
        XCTAssertTrue(error?.message.contains("is not authorized to perform: sts:AssumeRole on resource: \(role)") ?? false,
                      error?.message ?? "")
    }
}
