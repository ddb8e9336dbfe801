import Foundation
import PCAAdmin
import PCAClient
import PCAX509

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
    case sharedLoaded(generation: Int, [CARecord])
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
    /// How many write effects are running (dialog saves, bulk saves, retries).
    case writesInFlight(Int)
    /// A signal (SIGTERM, SIGHUP, SIGINT) arrived while these changes were in flight: they finish first.
    case signalDuringWrite(pending: [String])
    /// The CSR file the issue dialog named, read and parsed, or why not.
    case csrRead(path: String, Result<CertificationRequest, ErrorExplanation>)
    /// Paths that complete what was typed in the issue dialog's CSR field.
    case pathsCompleted(prefix: String, [String])
    /// An estate's accounts and regions are known and loading starts.
    case estateStarted(generation: Int, [EstateTargetSummary])
    /// One account-region's CAs, with their grants and tags: they replace that target's rows.
    case estateTargetLoaded(generation: Int, EstateTargetSummary, [CARecord])
    /// One account-region could not be read; the others go on.
    case estateTargetFailed(generation: Int, EstateTargetSummary, String)
    /// One account-region's ACM certificates.
    case estateACMLoaded(generation: Int, targetID: String, Result<ACMCertificateListing, ErrorExplanation>)
    /// A share or an unshare finished: what changed (verified with GetPolicy), or why not.
    case sharingFinished(arn: String, Result<String, ErrorExplanation>)
    /// An issuance finished: the certificate and where it was saved, or why not.
    case issueFinished(arn: String, Result<IssueOutcome, ErrorExplanation>)
    /// Changes an earlier run left interrupted (an intent without an outcome in the journal), as reported.
    case interruptedChangesFound([String])
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
    /// Changes planned by `WritePlanner`, applied one after another through the write pipeline, which gates
    /// them again with `readOnly` (the mode when they were confirmed) and the state it reads just before.
    case applyChanges([PlannedChange], readOnly: ReadOnlyMode, purpose: WritePurpose)
    /// No change starts from now on; the one in flight finishes (quitting while a write runs).
    case stopWrites
    /// Reports changes an earlier run left interrupted.
    case checkJournal
    /// Loads these failed accounts and regions of the estate again.
    case retryEstateTargets(generation: Int, [String])
    /// Reads and parses the CSR file (the issue dialog).
    case readCSR(path: String)
    /// Lists the paths that start with what was typed (Tab in a path field).
    case completePath(String)
    /// ACM's certificates again (after a retry).
    case loadACMCertificates(generation: Int)
    case copyToClipboard(String)
    case switchSession(profile: String?, region: String?)
    /// The code typed at the MFA prompt, or nil when it was cancelled.
    case answerMFA(String?)
    case quit
}

/// Which part of the UI asked for a change: where its results go.
public enum WritePurpose: Sendable, Hashable {
    /// The Configure CA permissions dialog: `saveFinished`.
    case dialog
    /// The bulk dialog: `bulkItemFinished` per CA.
    case bulk
    /// A renewal retry: `renewalsRetried` per CA.
    case retry
    /// An issuance from the issue dialog: `issueFinished`, the certificate saved to `saveTo`.
    case issue(saveTo: String?)
    /// A share or an unshare from the sharing dialog: `sharingFinished`.
    case sharing
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
