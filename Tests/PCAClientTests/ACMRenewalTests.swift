import Foundation
import PCAAdmin
@testable import PCAClient
import XCTest

/// A scripted ACM-PCA with one CA, enough to drive the renewal operations.
final class FakePermissionService: @unchecked Sendable {
    private let lock = NSLock()
    var actions: [String]?
    var failCreate: String?
    var failCreateOnce = false
    var failList: String?
    /// CreatePermission calls (1-based) that fail, with the error code they answer.
    var createFailures: [Int: String] = [:]
    var calls: [String] = []

    init(actions: [String]?) { self.actions = actions }

    lazy var transport = RecordingTransport { [unowned self] request, _ in self.answer(request) }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        lock.withLock {
            let operation = (request.header("X-Amz-Target") ?? "").replacingOccurrences(of: "ACMPrivateCA.", with: "")
            if operation.hasSuffix("Permission") || operation.hasSuffix("Permissions") { calls.append(operation) }
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any] ?? [:]
            switch operation {
            case "ListPermissions":
                if let failList { return awsError(failList) }
                guard let actions else { return json(200, #"{"Permissions":[]}"#) }
                let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
                return json(200, #"{"Permissions":[{"Principal":"acm.amazonaws.com","SourceAccount":"111122223333","Actions":[\#(list)]}]}"#)
            case "CreatePermission":
                if let failure = createFailures[calls.filter { $0 == "CreatePermission" }.count] {
                    return awsError(failure, "refused")
                }
                if let failCreate {
                    if failCreateOnce { self.failCreate = nil }
                    return awsError(failCreate, "denied")
                }
                if actions != nil { return awsError("PermissionAlreadyExistsException") }
                actions = body["Actions"] as? [String]
                return HTTPResponse(statusCode: 200)
            case "DeletePermission":
                if actions == nil { return awsError("ResourceNotFoundException") }
                actions = nil
                return HTTPResponse(statusCode: 200)
            default:
                return awsError("UnknownOperationException")
            }
        }
    }
}

final class ACMRenewalTests: XCTestCase {
    func testStateFromPermissions() {
        XCTAssertEqual(ACMRenewalState(permissions: []), .disabled)
        XCTAssertEqual(ACMRenewalState(permissions: [Permission(principal: "acm.amazonaws.com",
                                                                actions: [.listPermissions, .getCertificate, .issueCertificate])]),
                       .enabled)
        XCTAssertEqual(ACMRenewalState(permissions: [Permission(principal: "acm.amazonaws.com", actions: [.getCertificate])]),
                       .partial(granted: [.getCertificate], missing: [.issueCertificate, .listPermissions]))
        XCTAssertEqual(ACMRenewalState(permissions: [Permission(principal: "other.amazonaws.com",
                                                                actions: PermissionAction.acmRenewalActions)]),
                       .disabled, "only acm.amazonaws.com counts")
        XCTAssertEqual(ACMRenewalState.partial(granted: [], missing: [.issueCertificate]).description,
                       "ACM cannot renew: the grant to acm.amazonaws.com lacks IssueCertificate")
        XCTAssertEqual(ACMRenewalState.enabled.description, "ACM can renew certificates from this CA")
    }

    func testEnableFromNothingCreatesTheFullGrant() async throws {
        let service = FakePermissionService(actions: nil)
        let change = try await makeClient(service.transport).enableACMRenewal(arn: caARN)
        XCTAssertEqual(change.action, .created)
        XCTAssertEqual(change.before, .disabled)
        XCTAssertEqual(change.after, .enabled)
        XCTAssertEqual(service.calls, ["ListPermissions", "CreatePermission", "ListPermissions"])
        XCTAssertEqual(service.actions, ["IssueCertificate", "GetCertificate", "ListPermissions"])
    }

    func testEnableIsIdempotent() async throws {
        let service = FakePermissionService(actions: ["IssueCertificate", "GetCertificate", "ListPermissions"])
        let change = try await makeClient(service.transport).enableACMRenewal(arn: caARN)
        XCTAssertEqual(change.action, .unchanged)
        XCTAssertEqual(service.calls, ["ListPermissions"])
    }

    func testEnableRepairsAPartialGrant() async throws {
        let service = FakePermissionService(actions: ["GetCertificate"])
        let change = try await makeClient(service.transport).enableACMRenewal(arn: caARN)
        XCTAssertEqual(change.action, .replaced)
        XCTAssertEqual(service.calls, ["ListPermissions", "CreatePermission", "DeletePermission", "CreatePermission",
                                       "ListPermissions"], "the first create probes that the caller may create")
        XCTAssertEqual(change.after, .enabled)
    }

