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

    public init(pca: PCAClient, acm: ACMClient, region: String, profileLabel: String) {
        self.pca = pca
        self.acm = acm
        self.region = region
        self.profileLabel = profileLabel
    }
}
