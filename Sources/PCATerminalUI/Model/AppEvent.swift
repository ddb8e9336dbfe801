import Foundation
import PCAClient

/// Something that happened: a key, a resize, an answer from AWS, a timer.
public enum AppEvent: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    case identityLoaded(CallerIdentity)
    /// Where the credentials came from (`environment`, `profile prod`, `role profile admin`, `SSO profile x`, ...).
    case credentialSourceKnown(String)
    case identityFailed(ErrorExplanation)
    case listLoaded(generation: Int, [CertificateAuthority])
    case listFailed(generation: Int, ErrorExplanation)
    /// CAs other accounts share with this one (ResourceOwner OTHER_ACCOUNTS).
    case sharedLoaded(generation: Int, [CAInventoryEntry])
    case renewalsLoaded(generation: Int, [(arn: String, state: ACMRenewalState)], done: Int, total: Int)
    case tagsLoaded(generation: Int, [(arn: String, tags: [Tag])], done: Int, total: Int)
    /// ACM's private certificates of the account (loaded beside the CAs, never delaying them), or why not.
    case acmCertificatesLoaded(generation: Int, Result<ACMCertificateListing, ErrorExplanation>)
    /// The results of retrying failed renewals (RenewCertificate, then DescribeCertificate).
    case renewalsRetried(caArn: String, [RetryResult])
    case detailLoaded(arn: String, Result<CADetail, ErrorExplanation>)
    case dialogStateLoaded(arn: String, ACMRenewalState)
    case saveFinished(arn: String, Result<ACMRenewalChange, ErrorExplanation>)
    /// One CA of a bulk save: changed and verified, or why not.
    case bulkItemFinished(arn: String, Result<ACMRenewalChange, ErrorExplanation>)
    case apiCall(APICallRecord)
    case sessionSwitched(HeaderInfo, readOnly: ReadOnlyMode)
    case sessionSwitchFailed(ErrorExplanation)
    /// The credential chain needs an MFA code for this device.
    case mfaCodeNeeded(serial: String)
    case terminate
}

/// Work the runtime does for the reducer; results come back as events.
public enum AppEffect: Sendable, Hashable {
    case loadIdentity
    case loadInventory(generation: Int)
    case loadDetail(arn: String)
    case loadDialogState(arn: String)
    /// `readOnly` is the mode when Save was pressed: the runtime's write path asks `WriteRule` again with it.
    case saveRenewal(arn: String, enable: Bool, readOnly: ReadOnlyMode)
    /// Grants ACM renewal on each CA in turn, each through the same write path as a single save.
    case saveBulk(arns: [String], readOnly: ReadOnlyMode)
    /// ACM's certificates again (after a retry).
    case loadACMCertificates(generation: Int)
    /// RenewCertificate for each certificate, then each read back; audited.
    case retryRenewals(caArn: String, certificateArns: [String], readOnly: ReadOnlyMode)
    case copyToClipboard(String)
    case switchSession(profile: String?, region: String?)
    /// The code typed at the MFA prompt, or nil when it was cancelled.
    case answerMFA(String?)
    case quit
}

/// One certificate's renewal retry: the renewal status read back, or why the retry failed.
public struct RetryResult: Sendable, Hashable {
    public var certificateArn: String
    public var domainName: String
    public var outcome: Result<RenewalSummary?, ErrorExplanation>

    public init(certificateArn: String, domainName: String, outcome: Result<RenewalSummary?, ErrorExplanation>) {
        self.certificateArn = certificateArn
        self.domainName = domainName
        self.outcome = outcome
    }
}
