import Foundation
import PCAClient

/// Why a change is refused before anything is sent to AWS. The same words on both faces.
public enum WriteRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case readOnly(String)
    /// The CA belongs to another account and is shared with this one (AWS RAM).
    case otherAccount(owner: String)
    /// Permissions change only while the CA is ACTIVE (or PENDING_CERTIFICATE right after creation).
    case notGrantable(CAStatus)
    /// ACM renews only from an ACTIVE CA: a retry now would fail again with PCA_INVALID_STATE.
    case notRenewable(CAStatus)
    /// The resource policy of a CA in this state cannot change (AWS answers InvalidStateException).
    case policyNotChangeable(CAStatus)
    /// Every failed renewal of the CA failed for a reason a retry cannot fix (listed per certificate).
    case nothingRetryable(String)
    /// A CA issues only while it is ACTIVE.
    case notIssuing(CAStatus)
    /// The request itself cannot succeed (a signing algorithm of the wrong family, a validity past the CA).
    case badRequest(String)

    public var description: String {
        switch self {
        case let .readOnly(reason):
            return "\(reason): changes are off"
        case let .otherAccount(owner):
            return "This CA belongs to account \(owner). For a CA shared with you, ACM renewal goes through the "
                + "CA's resource policy in the owner's account, not through permissions set here."
        case let .notGrantable(status):
            return "The CA is \(status.rawValue). Permissions can change only while it is ACTIVE "
                + "(or PENDING_CERTIFICATE right after creation)."
        case let .notRenewable(status):
            return "The CA is \(status.rawValue). ACM renews only from an ACTIVE CA, so a retry now would fail "
                + "again with PCA_INVALID_STATE."
        case let .nothingRetryable(reason):
            return "No failed renewal of this CA can be fixed by a retry: \(reason)."
        case let .notIssuing(status):
            return "The CA is \(status.rawValue). A CA issues certificates only while it is ACTIVE."
        case let .badRequest(reason):
            return "The request cannot succeed: \(reason)."
        case let .policyNotChangeable(status):
            return "The CA is \(status.rawValue). Its resource policy can change only while it is ACTIVE, DISABLED or "
                + "PENDING_CERTIFICATE."
        }
    }

    /// A few words for a table cell.
    public var shortReason: String {
        switch self {
        case .readOnly: return "read-only"
        case let .otherAccount(owner): return "account \(owner)'s CA (its resource policy decides)"
        case let .notGrantable(status), let .notRenewable(status), let .notIssuing(status): return "\(status.rawValue), not ACTIVE"
        case let .policyNotChangeable(status): return "\(status.rawValue): its policy cannot change"
        case .nothingRetryable: return "no retryable failure"
        case let .badRequest(reason): return reason
        }
    }
}
