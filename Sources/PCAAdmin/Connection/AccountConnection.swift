import Foundation
import PCAClient

/// One account and region as the domain talks to it: the ACM-PCA and ACM clients, where they point, and the
/// label the journal records.
public struct AccountConnection: Sendable {
    public var pca: PCAClient
    public var acm: ACMClient
    public var region: String
    /// The profile in use, or a note such as "demo (ca-admin)".
    public var profileLabel: String
    /// The account, when known before the first call (an estate's target); otherwise the caller's, read then.
    public var account: String?
    /// The role assumed to reach the account (`arn:aws:iam::ACCOUNT:role/OrganizationAccountAccessRole`); nil
    /// when the profile's own credentials are used. The journal records it beside each change.
    public var role: String?
    /// CloudTrail in the same account and region: who changed what.
    public var cloudTrail: CloudTrailClient?

    public init(pca: PCAClient, acm: ACMClient, region: String, profileLabel: String, account: String? = nil,
                role: String? = nil) {
        self.pca = pca
        self.acm = acm
        self.region = region
        self.profileLabel = profileLabel
        self.account = account
        self.role = role
    }
}
