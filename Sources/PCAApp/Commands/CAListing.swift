import Foundation
import PCAAdmin
import PCAClient

/// One line of `pca-tui list`, `describe` and `report`: a CA record with the readiness verdict for the
/// caller's account, in the commands' words.
public struct CAListing: Sendable, Hashable {
    public var record: CARecord
    public var readiness: RenewalReadiness
    /// Why ACM's certificates are missing (`record.acm` nil), when they were asked for.
    public var acmError: String?
    /// Set when ACM offered more certificates than a listing holds: `acm` counts only those read.
    public var acmTruncatedAt: Int?

    public init(record: CARecord, callerAccount: String?, acmError: String? = nil, now: Date = Date()) {
        self.record = record
        self.readiness = RenewalReadiness(authority: record.authority, renewal: record.renewal ?? .unknown(reason: "not read"),
                                          callerAccount: callerAccount, now: now)
        self.acmError = acmError
    }

    /// Every record of an inventory, with its verdict.
    static func all(_ inventory: Inventory, now: Date = Date()) -> [CAListing] {
        inventory.records.map { record in
            var listing = CAListing(record: record, callerAccount: inventory.callerAccount, acmError: inventory.acmError, now: now)
            listing.acmTruncatedAt = inventory.acmTruncatedAt
            return listing
        }
    }

    public var authority: CertificateAuthority { record.authority }
    public var renewal: ACMRenewalState { record.renewal ?? .unknown(reason: "not read") }
    public var acm: CACertificates? { record.acm }

    /// `enabled`, `partial`, `off`, `unknown`, or `n/a` for another account's CA (its grants are not
    /// this account's to read or change), as the UI shows it.
    public var renewalWord: String {
        if case .notApplicable = readiness { return "n/a" }
        return renewal.word
    }

    /// The renewal state in a sentence: the grant's, or why it does not apply (another account's CA).
    public var renewalSentence: String {
        if case let .notApplicable(reason) = readiness { return reason }
        return renewal.description
    }

    /// What `acm-renewal status` says: the grant, and whether ACM can renew with it now. An enabled grant on a
    /// CA that cannot sign says both ("enabled, but BLOCKED: ...").
    public var statusSentence: String {
        switch readiness {
        case let .blocked(reason, acmReports):
            return "\(renewalWord), but BLOCKED: \(reason); ACM's renewals fail with \(acmReports) until it is fixed"
        case let .notApplicable(reason):
            return "n/a: \(reason)"
        default:
            return "\(renewalWord): \(renewal.description)"
        }
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
            "account": record.account ?? NSNull(),
            "accountName": record.accountLabel ?? NSNull(),
            "region": record.region ?? NSNull(),
        ]
        if case let .notApplicable(reason) = readiness {
            object["acmRenewalReason"] = reason
        } else if case let .unknown(reason) = renewal {
            object["acmRenewalReason"] = reason
        }
        if case let .partial(_, missing) = renewal {
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
