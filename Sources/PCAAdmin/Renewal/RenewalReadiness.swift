import Foundation
import PCAClient

/// One verdict per CA: will ACM-managed renewal of this CA's certificates work today?
public enum RenewalReadiness: Sendable, Hashable, CustomStringConvertible {
    /// ACM holds all three actions and the CA is ACTIVE and not expired.
    case ready
    /// ACM holds only some actions; names the missing ones.
    case partial(missing: [PermissionAction])
    /// ACM holds no permission.
    case off
    /// The CA cannot sign renewals (not ACTIVE, expired, or expiring); says which, and the failure reason
    /// ACM's renewal would report.
    case blocked(reason: String, acmReports: String)
    /// The CA belongs to another account: renewal goes through its resource policy instead.
    case notApplicable(reason: String)
    /// The permissions could not be read.
    case unknown(reason: String)

    /// Days before expiry from which an ACTIVE CA is reported as expiring.
    public static let expiringWithinDays = 30

    public init(authority: CertificateAuthority, renewal: ACMRenewalState, callerAccount: String?, now: Date = Date()) {
        if let owner = authority.ownerAccount, let callerAccount, owner != callerAccount {
            self = .notApplicable(reason: "owned by account \(owner): ACM renewal for it goes through the CA's resource policy")
            return
        }
        let status = authority.status ?? CAStatus(rawValue: "UNKNOWN")
        if status != .active {
            self = .blocked(reason: "the CA is \(status.rawValue), ACM renews only from an ACTIVE CA", acmReports: "PCA_INVALID_STATE")
            return
        }
        if let notAfter = authority.notAfter, notAfter <= now {
            self = .blocked(reason: "the CA certificate expired on \(AWSTimestamp.iso8601(notAfter).prefix(10))",
                            acmReports: "PCA_INVALID_STATE")
            return
        }
        switch renewal {
        case .enabled:
            if let notAfter = authority.notAfter,
               notAfter.timeIntervalSince(now) < Double(Self.expiringWithinDays) * 86_400 {
                let days = Int(notAfter.timeIntervalSince(now) / 86_400)
                self = .blocked(reason: "the CA certificate expires in \(days) days; renewals cannot outlive it",
                                acmReports: "PCA_INVALID_DURATION")
            } else {
                self = .ready
            }
        case let .partial(_, missing): self = .partial(missing: missing)
        case .disabled: self = .off
        case let .unknown(reason): self = .unknown(reason: reason)
        }
    }

    /// `READY`, `PARTIAL`, `OFF`, `BLOCKED`, `N/A` or `UNKNOWN`.
    public var word: String {
        switch self {
        case .ready: return "READY"
        case .partial: return "PARTIAL"
        case .off: return "OFF"
        case .blocked: return "BLOCKED"
        case .notApplicable: return "N/A"
        case .unknown: return "UNKNOWN"
        }
    }

    public var description: String {
        switch self {
        case .ready: return "READY: ACM can renew certificates from this CA"
        case let .partial(missing): return "PARTIAL: missing " + missing.map(\.rawValue).joined(separator: ", ")
        case .off: return "OFF: ACM is not authorized on this CA"
        case let .blocked(reason, _): return "BLOCKED: \(reason)"
        case let .notApplicable(reason): return "N/A: \(reason)"
        case let .unknown(reason): return "UNKNOWN: \(reason)"
        }
    }

    /// The renewal failure reason to expect from ACM if it renewed a certificate from this CA now
    /// (`PCA_ACCESS_DENIED`, `PCA_INVALID_STATE`, `PCA_INVALID_DURATION`); nil when renewal would work or
    /// does not depend on this account's grant.
    public var acmFailureReason: String? {
        switch self {
        case .partial, .off: return "PCA_ACCESS_DENIED"
        case let .blocked(_, acmReports): return acmReports
        case .ready, .notApplicable, .unknown: return nil
        }
    }
}
