import Foundation
import PCAClient

/// The one planner: targets and an intent in, one planned change per CA out. Pure, so both faces and the
/// table tests see the same decisions.
public enum WritePlanner {
    public static func plan(_ targets: [WriteTarget], intent: WriteIntent, context: WriteGate.Context,
                            now: Date = Date()) -> [PlannedChange] {
        var seen = Set<String>()
        return targets.compactMap { target in
            // The same ARN twice (a server may list it twice) is one CA, planned once.
            guard seen.insert(target.arn).inserted else { return nil }
            return plan(target, intent: intent, context: context, now: now)
        }
    }

    public static func plan(_ target: WriteTarget, intent: WriteIntent, context: WriteGate.Context,
                            now: Date = Date()) -> PlannedChange {
        if let refusal = WriteGate.refusal(intent, ownerAccount: target.ownerAccount, status: target.status, context: context) {
            return PlannedChange(target: target, intent: intent, kind: .refused(refusal))
        }
        if let reason = target.unreadableReason {
            return PlannedChange(target: target, intent: intent, kind: .unreadable(reason))
        }
        switch intent {
        case .enableRenewal, .disableRenewal:
            return planGrant(target, enable: intent == .enableRenewal)
        case .retryRenewals:
            return planRetry(target, now: now)
        case .issueCertificate:
            return planIssue(target, context: context, now: now)
        case .share, .unshare:
            return planSharing(target, intent: intent)
        }
    }

    private static func planGrant(_ target: WriteTarget, enable: Bool) -> PlannedChange {
        let intent: WriteIntent = enable ? .enableRenewal : .disableRenewal
        var notes: [String] = []
        if enable, target.status == .pendingCertificate {
            notes.append("The CA is PENDING_CERTIFICATE: ACM can renew once the CA is ACTIVE.")
        }
        if case let .unknown(reason)? = target.renewal {
            return PlannedChange(target: target, intent: intent, kind: .unreadable(reason))
        }
        // Not read yet plans as if nothing were granted; the pipeline reads the grant before it sends.
        switch (target.renewal, enable) {
        case (.enabled?, true), (.disabled?, false):
            return PlannedChange(target: target, intent: intent, kind: .nothing)
        case (.partial?, true):
            // AWS keeps one grant per principal and source account, so the full grant cannot be created beside
            // the partial one: it is deleted first, and put back if the create then fails.
            notes.append("A repair deletes the partial grant before creating the full one: for that moment ACM holds "
                         + "no grant; if the create fails, the partial grant is put back.")
            return PlannedChange(target: target, intent: intent, kind: .repair, steps: [.deleteGrant, .createFullGrant], notes: notes)
        case (_, true):
            return PlannedChange(target: target, intent: intent, kind: .grant, steps: [.createFullGrant], notes: notes)
        case (_, false):
            return PlannedChange(target: target, intent: intent, kind: .revoke, steps: [.deleteGrant])
        }
    }

    private static func planRetry(_ target: WriteTarget, now: Date) -> PlannedChange {
        guard let failed = target.failedCertificates else {
            return PlannedChange(target: target, intent: .retryRenewals, kind: .unreadable("the CA's ACM certificates were not read"))
        }
        var steps: [WriteStep] = []
        var notes: [String] = []
        for certificate in failed {
            let arn = certificate.certificateArn ?? ""
            if let blocker = FailedRenewal.retryBlocker(certificate, now: now) {
                notes.append("\(certificate.domainName ?? arn): not retried, \(blocker)")
            } else if !arn.isEmpty {
                steps.append(.renew(certificateArn: arn))
            }
        }
        let truncation = target.truncationWarning.map { ["\($0); retrying those read"] } ?? []
        if steps.isEmpty {
            let kind: PlannedChange.Kind = notes.isEmpty ? .nothing
                : .refused(.nothingRetryable(notes.joined(separator: "; ")))
            return PlannedChange(target: target, intent: .retryRenewals, kind: kind, notes: notes + truncation)
        }
        return PlannedChange(target: target, intent: .retryRenewals, kind: .retry, steps: steps, notes: notes + truncation)
    }
}
