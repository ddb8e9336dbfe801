import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// The planner and the gate over every combination of what is known of a CA, checked against a rule table
/// written here from the rules as the README states them, never from the planner's own answers.
final class WritePlannerTests: XCTestCase {
    static let caller = "111122223333"
    static let stranger = "444455556666"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    // MARK: The dimensions

    enum Owner: String, CaseIterable {
        case same, other, unknown

        var arn: String {
            let account = self == .other ? WritePlannerTests.stranger : WritePlannerTests.caller
            return "arn:aws:acm-pca:us-east-1:\(account):certificate-authority/11111111-2222-3333-4444-555555555555"
        }
    }

    enum Renewal: String, CaseIterable {
        case enabled, partial, disabled, unknown, notRead

        var state: ACMRenewalState? {
            switch self {
            case .enabled: return .enabled
            case .partial: return .partial(granted: [.issueCertificate, .getCertificate], missing: [.listPermissions])
            case .disabled: return .disabled
            case .unknown: return .unknown(reason: "AccessDeniedException: no ListPermissions")
            case .notRead: return nil
            }
        }
    }

    enum ReadOnlyCase: String, CaseIterable {
        case off, commandLine, profileConfig, toggledOn, profileLiftedWithW

        var mode: ReadOnlyMode {
            switch self {
            case .off: return ReadOnlyMode()
            case .commandLine: return ReadOnlyMode(commandLine: true)
            case .profileConfig: return ReadOnlyMode(profileConfig: true)
            case .toggledOn: return ReadOnlyMode(toggled: true)
            case .profileLiftedWithW: return ReadOnlyMode(profileConfig: true, toggled: false)
            }
        }

        /// The reason the user reads, as the README words it; nil when writes are on.
        var reason: String? {
            switch self {
            case .off, .profileLiftedWithW: return nil
            case .commandLine: return "read-only mode (--read-only on the command line)"
            case .profileConfig: return "read-only mode (read_only = true for this profile in the pca-tui config)"
            case .toggledOn: return "read-only mode (turned on with W)"
            }
        }
    }

