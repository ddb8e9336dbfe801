import Foundation
import PCAClient

/// One row of `pca-tui list` and `report`: a CA with its ACM renewal state and readiness verdict.
public struct CAListing: Sendable, Hashable {
    public var entry: CAInventoryEntry
    public var readiness: RenewalReadiness
    /// ACM's certificates of the CA; nil when ACM could not be read (`acmError` says why).
    public var acm: CACertificates?
    public var acmError: String?
    /// Set when ACM offered more certificates than a listing holds: `acm` counts only those read.
    public var acmTruncatedAt: Int?

    public init(entry: CAInventoryEntry, callerAccount: String?, now: Date = Date()) {
        self.entry = entry
        self.readiness = RenewalReadiness(authority: entry.authority, renewal: entry.renewal,
                                          callerAccount: callerAccount, now: now)
    }

    public var authority: CertificateAuthority { entry.authority }

    /// `enabled`, `partial`, `disabled`, `unknown`, or `n/a` for another account's CA (its grants are not
    /// this account's to read or change), as the UI shows it.
    public var renewalWord: String {
        if case .notApplicable = readiness { return "n/a" }
        return entry.renewal.word
    }

    /// Whole days until the CA certificate expires (negative once expired); nil without a certificate.
    public func daysToExpiry(now: Date = Date()) -> Int? {
        authority.notAfter.map { Int(($0.timeIntervalSince(now) / 86_400).rounded(.down)) }
    }

    /// The stable JSON shape documented in the README.
    public func jsonObject(now: Date = Date()) -> [String: Any] {
        var object: [String: Any] = [
            "arn": authority.arn ?? NSNull(),
            "id": authority.id ?? NSNull(),
            "commonName": authority.commonName ?? NSNull(),
            "type": authority.type?.rawValue ?? NSNull(),
            "status": authority.status?.rawValue ?? NSNull(),
            "ownerAccount": authority.ownerAccount ?? NSNull(),
            "acmRenewal": renewalWord,
            "renewalReadiness": readiness.word,
            "renewalReadinessDetail": readiness.description,
            "acmFailureReason": readiness.acmFailureReason ?? NSNull(),
            "notAfter": authority.notAfter.map(AWSTimestamp.iso8601) ?? NSNull(),
            "daysToExpiry": daysToExpiry(now: now) ?? NSNull(),
            "keyAlgorithm": authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? NSNull(),
            "usageMode": authority.usageMode?.rawValue ?? NSNull(),
        ]
        if case let .unknown(reason) = entry.renewal, renewalWord == "unknown" {
            object["acmRenewalReason"] = reason
        }
        if case let .partial(_, missing) = entry.renewal {
            object["acmRenewalMissing"] = missing.map(\.rawValue)
        }
        if let acm {
            object["acmCertificates"] = ["total": acm.total, "inUse": acm.inUse, "dueWithin60Days": acm.dueWithinWindow,
                                         "failed": acm.failed, "failedByReason": acm.failedByReason,
                                         "pendingAutoRenewal": acm.pendingAutoRenewal, "ineligible": acm.ineligible,
                                         "nextRenewal": acm.nextRenewal.map(AWSTimestamp.iso8601) ?? NSNull(),
                                         "truncated": acmTruncatedAt != nil, "truncatedAt": acmTruncatedAt ?? NSNull()] as [String: Any]
        } else {
            object["acmCertificates"] = NSNull()
            object["acmCertificatesError"] = acmError ?? NSNull()
        }
        return object
    }
}

extension CAListing {
    /// The warning for standard error when any listing's ACM counts were cut short; nil when none was.
    static func truncationWarning(_ listings: [CAListing]) -> String? {
        listings.lazy.compactMap(\.acmTruncatedAt).first
            .flatMap { ACMCertificateListing(certificates: [], truncatedAt: $0).truncationWarning }
            .map { "pca-tui: warning: \($0)\n" }
    }

    /// `8 x3` for a table: the CA's ACM certificates with failed renewals marked; `?` when ACM was unreadable.
    var acmCell: String {
        guard let acm else { return "?" }
        return acm.cell(failedMark: "x")
    }
}
