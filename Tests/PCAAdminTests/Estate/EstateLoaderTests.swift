import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The estate loader over the emulated organization: every target's records carry their account and region,
/// a failing target is a result with its reason that hides nothing else, a retry loads it again once fixed,
/// progress arrives per target, and the filter's `account:` and `region:` fields match the stamped records.
final class EstateLoaderTests: XCTestCase {
    private let home = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: DemoSeed.region, isOverride: true)

    private func estate(_ organization: EmulatedOrganization) -> Estate {
        let user = DemoSeed.organizationAdmin
        let admin = PCAClient(endpoint: home, credentialProvider: StaticCredentialProvider(
                                  AWSCredentials(accessKeyID: user.accessKeyID, secretAccessKey: user.secretAccessKey)),
                              transport: OrganizationTransport(organization: organization), stsEndpoint: home)
        let targets = DemoSeed.members.map { member -> EstateTarget in
            let own = member.id == DemoSeed.managementAccount
            let role = own ? nil : AssumeRoleCredentialProvider.roleARN(account: member.id, roleName: DemoSeed.organizationAccessRole,
                                                                        region: DemoSeed.region)
            let pca = admin.with(credentialProvider: role.map { admin.assumeRoleProvider(roleARN: $0, sessionName: "test") }
                                     ?? admin.credentialProvider, endpoint: home)
            return EstateTarget(account: member.id, label: member.name, region: DemoSeed.region, role: role, access: .connection(
                AccountConnection(pca: pca, acm: ACMClient(sharing: pca, endpoint: home), region: DemoSeed.region, profileLabel: member.name)))
        }
        return Estate(targets: targets + [EstateTarget(account: nil, label: "broken-profile", region: "eu-west-1",
                                                       access: .unavailable(reason: "the profile has no credentials"))])
    }

    private final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String] = []
        func add(_ id: String) { lock.withLock { ids.append(id) } }
        var all: [String] { lock.withLock { ids } }
    }

    func testOneFailingTargetHidesNothingAndARetryLoadsItOnceFixed() async throws {
        let organization = EmulatedOrganization()
        organization.setAccessRole(false, account: DemoSeed.workloadAccountA)
        let loader = EstateLoader(estate: estate(organization), targetConcurrency: 2, concurrency: 4)
        let finished = Seen()
        let results = await loader.load([.permissions]) { progress in
            if case let .finished(result) = progress { finished.add(result.target.id) }
        }
        XCTAssertEqual(results.map(\.target.id), loader.estate.targets.map(\.id), "results in the estate's order")
        XCTAssertEqual(Set(finished.all), Set(loader.estate.targets.map(\.id)), "one finished event per target")
        let failed = results.filter { $0.failureReason != nil }
        XCTAssertEqual(failed.map(\.target.label), ["Payments Workload", "broken-profile"])
        XCTAssertTrue(failed[0].failureReason?.hasPrefix("AccessDenied: ") ?? false, failed[0].failureReason ?? "")
        XCTAssertEqual(failed[1].failureReason, "the profile has no credentials")
        let records = results.compactMap(\.inventory).flatMap(\.records)
        XCTAssertEqual(Set(records.compactMap(\.account)),
                       [DemoSeed.managementAccount, DemoSeed.account, DemoSeed.workloadAccountB])
        XCTAssertTrue(records.allSatisfy { $0.region == DemoSeed.region && $0.accountLabel != nil })

        organization.setAccessRole(true, account: DemoSeed.workloadAccountA)
        let retried = await loader.retry(targetID: failed[0].target.id, [.permissions])
        XCTAssertNil(retried?.failureReason)
        XCTAssertEqual(retried?.inventory?.records.count, 3)
        XCTAssertTrue(retried?.inventory?.records.allSatisfy { $0.account == DemoSeed.workloadAccountA } ?? false)

        let now = Date()
        let payments = FilterExpression("account:payments region:us-east")
        XCTAssertEqual(retried?.inventory?.records.filter { payments.matches($0, account: DemoSeed.workloadAccountA, now: now) }.count, 3)
        let byID = FilterExpression("account:\(DemoSeed.workloadAccountB)")
        XCTAssertEqual(records.filter { byID.matches($0, account: $0.account, now: now) }.count, 2)
        XCTAssertTrue(records.filter { FilterExpression("region:eu").matches($0, account: $0.account, now: now) }.isEmpty)
    }
}