    static func certificate(_ name: String, reason: String, expiresIn days: Double) -> ACMCertificate {
        ACMCertificate(certificateArn: "arn:aws:acm:us-east-1:\(caller):certificate/\(name)", domainName: "\(name).example.com",
                       status: "ISSUED", notAfter: now.addingTimeInterval(days * day),
                       renewalSummary: RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: reason))
    }

    static let first = certificate("first", reason: "PCA_ACCESS_DENIED", expiresIn: 30)
    static let second = certificate("second", reason: "PCA_INVALID_STATE", expiresIn: 10)
    static let expired = certificate("expired", reason: "PCA_ACCESS_DENIED", expiresIn: -1)
    static let short = certificate("short", reason: "PCA_INVALID_DURATION", expiresIn: 30)
    static let expiredNote = "expired.example.com: not retried, it has expired; ACM renews only before expiry"
    static let shortNote = "short.example.com: not retried, it failed with PCA_INVALID_DURATION: the CA's certificate ends before a renewal would"

    /// The intents, the retry split by what its CA's failed certificates are.
    enum IntentCase: String, CaseIterable {
        case enable, disable
        case retryNotRead, retryNoFailure, retryTwoRetryable, retryExpiredOnly, retryInvalidDurationOnly, retryMixed

        var intent: WriteIntent {
            switch self {
            case .enable: return .enableRenewal
            case .disable: return .disableRenewal
            default: return .retryRenewals
            }
        }

        var failedCertificates: [ACMCertificate]? {
            switch self {
            case .enable, .disable, .retryNotRead: return nil
            case .retryNoFailure: return []
            case .retryTwoRetryable: return [first, second]
            case .retryExpiredOnly: return [expired]
            case .retryInvalidDurationOnly: return [short]
            case .retryMixed: return [expired, first, short]
            }
        }
    }

    static let statuses: [CAStatus?] = [.active, .pendingCertificate, .disabled, .expired, .failed, .deleted, .creating, nil]

    // MARK: The rule table

    struct Expected: Equatable {
        var kind: PlannedChange.Kind
        var steps: [WriteStep] = []
        var notes: [String] = []
    }

    /// Permissions change on an ACTIVE or PENDING_CERTIFICATE CA; ACM renews only from an ACTIVE one; an
    /// unknown status lets AWS decide.
    static let grantableStatuses: Set<CAStatus?> = [.active, .pendingCertificate, nil]
    static let renewableStatuses: Set<CAStatus?> = [.active, nil]

    static let repairNote = "A repair deletes the partial grant before creating the full one: for that moment ACM holds "
        + "no grant; if the create fails, the partial grant is put back."
    static let pendingNote = "The CA is PENDING_CERTIFICATE: ACM can renew once the CA is ACTIVE."

    /// Enable by grant state: a partial grant is deleted then created in full; not read plans as nothing granted.
    static let enableRule: [Renewal: Expected] = [
        .enabled: Expected(kind: .nothing),
        .partial: Expected(kind: .repair, steps: [.deleteGrant, .createFullGrant], notes: [repairNote]),
        .disabled: Expected(kind: .grant, steps: [.createFullGrant]),
        .notRead: Expected(kind: .grant, steps: [.createFullGrant]),
        .unknown: Expected(kind: .unreadable("AccessDeniedException: no ListPermissions")),
    ]

    /// Disable by grant state: anything but "off" is revoked.
    static let disableRule: [Renewal: Expected] = [
        .enabled: Expected(kind: .revoke, steps: [.deleteGrant]),
        .partial: Expected(kind: .revoke, steps: [.deleteGrant]),
        .disabled: Expected(kind: .nothing),
        .notRead: Expected(kind: .revoke, steps: [.deleteGrant]),
        .unknown: Expected(kind: .unreadable("AccessDeniedException: no ListPermissions")),
    ]

    /// Retry by failed certificates: expired ones and PCA_INVALID_DURATION ones are left out with the reason.
    static let retryRule: [IntentCase: Expected] = [
        .retryNotRead: Expected(kind: .unreadable("the CA's ACM certificates were not read")),
        .retryNoFailure: Expected(kind: .nothing),
        .retryTwoRetryable: Expected(kind: .retry, steps: [.renew(certificateArn: first.certificateArn ?? ""),
                                                           .renew(certificateArn: second.certificateArn ?? "")]),
        .retryExpiredOnly: Expected(kind: .refused(.nothingRetryable(expiredNote)), notes: [expiredNote]),
        .retryInvalidDurationOnly: Expected(kind: .refused(.nothingRetryable(shortNote)), notes: [shortNote]),
        .retryMixed: Expected(kind: .retry, steps: [.renew(certificateArn: first.certificateArn ?? "")],
                              notes: [expiredNote, shortNote]),
    ]

    static func expected(status: CAStatus?, owner: Owner, readOnly: ReadOnlyCase, intent: IntentCase,
                         renewal: Renewal, unreadable: String?) -> Expected {
        if let reason = readOnly.reason { return Expected(kind: .refused(.readOnly(reason))) }
        if owner == .other { return Expected(kind: .refused(.otherAccount(owner: stranger))) }
        switch intent.intent {
        case .enableRenewal, .disableRenewal:
            if !grantableStatuses.contains(status), let status { return Expected(kind: .refused(.notGrantable(status))) }
        case .retryRenewals:
            if !renewableStatuses.contains(status), let status { return Expected(kind: .refused(.notRenewable(status))) }
        case .issueCertificate, .share, .unshare:
            XCTFail("issuance and sharing have their own planner tests")
        }
        if let unreadable { return Expected(kind: .unreadable(unreadable)) }
        switch intent {
        case .enable:
            var row = enableRule[renewal] ?? Expected(kind: .nothing)
            if status == .pendingCertificate, !row.steps.isEmpty { row.notes.insert(pendingNote, at: 0) }
            return row
        case .disable:
            return disableRule[renewal] ?? Expected(kind: .nothing)
        default:
            return retryRule[intent] ?? Expected(kind: .nothing)
        }
    }

    // MARK: The table

    func testEveryCombinationMatchesTheRuleTable() {
        let context = { (readOnly: ReadOnlyCase) in WriteGate.Context(readOnly: readOnly.mode, callerAccount: Self.caller) }
        var checked = 0
        var kindsSeen = Set<String>()
        for status in Self.statuses {
            for owner in Owner.allCases {
                for readOnly in ReadOnlyCase.allCases {
                    for intent in IntentCase.allCases {
                        // The grant state matters only to grants, the failed certificates only to retries.
                        let renewals = intent.intent == .retryRenewals ? [Renewal.notRead] : Renewal.allCases
                        for renewal in renewals {
                            for unreadable in [nil, "tags: AccessDeniedException"] as [String?] {
                                var target = WriteTarget(arn: owner.arn, name: "CA", status: status, renewal: renewal.state,
                                                         failedCertificates: intent.failedCertificates)
                                if owner == .unknown { target.ownerAccount = nil }
                                target.unreadableReason = unreadable
                                let change = WritePlanner.plan(target, intent: intent.intent, context: context(readOnly),
                                                               now: Self.now)
                                let want = Self.expected(status: status, owner: owner, readOnly: readOnly, intent: intent,
                                                         renewal: renewal, unreadable: unreadable)
                                let label = "status \(status?.rawValue ?? "nil"), owner \(owner), read-only \(readOnly), "
                                    + "\(intent), renewal \(renewal), unreadable \(unreadable ?? "no")"
                                XCTAssertEqual(change.kind, want.kind, label)
                                XCTAssertEqual(change.steps, want.steps, label)
                                XCTAssertEqual(change.notes, want.notes, label)
                                XCTAssertEqual(change.intent, intent.intent, label)
                                XCTAssertEqual(change.target.arn, owner.arn, label)
                                XCTAssertEqual(change.sendsRequests, !want.steps.isEmpty, label)
                                // The gate alone agrees with the refusal the plan carries.
                                let gate = WriteGate.refusal(intent.intent, ownerAccount: target.ownerAccount, status: status,
                                                             context: context(readOnly))
                                if case .refused(.nothingRetryable) = want.kind {
                                    XCTAssertNil(gate, label)
                                } else {
                                    XCTAssertEqual(gate, change.refusal, label)
                                }
                                kindsSeen.insert(change.kindWord)
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, Self.statuses.count * Owner.allCases.count * ReadOnlyCase.allCases.count * (2 * 5 + 6) * 2)
        XCTAssertEqual(kindsSeen, ["grant", "repair", "revoke", "retry", "nothing", "refused", "unreadable"],
                       "the table reaches every kind")
    }

    func testAnUnknownCallerLeavesOwnershipToAWS() {
        let target = WriteTarget(arn: Owner.other.arn, status: .active, renewal: .disabled)
        XCTAssertEqual(target.ownerAccount, Self.stranger, "the owner is read from the ARN")
        let known = WritePlanner.plan(target, intent: .enableRenewal,
                                      context: WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: Self.caller))
        XCTAssertEqual(known.kind, .refused(.otherAccount(owner: Self.stranger)))
        let unknown = WritePlanner.plan(target, intent: .enableRenewal,
                                        context: WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: nil))
        XCTAssertEqual(unknown.kind, .grant)
        XCTAssertEqual(unknown.steps, [.createFullGrant])
    }

    func testACertificateExpiringThisSecondIsExpired() {
        let edge = Self.certificate("edge", reason: "PCA_ACCESS_DENIED", expiresIn: 0)
        let target = WriteTarget(arn: Owner.same.arn, status: .active, failedCertificates: [edge])
        let change = WritePlanner.plan(target, intent: .retryRenewals,
                                       context: WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: Self.caller), now: Self.now)
        XCTAssertEqual(change.steps, [])
        XCTAssertEqual(change.notes, ["edge.example.com: not retried, it has expired; ACM renews only before expiry"])
    }

    // MARK: The same ARN twice

    func testTheSameARNTwiceIsPlannedOnce() {
        let context = WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: Self.caller)
        let other = "arn:aws:acm-pca:us-east-1:\(Self.caller):certificate-authority/99999999-2222-3333-4444-555555555555"
        let targets = [WriteTarget(arn: Owner.same.arn, name: "first listing", status: .active, renewal: .disabled),
                       WriteTarget(arn: other, name: "other", status: .active, renewal: .enabled),
                       WriteTarget(arn: Owner.same.arn, name: "second listing", status: .active, renewal: .enabled)]
        let plan = WritePlanner.plan(targets, intent: .enableRenewal, context: context)
        XCTAssertEqual(plan.map(\.target.arn), [Owner.same.arn, other], "once each, in the order given")
        XCTAssertEqual(plan.map(\.target.name), ["first listing", "other"], "the first listing wins")
        XCTAssertEqual(plan.map(\.kind), [.grant, .nothing])
        XCTAssertEqual(WriteSummary(plan: plan).toChange, 1)
    }

    // MARK: Words and AWS CLI commands

    static let region = "us-east-1"
    static let create = "aws acm-pca create-permission --certificate-authority-arn \(Owner.same.arn) --actions IssueCertificate "
        + "GetCertificate ListPermissions --principal acm.amazonaws.com --region us-east-1"
    static let delete = "aws acm-pca delete-permission --certificate-authority-arn \(Owner.same.arn) "
        + "--principal acm.amazonaws.com --region us-east-1"

    func testWordsAndCommandsOfEveryKind() {
        let target = WriteTarget(arn: Owner.same.arn, status: .active)
        let renew = "aws acm renew-certificate --certificate-arn \(Self.first.certificateArn ?? "") --region us-east-1"
        let renewSecond = "aws acm renew-certificate --certificate-arn \(Self.second.certificateArn ?? "") --region us-east-1"
        let cases: [(PlannedChange, String, [String])] = [
            (PlannedChange(target: target, intent: .enableRenewal, kind: .grant, steps: [.createFullGrant]),
             "grant", [Self.create]),
            (PlannedChange(target: target, intent: .enableRenewal, kind: .repair, steps: [.deleteGrant, .createFullGrant]),
             "repair (delete the partial grant, create the full one)", [Self.delete, Self.create]),
            (PlannedChange(target: target, intent: .disableRenewal, kind: .revoke, steps: [.deleteGrant]),
             "revoke", [Self.delete]),
            (PlannedChange(target: target, intent: .retryRenewals, kind: .retry,
                           steps: [.renew(certificateArn: Self.first.certificateArn ?? "")]),
             "retry 1 failed renewal", [renew]),
            (PlannedChange(target: target, intent: .retryRenewals, kind: .retry,
                           steps: [.renew(certificateArn: Self.first.certificateArn ?? ""),
                                   .renew(certificateArn: Self.second.certificateArn ?? "")]),
             "retry 2 failed renewals", [renew, renewSecond]),
            (PlannedChange(target: target, intent: .enableRenewal, kind: .nothing), "nothing: already enabled", []),
            (PlannedChange(target: target, intent: .disableRenewal, kind: .nothing), "nothing: already off", []),
            (PlannedChange(target: target, intent: .retryRenewals, kind: .nothing), "nothing: no failed renewal", []),
            (PlannedChange(target: target, intent: .enableRenewal, kind: .refused(.readOnly("read-only mode (turned on with W)"))),
             "refused: read-only", []),
            (PlannedChange(target: target, intent: .enableRenewal, kind: .refused(.otherAccount(owner: Self.stranger))),
             "refused: account 444455556666's CA (its resource policy decides)", []),
            (PlannedChange(target: target, intent: .disableRenewal, kind: .refused(.notGrantable(.disabled))),
             "refused: DISABLED, not ACTIVE", []),
            (PlannedChange(target: target, intent: .retryRenewals, kind: .refused(.notRenewable(.expired))),
             "refused: EXPIRED, not ACTIVE", []),
            (PlannedChange(target: target, intent: .retryRenewals, kind: .refused(.nothingRetryable(Self.shortNote))),
             "refused: no retryable failure", []),
            (PlannedChange(target: target, intent: .enableRenewal, kind: .unreadable("permissions: AccessDeniedException")),
             "unreadable: permissions: AccessDeniedException", []),
        ]
        for (change, words, commands) in cases {
            XCTAssertEqual(change.words, words)
            XCTAssertEqual(change.awsCLICommands(region: Self.region), commands, words)
            XCTAssertEqual(change.awsCLILine(region: Self.region), commands.isEmpty ? nil : commands.joined(separator: " && "), words)
        }
        XCTAssertEqual(PlannedChange.listCommand(arn: Owner.same.arn, region: Self.region),
                       "aws acm-pca list-permissions --certificate-authority-arn \(Owner.same.arn) --region us-east-1")
    }

    func testCommandsQuoteEveryWordThatAShellWouldRead() {
        // An ARN and a region as a hostile server or config could give them: pasted, they must stay one word each.
        let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/it's $(touch x) `id`"
        let certificate = "arn:aws:acm:us-east-1:111122223333:certificate/a b;rm -rf ~"
        let region = "us-east-1 && echo"
        let target = WriteTarget(arn: arn)
        let repair = PlannedChange(target: target, intent: .enableRenewal, kind: .repair, steps: [.deleteGrant, .createFullGrant])
        XCTAssertEqual(repair.awsCLICommands(region: region), [
            #"aws acm-pca delete-permission --certificate-authority-arn 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/it'\''s $(touch x) `id`' --principal acm.amazonaws.com --region 'us-east-1 && echo'"#,
            #"aws acm-pca create-permission --certificate-authority-arn 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/it'\''s $(touch x) `id`' --actions IssueCertificate GetCertificate ListPermissions --principal acm.amazonaws.com --region 'us-east-1 && echo'"#,
        ])
        let retry = PlannedChange(target: target, intent: .retryRenewals, kind: .retry, steps: [.renew(certificateArn: certificate)])
        XCTAssertEqual(retry.awsCLICommands(region: "eu-west-1"),
                       ["aws acm renew-certificate --certificate-arn 'arn:aws:acm:us-east-1:111122223333:certificate/a b;rm -rf ~' --region eu-west-1"])
        for command in repair.awsCLICommands(region: region) {
            XCTAssertTrue(ShellWords.split(command).contains(arn), "the ARN is one word again: \(command)")
            XCTAssertTrue(ShellWords.split(command).contains(region), command)
        }
    }
}
