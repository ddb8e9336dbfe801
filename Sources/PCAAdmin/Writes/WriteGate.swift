import Foundation
import PCAClient

/// The one place that decides whether this session may make a change: read-only mode, the CA's owner
/// against the caller's account, and the CA's state for the intent. The planner asks it for every planned
/// change, and the pipeline asks it again with the state it reads just before sending.
public enum WriteGate {
    /// What the gate knows of the session.
    public struct Context: Sendable, Hashable {
        public var readOnly: ReadOnlyMode
        /// The caller's account (STS GetCallerIdentity); nil skips the ownership check and AWS decides.
        public var callerAccount: String?

        public init(readOnly: ReadOnlyMode, callerAccount: String?) {
            self.readOnly = readOnly
            self.callerAccount = callerAccount
        }
    }

    /// The refusal for `intent` on a CA, or nil when it may go ahead. `ownerAccount` and `status` nil mean
    /// unknown: AWS then decides.
    public static func refusal(_ intent: WriteIntent, ownerAccount: String?, status: CAStatus?,
                               context: Context) -> WriteRefusal? {
        if let reason = context.readOnly.reason { return .readOnly(reason) }
        // Issuing from a CA another account shares is what its resource policy is for: AWS decides.
        if intent != .issueCertificate, let ownerAccount, let callerAccount = context.callerAccount, ownerAccount != callerAccount {
            return .otherAccount(owner: ownerAccount)
        }
        guard let status else { return nil }
        switch intent {
        case .enableRenewal, .disableRenewal:
            return status == .active || status == .pendingCertificate ? nil : .notGrantable(status)
        case .retryRenewals:
            return status == .active ? nil : .notRenewable(status)
        case .issueCertificate:
            return status == .active ? nil : .notIssuing(status)
        case .share, .unshare:
            return AttachedPolicy.changeableStates.contains(status) ? nil : .policyNotChangeable(status)
        }
    }

    /// The account in an ACM-PCA ARN (`arn:PARTITION:acm-pca:REGION:ACCOUNT:certificate-authority/ID`).
    public static func account(ofARN arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "acm-pca" else { return nil }
        let account = String(parts[4])
        return account.count == 12 && account.allSatisfy(\.isASCIIDigit) ? account : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
