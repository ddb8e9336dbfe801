import Foundation
import PCAClient

/// ACM's managed renewal of private certificates, as the emulator plays it: from 60 days before expiry an
/// eligible certificate gets a renewal attempt against its CA as `acm.amazonaws.com`, once a day until it
/// succeeds. The attempt succeeds only when the CA grants acm.amazonaws.com all three actions, is ACTIVE, and
/// outlives the renewed certificate; otherwise RenewalSummary records FAILED with ACM's reason.
enum ACMRenewalEngine {
    static let renewalWindow: TimeInterval = 60 * 86_400
    static let retryInterval: TimeInterval = 86_400

    /// Runs the attempts that are due at `now`. Returns true when anything changed.
    @discardableResult
    static func advance(_ state: inout EmulatorState, now: Date) -> Bool {
        var changed = false
        for index in (state.acmCertificates ?? []).indices {
            guard let certificate = state.acmCertificates?[index] else { continue }
            if certificate.status == "ISSUED", let notAfter = certificate.notAfter, notAfter <= now {
                state.acmCertificates?[index].status = "EXPIRED"
                changed = true
                continue
            }
            guard certificate.status == "ISSUED", certificate.isEligible, let notAfter = certificate.notAfter,
                  now >= notAfter.addingTimeInterval(-renewalWindow) else { continue }
            // A failed or pending renewal is tried again a day after the last attempt.
            if let summary = certificate.renewalSummary, let updated = summary.updatedAt,
               ["FAILED", "PENDING_AUTO_RENEWAL"].contains(summary.renewalStatus ?? ""), now.timeIntervalSince(updated) < retryInterval {
                continue
            }
            // A renewed certificate is not tried again until its new window.
            if certificate.renewalSummary?.renewalStatus == "SUCCESS", let updated = certificate.renewalSummary?.updatedAt,
               now.timeIntervalSince(updated) < retryInterval {
                continue
            }
            attempt(&state, index: index, now: now)
            changed = true
        }
        return changed
    }

    /// One renewal attempt now (RenewCertificate, or the daily automatic one).
    static func attempt(_ state: inout EmulatorState, index: Int, now: Date) {
        guard var certificate = state.acmCertificates?[index] else { return }
        let newNotAfter = now.addingTimeInterval(Double(certificate.validityDays) * 86_400)
        if let reason = failure(state, caArn: certificate.certificateAuthorityArn, newNotAfter: newNotAfter, now: now) {
            certificate.renewalSummary = RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: reason, updatedAt: now)
        } else {
            certificate.notBefore = now
            certificate.notAfter = newNotAfter
            certificate.renewalSummary = RenewalSummary(renewalStatus: "SUCCESS", updatedAt: now)
        }
        state.acmCertificates?[index] = certificate
    }

    /// The FailureReason a renewal through the CA would record now, or nil when it succeeds.
    static func failure(_ state: EmulatorState, caArn: String, newNotAfter: Date, now: Date) -> String? {
        guard let stored = state.authorities.first(where: { $0.arn == caArn }) else { return "PCA_RESOURCE_NOT_FOUND" }
        let owner = stored.authority.ownerAccount ?? state.account
        if owner == state.account {
            // The same-account grant: acm.amazonaws.com needs all three actions.
            let granted = Set(stored.permissions.filter { $0.principal == "acm.amazonaws.com" }.flatMap { $0.actions ?? [] })
            guard granted.isSuperset(of: PermissionAction.acmRenewalActions) else { return "PCA_ACCESS_DENIED" }
        } else {
            // Another account's CA: its resource policy must allow this account (the demo's shared CA has one).
            guard stored.policy != nil else { return "PCA_ACCESS_DENIED" }
        }
        guard stored.authority.status == .active else { return "PCA_INVALID_STATE" }
        if let caNotAfter = stored.authority.notAfter, caNotAfter < newNotAfter { return "PCA_INVALID_DURATION" }
        return nil
    }
}
