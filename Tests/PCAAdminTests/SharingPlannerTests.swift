import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The planner, the gate and the pipeline for share and unshare.
final class SharingPlannerTests: XCTestCase {
    let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
    let grant = SharingGrant(principal: .account(DemoSeed.partnerAccount), issue: true)
    let context = WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: DemoSeed.account)

    func target(status: CAStatus = .active, owner: String = DemoSeed.account, policy: AttachedPolicy? = AttachedPolicy.none) -> WriteTarget {
        var target = WriteTarget(arn: arn, ownerAccount: owner, status: status)
        target.sharing = grant
        target.policy = policy
        return target
    }

    /// `--account` and `--organization` are checked whole: a final line break is no organization id.
    func testPrincipalsAreCheckedWhole() {
        XCTAssertEqual(try? SharingPrincipal.parse(account: nil, organization: "o-exampleorg1").get(), .organization("o-exampleorg1"))
        XCTAssertNil(try? SharingPrincipal.parse(account: nil, organization: "o-exampleorg1\n").get())
        XCTAssertNil(try? SharingPrincipal.parse(account: "555566667777\n", organization: nil).get())
    }

    func testThePlanIsNothingPutDeleteRefusedOrUnreadable() {
        let put = WritePlanner.plan(target(), intent: .share, context: context)
        XCTAssertEqual(put.kind, .putPolicy)
        XCTAssertEqual(put.words, "share with account 555566667777 (read and issue; put the policy)")
        XCTAssertEqual(put.awsCLICommands(region: "us-east-1"),
                       ["aws acm-pca put-policy --resource-arn \(arn) --policy file://policy.json --region us-east-1"])
        let shared = AttachedPolicy.text(ResourcePolicy.text(statements: grant.statements(caArn: arn)))
        XCTAssertEqual(WritePlanner.plan(target(policy: shared), intent: .share, context: context).kind, .nothing)
        let delete = WritePlanner.plan(target(policy: shared), intent: .unshare, context: context)
        XCTAssertEqual(delete.kind, .deletePolicy)
        XCTAssertEqual(delete.steps, [.deletePolicy])
        XCTAssertEqual(WritePlanner.plan(target(), intent: .unshare, context: context).words, "nothing: not shared with it")
        XCTAssertEqual(WritePlanner.plan(target(policy: nil), intent: .share, context: context).kind,
                       .unreadable("the resource policy was not read"))
        XCTAssertEqual(WritePlanner.plan(target(policy: .text("{")), intent: .share, context: context).kind,
                       .unreadable("the resource policy: the policy is not a JSON object"))
    }

    func testTheGateRefusesReadOnlyAnotherAccountsCAAndStatesWhosePolicyCannotChange() {
        for intent in [WriteIntent.share, .unshare] {
            let readOnly = WriteGate.Context(readOnly: ReadOnlyMode(commandLine: true), callerAccount: DemoSeed.account)
            let refusal = WritePlanner.plan(target(), intent: intent, context: readOnly).refusal
            XCTAssertEqual(refusal.map { if case .readOnly = $0 { return true } else { return false } }, true, "\(intent) read-only")
            XCTAssertEqual(WritePlanner.plan(target(owner: DemoSeed.sharingAccount), intent: intent, context: context).refusal,
                           .otherAccount(owner: DemoSeed.sharingAccount))
            for status in CAStatus.allKnown {
                let refusal = WritePlanner.plan(target(status: status), intent: intent, context: context).refusal
                if [.active, .disabled, .pendingCertificate].contains(status) {
                    XCTAssertNil(refusal, "\(intent) \(status)")
                } else {
                    XCTAssertEqual(refusal, .policyNotChangeable(status), "\(intent) \(status)")
                }
            }
        }
    }

    func testThePipelineJournalsAppliesAndVerifiesWithGetPolicy() async throws {
        let emulator = Emulator(state: DemoSeed.state(.demo))
        let client = PCAClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "local-admin-secret")),
                               transport: InProcessTransport(emulator: emulator),
                               retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), timeout: 10,
                               stsEndpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                               sleep: { _ in })
        let journal = Journal(path: NSTemporaryDirectory() + "pca-journal-\(UUID().uuidString)/audit.log")
        let pipeline = WritePipeline(connection: AccountConnection(pca: client, acm: ACMClient(sharing: client, endpoint: client.endpoint),
                                                                   region: "us-east-1", profileLabel: "test"),
                                     readOnly: ReadOnlyMode(), journal: journal, calls: CallRecorder(), interlock: WriteInterlock())
        var targets = await WriteTargets.read([arn], intent: .share, connection: pipeline.connection)
        targets[0].sharing = grant
        let results = await pipeline.apply(await pipeline.plan(targets, intent: .share))
        guard case .done = results[0].status else { return XCTFail("\(results[0].status)") }
        XCTAssertEqual(results[0].policyChange?.after, .text(ResourcePolicy.text(statements: grant.statements(caArn: arn))))
        XCTAssertEqual(emulator.snapshot.authorities.first { $0.arn == arn }?.policy, results[0].change.policyToPut)
        let lines = journal.entries()
        XCTAssertEqual(lines.map(\.phase), [.intent, .outcome])
        XCTAssertEqual(lines.map(\.action), ["share-ca", "share-ca"])
        XCTAssertEqual(lines[0].before, "no policy")
        XCTAssertTrue(lines[0].after?.contains("Share555566667777Issue") ?? false, "the intent holds the policy to put")
        XCTAssertEqual(lines[1].verified, true)

        var unshare = await WriteTargets.read([arn], intent: .unshare, connection: pipeline.connection)
        unshare[0].sharing = grant
        let removed = await pipeline.apply(await pipeline.plan(unshare, intent: .unshare))
        XCTAssertEqual(removed[0].change.kind, .deletePolicy)
        guard case .done = removed[0].status else { return XCTFail("\(removed[0].status)") }
        XCTAssertNil(emulator.snapshot.authorities.first { $0.arn == arn }?.policy)
    }
}
