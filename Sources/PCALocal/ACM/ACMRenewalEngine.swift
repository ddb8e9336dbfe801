import Foundation
import PCAClient

/// ACM's managed renewal of private certificates, as the emulator plays it: from 60 days before expiry an
/// eligible certificate gets a renewal attempt against its CA as `acm.amazonaws.com`, once a day until it
/// succeeds. The attempt succeeds only when the CA grants acm.amazonaws.com all three actions, is ACTIVE, and
/// outlives the renewed certificate; otherwise RenewalSummary records FAILED with ACM's reason.
enum ACMRenewalEngine {
    static let renewalWindow: TimeInterval = 60 * 86_400
    static let retryInterval: TimeInterval = 86_400

    /// Replays ACM's daily work from the last evaluation (`EmulatorState.acmEvaluatedAt`) up to `now`: each
    /// attempt that fell due in between runs at the time it was due, so a clock jump renews, fails and expires
    /// certificates in the order ACM would have, rather than only expiring them. Returns true when a
    /// certificate changed.
    @discardableResult
    static func advance(_ state: inout EmulatorState, now: Date) -> Bool {
        let since = state.acmEvaluatedAt
        if let since, now <= since { return false }
        var changed = false
        // Every request replays every certificate: find the few with something due without copying any of them.
        let due = state.acmCertificates?.withUnsafeBufferPointer { certificates in
            certificates.indices.filter { hasWorkDue(certificates[$0], since: since, now: now) }
        } ?? []
        for index in due where replay(&state, index: index, since: since, now: now) {
            changed = true
        }
        state.acmEvaluatedAt = now
        return changed
    }

    /// The attempts of one certificate between `since` and `now`, then its expiry.
    private static func replay(_ state: inout EmulatorState, index: Int, since: Date?, now: Date) -> Bool {
        var changed = false
        while let certificate = state.acmCertificates?[index], certificate.status == "ISSUED",
              let notAfter = certificate.notAfter {
            if let due = nextAttempt(certificate, notAfter: notAfter, since: since), due < notAfter, due <= now {
                attempt(&state, index: index, now: due)
                changed = true
                if state.acmCertificates?[index].renewalSummary?.renewalStatus == "FAILED" {
                    // The CA answers each daily retry as it answered this one (a grant, a status or a lifetime
                    // that stays short): only the last retry before now or the expiry is recorded.
                    let end = min(now, notAfter)
                    let retries = ((end.timeIntervalSince(due) - 1) / retryInterval).rounded(.down)
                    if retries >= 1 { attempt(&state, index: index, now: due.addingTimeInterval(retries * retryInterval)) }
                }
                continue
            }
            if notAfter <= now {
                state.acmCertificates?[index].status = "EXPIRED"
                changed = true
            }
            break
        }
        return changed
    }

    /// Whether `replay` would change the certificate: an attempt or its expiry is due by `now` (its first step).
    private static func hasWorkDue(_ certificate: ACMStoredCertificate, since: Date?, now: Date) -> Bool {
        guard certificate.status == "ISSUED", let notAfter = certificate.notAfter else { return false }
        if notAfter <= now { return true }
        guard let due = nextAttempt(certificate, notAfter: notAfter, since: since) else { return false }
        return due < notAfter && due <= now
    }

    /// When the next automatic attempt falls due: from 60 days before expiry for an eligible certificate, not
    /// before the last evaluation (earlier ones already ran), and a day after the last attempt.
    private static func nextAttempt(_ certificate: ACMStoredCertificate, notAfter: Date, since: Date?) -> Date? {
        guard certificate.isEligible else { return nil }
        var due = notAfter.addingTimeInterval(-renewalWindow)
        if let since { due = max(due, since) }
        if let updated = certificate.renewalSummary?.updatedAt {
            due = max(due, updated.addingTimeInterval(retryInterval))
        }
        return due
    }

    /// One renewal attempt now (RenewCertificate, or the daily automatic one).
    static func attempt(_ state: inout EmulatorState, index: Int, now: Date) {
        guard var certificate = state.acmCertificates?[index] else { return }
        let newNotAfter = now.addingTimeInterval(Double(certificate.validityDays) * 86_400)
        if let reason = failure(state, caArn: certificate.certificateAuthorityArn,
                                certificateAccount: certificate.ownerAccount ?? state.account, newNotAfter: newNotAfter, now: now) {
            certificate.renewalSummary = RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: reason, updatedAt: now)
        } else {
            certificate.notBefore = now
            certificate.notAfter = newNotAfter
            certificate.renewalSummary = RenewalSummary(renewalStatus: "SUCCESS", updatedAt: now)
        }
        state.acmCertificates?[index] = certificate
    }

    /// The FailureReason a renewal through the CA would record now, or nil when it succeeds.
    static func failure(_ state: EmulatorState, caArn: String, certificateAccount: String, newNotAfter: Date, now: Date) -> String? {
        guard let stored = state.authorities.first(where: { $0.arn == caArn }) else { return "PCA_RESOURCE_NOT_FOUND" }
        let owner = stored.authority.ownerAccount ?? state.account
        if owner == certificateAccount {
            // The same-account grant: acm.amazonaws.com needs all three actions.
            let granted = Set(stored.permissions.filter { $0.principal == "acm.amazonaws.com" }.flatMap { $0.actions ?? [] })
            guard granted.isSuperset(of: PermissionAction.acmRenewalActions) else { return "PCA_ACCESS_DENIED" }
        } else {
            // Another account's CA: its resource policy must let this account issue with the end-entity template and
            // fetch the certificate (ACM acts through the account's service-linked role).
            let role = "arn:aws:iam::\(certificateAccount):role/aws-service-role/acm.amazonaws.com/AWSServiceRoleForCertificateManager"
            let allowed = stored.policy.flatMap(ResourcePolicyEvaluator.init(policy:)).map { evaluator in
                ["acm-pca:IssueCertificate", "acm-pca:GetCertificate"].allSatisfy { action in
                    evaluator.allows(.init(callerAccount: certificateAccount, callerARN: role, organizationID: nil, action: action,
                                           resource: caArn, context: ["acm-pca:TemplateArn": Emulator.defaultTemplate]))
                }
            } ?? false
            guard allowed else { return "PCA_ACCESS_DENIED" }
        }
        guard stored.authority.status == .active else { return "PCA_INVALID_STATE" }
        if let caNotAfter = stored.authority.notAfter, caNotAfter < newNotAfter { return "PCA_INVALID_DURATION" }
        return nil
    }
}