    func testRepairDeniedByIAMDeletesNothing() async throws {
        let service = FakePermissionService(actions: ["GetCertificate"])
        service.failCreate = "AccessDeniedException"
        do {
            _ = try await makeClient(service.transport).enableACMRenewal(arn: caARN)
            XCTFail("expected AccessDenied")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, .accessDenied)
        }
        XCTAssertEqual(service.calls, ["ListPermissions", "CreatePermission"], "no DeletePermission was sent")
        XCTAssertEqual(service.actions, ["GetCertificate"])
    }

    func testFailedRepairPutsThePartialGrantBack() async throws {
        let service = FakePermissionService(actions: ["GetCertificate"])
        service.createFailures = [2: "InternalFailure"]
        do {
            _ = try await makeClient(service.transport, policy: RetryPolicy(mode: .standard, maxAttempts: 1))
                .enableACMRenewal(arn: caARN)
            XCTFail("expected a failure")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, .internalFailure)
        }
        XCTAssertEqual(service.calls, ["ListPermissions", "CreatePermission", "DeletePermission", "CreatePermission",
                                       "CreatePermission"])
        XCTAssertEqual(service.actions, ["GetCertificate"], "nothing is half-changed")
    }

    func testFailedRollbackSaysWhatTheCAHoldsAndHowToRestoreIt() async throws {
        let service = FakePermissionService(actions: ["GetCertificate"])
        service.createFailures = [2: "InternalFailure", 3: "InternalFailure"]
        do {
            _ = try await makeClient(service.transport, policy: RetryPolicy(mode: .standard, maxAttempts: 1))
                .enableACMRenewal(arn: caARN)
            XCTFail("expected a half-change error")
        } catch let error as ACMRenewalHalfChangeError {
            XCTAssertEqual(error.before, .partial(granted: [.getCertificate], missing: [.issueCertificate, .listPermissions]))
            XCTAssertEqual(error.now, .disabled)
            XCTAssertEqual(error.lostActions, [.getCertificate])
            XCTAssertEqual(error.restoreCommands[0], "aws acm-pca create-permission --certificate-authority-arn \(caARN) "
                           + "--actions GetCertificate --principal acm.amazonaws.com --region us-east-1")
            XCTAssertTrue(error.description.contains("The CA now holds: off"), error.description)
        }
        XCTAssertNil(service.actions, "the fake really lost the grant; the error said so")
    }

    func testAccessDeniedOnCreateChangesNothing() async throws {
        let service = FakePermissionService(actions: nil)
        service.failCreate = "AccessDeniedException"
        do {
            _ = try await makeClient(service.transport).enableACMRenewal(arn: caARN)
            XCTFail("expected AccessDenied")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, .accessDenied)
        }
        XCTAssertNil(service.actions)
    }

    func testDisableDeletesAndIsIdempotent() async throws {
        let service = FakePermissionService(actions: ["IssueCertificate", "GetCertificate", "ListPermissions"])
        let client = makeClient(service.transport)
        let change = try await client.disableACMRenewal(arn: caARN)
        XCTAssertEqual(change.action, .deleted)
        XCTAssertEqual(change.after, .disabled)
        let again = try await client.disableACMRenewal(arn: caARN)
        XCTAssertEqual(again.action, .unchanged)
    }

    func testUnreadableStateIsUnknownWithReason() async {
        let service = FakePermissionService(actions: nil)
        service.failList = "AccessDeniedException"
        let state = await makeClient(service.transport).acmRenewalState(arn: caARN)
        guard case let .unknown(reason) = state else { return XCTFail("\(state)") }
        XCTAssertTrue(reason.contains("AccessDeniedException"))
    }

    func testReadinessVerdicts() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var authority = CertificateAuthority(arn: caARN, ownerAccount: "111122223333", status: .active,
                                             notAfter: now.addingTimeInterval(365 * 86_400))
        XCTAssertEqual(RenewalReadiness(authority: authority, renewal: .enabled, callerAccount: "111122223333", now: now), .ready)
        XCTAssertEqual(RenewalReadiness(authority: authority, renewal: .disabled, callerAccount: "111122223333", now: now), .off)
        XCTAssertEqual(RenewalReadiness(authority: authority, renewal: .partial(granted: [.getCertificate], missing: [.issueCertificate]),
                                        callerAccount: nil, now: now).word, "PARTIAL")
        XCTAssertEqual(RenewalReadiness(authority: authority, renewal: .enabled, callerAccount: "999999999999", now: now).word, "N/A")
        authority.notAfter = now.addingTimeInterval(10 * 86_400)
        let expiring = RenewalReadiness(authority: authority, renewal: .enabled, callerAccount: nil, now: now)
        XCTAssertEqual(expiring.word, "BLOCKED")
        XCTAssertTrue(expiring.description.contains("expires in 10 days"), expiring.description)
        authority.notAfter = now.addingTimeInterval(-1)
        XCTAssertTrue(RenewalReadiness(authority: authority, renewal: .enabled, callerAccount: nil, now: now).description.contains("expired"))
        authority.status = .disabled
        XCTAssertTrue(RenewalReadiness(authority: authority, renewal: .enabled, callerAccount: nil, now: now).description.contains("DISABLED"))
    }

    /// The renewal failure reason ACM would record for each verdict (what-admins-expect: PCA_ACCESS_DENIED,
    /// PCA_INVALID_STATE, PCA_INVALID_DURATION).
    func testReadinessNamesTheFailureACMWouldReport() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var authority = CertificateAuthority(arn: caARN, ownerAccount: "111122223333", status: .active,
                                             notAfter: now.addingTimeInterval(365 * 86_400))
        func reason(_ renewal: ACMRenewalState, caller: String? = "111122223333") -> String? {
            RenewalReadiness(authority: authority, renewal: renewal, callerAccount: caller, now: now).acmFailureReason
        }
        XCTAssertNil(reason(.enabled))
        XCTAssertEqual(reason(.disabled), "PCA_ACCESS_DENIED")
        XCTAssertEqual(reason(.partial(granted: [.getCertificate], missing: [.issueCertificate, .listPermissions])), "PCA_ACCESS_DENIED")
        XCTAssertNil(reason(.disabled, caller: "999999999999"), "another account's CA: its resource policy decides")
        XCTAssertNil(reason(.unknown(reason: "AccessDeniedException")))
        authority.notAfter = now.addingTimeInterval(10 * 86_400)
        XCTAssertEqual(reason(.enabled), "PCA_INVALID_DURATION")
        authority.notAfter = now.addingTimeInterval(-1)
        XCTAssertEqual(reason(.enabled), "PCA_INVALID_STATE")
        authority.status = .disabled
        XCTAssertEqual(reason(.enabled), "PCA_INVALID_STATE")
    }

    func testInventoryUsesBoundedConcurrencyAndSurvivesFailures() async throws {
        final class Gauge: @unchecked Sendable {
            let lock = NSLock()
            var current = 0
            var peak = 0
            func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
            func leave() { lock.withLock { current -= 1 } }
        }
        let gauge = Gauge()
        let count = 40
        let transport = RecordingTransport { request, _ in
            let operation = (request.header("X-Amz-Target") ?? "")
            if operation.hasSuffix("ListCertificateAuthorities") {
                let items = (0..<count).map { #"{"Arn":"arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/ca-\#($0)","Status":"ACTIVE"}"# }
                return json(200, #"{"CertificateAuthorities":[\#(items.joined(separator: ","))]}"#)
            }
            // The caller-identity lookup beside the listing is not a per-CA call.
            guard operation.hasSuffix("ListPermissions") else { return json(200, "{}") }
            gauge.enter()
            defer { gauge.leave() }
            try await Task.sleep(nanoseconds: 5_000_000)
            let arn = String(decoding: request.body, as: UTF8.self)
            if arn.contains("ca-7\"") { return awsError("AccessDeniedException", "no") }
            return json(200, #"{"Permissions":[{"Principal":"acm.amazonaws.com","Actions":["IssueCertificate","GetCertificate","ListPermissions"]}]}"#)
        }
        let progress = Collector<Int>()
        let entries = try await makeClient(transport).loadInventory(concurrency: 4, onProgress: { _, done, total in
            XCTAssertEqual(total, count)
            progress.append(done)
        })
        XCTAssertEqual(entries.count, count)
        XCTAssertLessThanOrEqual(gauge.peak, 4)
        XCTAssertGreaterThan(gauge.peak, 1, "calls overlap")
        XCTAssertEqual(progress.values.sorted(), Array(1...count))
        XCTAssertEqual(entries.filter { $0.renewal == .enabled }.count, count - 1)
        guard case .unknown = entries[7].renewal else { return XCTFail("ca-7 should be unknown") }
    }
}

final class InventoryPipeliningTests: XCTestCase {
    func testPermissionCallsStartBeforeTheLastPageAndProgressFollowsTheListing() async throws {
        let events = Collector<String>()
        let transport = RecordingTransport { request, _ in
            let operation = (request.header("X-Amz-Target") ?? "")
            if operation.hasSuffix("ListCertificateAuthorities") {
                let body = String(decoding: request.body, as: UTF8.self)
                let page = body.contains("NextToken") ? 1 : 0
                events.append("page \(page)")
                try await Task.sleep(nanoseconds: 30_000_000)
                let items = (0..<3).map { #"{"Arn":"arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/p\#(page)-\#($0)","Status":"ACTIVE"}"# }
                return json(200, #"{"CertificateAuthorities":[\#(items.joined(separator: ","))]\#(page == 0 ? #","NextToken":"t""# : "")}"#)
            }
            events.append("permissions")
            return json(200, #"{"Permissions":[]}"#)
        }
        let entries = try await makeClient(transport).loadInventory(
            concurrency: 4,
            onPage: { events.append("page of \($0.count)") },
            onListed: { events.append("listed \($0.count)") },
            onProgress: { _, done, total in events.append("progress \(done)/\(total)") })
        XCTAssertEqual(entries.count, 6)
        let log = events.values
        let secondPage = try XCTUnwrap(log.firstIndex(of: "page 1"))
        XCTAssertTrue(log[..<secondPage].contains("permissions") || log.firstIndex(of: "permissions")! < log.firstIndex(of: "listed 6")!,
                      "permission calls run while pages are still being fetched: \(log)")
        let listedAt = try XCTUnwrap(log.firstIndex(of: "listed 6"))
        XCTAssertFalse(log[..<listedAt].contains { $0.hasPrefix("progress") }, "progress only after the listing: \(log)")
        XCTAssertEqual(log.filter { $0.hasPrefix("progress") }, (1...6).map { "progress \($0)/6" })
        XCTAssertEqual(log.filter { $0.hasPrefix("page of") }, ["page of 3", "page of 6"])
    }
}

/// The grant changes and the inventory as these tests drive them, through the domain: the one write pipeline
/// and the one inventory loader.
extension PCAClient {
    private var connection: AccountConnection {
        AccountConnection(pca: self, acm: ACMClient(sharing: self, endpoint: endpoint), region: endpoint.signingRegion,
                          profileLabel: "test")
    }

    func enableACMRenewal(arn: String) async throws -> ACMRenewalChange { try await change(arn, .enableRenewal) }
    func disableACMRenewal(arn: String) async throws -> ACMRenewalChange { try await change(arn, .disableRenewal) }
    func acmRenewalState(arn: String) async -> ACMRenewalState { await ACMRenewalState.read(arn: arn, client: self) }

    private func change(_ arn: String, _ intent: WriteIntent) async throws -> ACMRenewalChange {
        let pipeline = WritePipeline(connection: connection, readOnly: ReadOnlyMode(),
                                     journal: Journal(path: NSTemporaryDirectory() + "pca-\(UUID().uuidString)/audit.log"),
                                     calls: CallRecorder(), identity: CallerIdentity(account: "111122223333", arn: "arn:aws:iam::111122223333:user/t", userID: "t"),
                                     interlock: WriteInterlock())
        // Planned without a read: the pipeline reads the grant once, just before it sends.
        let result = await pipeline.apply(await pipeline.plan([WriteTarget(arn: arn)], intent: intent))[0]
        switch result.status {
        case let .failed(error, _): throw error
        default:
            guard let change = result.renewalChange else { throw ClientError.malformedResponse(operation: "test", statusCode: 0, detail: result.summary) }
            return change
        }
    }

    func loadInventory(concurrency: Int, onPage: @escaping @Sendable ([CertificateAuthority]) -> Void = { _ in },
                       onListed: @escaping @Sendable ([CertificateAuthority]) -> Void = { _ in },
                       onProgress: @escaping @Sendable (CARecord, Int, Int) -> Void = { _, _, _ in }) async throws -> [CARecord] {
        let listed = Collector<[CertificateAuthority]>()
        let announced = Collector<Bool>()
        return try await InventoryLoader(connection: connection, concurrency: concurrency).load([.permissions]) { progress in
            switch progress {
            case let .listed(authorities):
                listed.append(authorities)
                onPage(authorities)
            case let .renewal(arn, state, done, total):
                if announced.values.isEmpty {
                    announced.append(true)
                    onListed(listed.values.last ?? [])
                }
                onProgress(CARecord(authority: CertificateAuthority(arn: arn), renewal: state), done, total)
            default:
                break
            }
        }.records
    }
}
