import Foundation
import PCAClient

/// What the user asked for, before it is planned per CA.
public enum WriteIntent: String, Sendable, Hashable, CaseIterable {
    /// Grant acm.amazonaws.com the three renewal actions (or repair a partial grant).
    case enableRenewal = "enable-acm-renewal"
    /// Revoke every grant to acm.amazonaws.com.
    case disableRenewal = "disable-acm-renewal"
    /// Ask ACM to renew, now, the certificates whose managed renewal failed.
    case retryRenewals = "retry-acm-renewal"
    /// Issue a certificate from a CSR (IssueCertificate, then GetCertificate).
    case issueCertificate = "issue-certificate"
    /// Put the documented sharing statements for one account or organization into the CA's resource policy.
    case share = "share-ca"
    /// Remove one account's or organization's statements from the CA's resource policy.
    case unshare = "unshare-ca"
}

/// A CA as the planner sees it: what is known of it when the change is planned. Unknown fields are nil; the
/// pipeline reads them again just before sending.
public struct WriteTarget: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var ownerAccount: String?
    public var status: CAStatus?
    /// The grant state; nil when not read yet.
    public var renewal: ACMRenewalState?
    /// For a retry: the CA's certificates whose renewal failed; nil when not read yet.
    public var failedCertificates: [ACMCertificate]?
    /// Why what the plan needs could not be read; the change is then planned as unreadable.
    public var unreadableReason: String?
    /// When what was read for the plan was cut short (ACM's listing past its bounds), what to say.
    public var truncationWarning: String?
    /// For an issuance: the request.
    public var issuance: IssuanceRequest?
    /// The CA as DescribeCertificateAuthority gave it, when it was read (its key, signing algorithm, end).
    public var authority: CertificateAuthority?
    /// For a share or an unshare: whom, and (for a share) whether they may issue.
    public var sharing: SharingGrant?
    /// For a share or an unshare: the resource policy; nil when not read yet.
    public var policy: AttachedPolicy?

    public init(arn: String, name: String? = nil, ownerAccount: String? = nil, status: CAStatus? = nil,
                renewal: ACMRenewalState? = nil, failedCertificates: [ACMCertificate]? = nil) {
        self.arn = arn
        self.name = name ?? arn
        self.ownerAccount = ownerAccount ?? WriteGate.account(ofARN: arn)
        self.status = status
        self.renewal = renewal
        self.failedCertificates = failedCertificates
    }

    /// The target a record describes.
    public init(record: CARecord, failedCertificates: [ACMCertificate]? = nil) {
        self.init(arn: record.arn, name: record.name, ownerAccount: record.authority.ownerAccount,
                  status: record.authority.status, renewal: record.renewal, failedCertificates: failedCertificates)
    }
}
