import Foundation
import PCAAdmin
import PCAClient
import PCAX509

/// Who and where: shown in the header.
public struct HeaderInfo: Sendable, Hashable {
    public var profile: String
    public var region: String
    public var endpoint: String
    public var account: String?
    public var callerARN: String?
    /// Where the credentials came from; the header names it instead of the profile when they did not come
    /// from the profile (keys in the environment, say).
    public var credentialSource: String?
    /// A colour for the header bar, set per profile so production looks different.
    public var banner: TerminalColor?

    public init(profile: String, region: String, endpoint: String, account: String? = nil, callerARN: String? = nil,
                banner: TerminalColor? = nil) {
        self.profile = profile
        self.region = region
        self.endpoint = endpoint
        self.account = account
        self.callerARN = callerARN
        self.banner = banner
    }
}

/// How far loading the list has come.
public enum LoadProgress: Sendable, Hashable {
    case idle
    case listing
    case permissions(done: Int, total: Int)
    case tags(done: Int, total: Int)
    case loaded(at: Date)
    case failed(ErrorExplanation)
}

/// A one-line note at the bottom that goes away by itself.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
    public var expiresAt: Date

    public init(_ text: String, kind: Kind = .info, expiresAt: Date) {
        self.text = text
        self.kind = kind
        self.expiresAt = expiresAt
    }
}

/// Everything shown for one CA in the detail screen.
public struct CADetail: Sendable, Hashable {
    public var authority: CertificateAuthority
    public var permissions: Result<[Permission], ErrorExplanation>
    public var policy: Result<String?, ErrorExplanation>
    public var tags: Result<[Tag], ErrorExplanation>
    /// The CA's own certificate, read as X.509; nil when the CA has none yet (PENDING_CERTIFICATE) or the
    /// answer is not X.509 (then `caCertificateNote` says why).
    public var caCertificate: Certificate?
    public var caCertificateNote: String?
    /// Who changed the CA (CloudTrail); nil when it was not read.
    public var history: Result<CAHistory, ErrorExplanation>?

    public init(authority: CertificateAuthority, permissions: Result<[Permission], ErrorExplanation>,
                policy: Result<String?, ErrorExplanation>, tags: Result<[Tag], ErrorExplanation>,
                caCertificate: Certificate? = nil, caCertificateNote: String? = nil,
                history: Result<CAHistory, ErrorExplanation>? = nil) {
        self.history = history
        self.authority = authority
        self.permissions = permissions
        self.policy = policy
        self.tags = tags
        self.caCertificate = caCertificate
        self.caCertificateNote = caCertificateNote
    }
}

public struct DetailState: Sendable, Hashable {
    public var arn: String
    public var detail: Result<CADetail, ErrorExplanation>?
    public var scroll = 0

    public init(arn: String) { self.arn = arn }
}

/// The Configure CA permissions dialog.
public struct DialogState: Sendable, Hashable {
    public enum Focus: Sendable, Hashable { case checkbox, save, cancel }
    public enum ConfirmFocus: Sendable, Hashable { case revoke, keep }
    public enum Phase: Sendable, Hashable {
        case editing
        case confirmingRevoke(ConfirmFocus)
        case saving
        case saved(ACMRenewalChange)
        case failed(ErrorExplanation)
    }

    public var arn: String
    public var name: String
    public var status: CAStatus?
    public var ownerAccount: String?
    /// The state read when the dialog opened (nil while reading).
    public var current: ACMRenewalState?
    public var checked: Bool
    public var focus: Focus = .checkbox
    public var phase: Phase = .editing
    /// Retrying the failed renewals after a grant: nil until asked, then the results as they come.
    public var retry: RetryPhase?

    public enum RetryPhase: Sendable, Hashable {
        case running(count: Int)
        case finished([RetryResult])
    }

    public init(arn: String, name: String, status: CAStatus?, ownerAccount: String?, current: ACMRenewalState?) {
        self.arn = arn
        self.name = name
        self.status = status
        self.ownerAccount = ownerAccount
        self.current = current
        self.checked = current.map { $0 == .enabled } ?? false
    }
}

/// The CA's ACM certificates box: what is typed in its filter, whether it is being typed, and the scroll.
public struct CertificatesViewState: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var filter = ""
    public var editingFilter = false
    public var scroll = 0

    public init(arn: String, name: String) {
        self.arn = arn
        self.name = name
    }

    /// The certificates the filter keeps: every word found in the domain, status, renewal status or reason,
    /// eligibility or expiry text.
    public func shown(_ group: CACertificates?, now: Date) -> [ACMCertificate] {
        let words = filter.lowercased().split(separator: " ").map(String.init)
        return (group?.certificates ?? []).filter { certificate in
            let text = [certificate.domainName, certificate.status, certificate.renewalSummary?.renewalStatus,
                        certificate.renewalSummary?.renewalStatusReason, certificate.renewalEligibility,
                        certificate.notAfter.map { Palette.expiryCell($0, now: now).0 },
                        certificate.isInUse ? "in use" : "not in use"]
                .compactMap { $0 }.joined(separator: " ").lowercased()
            return words.allSatisfy(text.contains)
        }
    }
}

/// A list to pick from: profiles or regions.
public struct PickerState: Sendable, Hashable {
    public enum Purpose: Sendable, Hashable { case profile, region }
    public var purpose: Purpose
    public var items: [String]
    public var selected: Int

    public init(purpose: Purpose, items: [String], selected: Int = 0) {
        self.purpose = purpose
        self.items = items
        self.selected = selected
    }
}

/// What covers the current screen.
public enum Overlay: Sendable, Hashable {
    case dialog(DialogState)
    case bulk(BulkState)
    /// One CA's ACM certificates, with a filter and a scroll of their own (`a` in the list or the detail).
    case certificates(CertificatesViewState)
    case help(scroll: Int)
    case activity(scroll: Int)
    case picker(PickerState)
    case command(String)
    case confirmAllowWrites
    /// `q` or Ctrl-C while a change is in flight: quit once it has finished?
    case confirmQuitDuringWrite
    /// Issue a certificate from a CSR (`i`).
    case issue(IssueDialogState)
    /// Configure sharing: the CA's resource policy for another account or an organization (`o` in the detail).
    case sharing(SharingDialogState)
}

public enum Screen: Sendable, Hashable {
    case list
    case detail(DetailState)
}

/// The whole UI state. The reducer changes it; the renderer draws it.
public struct AppState: Sendable {
    public var header: HeaderInfo
    /// Read-only mode and where it came from; `WriteGate` decides with it.
    public var readOnlyMode: ReadOnlyMode
    public var readOnly: Bool { readOnlyMode.isOn }
    public var theme: Theme
    public var width: Int
    public var height: Int
    public var now: Date

    public var rows: [CARecord] = []
    /// Indices into `rows` in sort order (all rows).
    public var ordered: [Int] = []
    /// Indices into `rows` after filter and sort.
    public var visible: [Int] = []
    public var rowIndexByARN: [String: Int] = [:]
    public var selected = 0
    public var scrollTop = 0
    public var sort = SortOrder()
    /// Columns the table leaves out (`:show` / `:hide`).
    public var hiddenColumns = ListColumn.hiddenByDefault
    /// Columns asked for with `:show`: narrow terminals leave them out last.
    public var pinnedColumns: Set<ListColumn> = []
    public var filter = ""
    public var editingFilter = false
    /// The filter's syntax hint is shown while editing until the first filter is closed.
    public var filterHintShown = false
    /// ARNs of the marked CAs (`Space`, `*`); `p` acts on them together.
    public var marked: Set<String> = []
    public var progress: LoadProgress = .idle
    /// ACM's certificates by issuing CA; nil until loaded.
    public var acmCertificates: [String: CACertificates]?
    /// Why ACM's certificates could not be read (no acm:ListCertificates, say); nothing else depends on them.
    public var acmError: ErrorExplanation?
    /// Set when ACM offered more certificates than a listing holds: what was read is shown, with this warning.
    public var acmTruncationWarning: String?
    /// Bumped by every reload, so late answers of an older load are ignored.
    public var generation = 0

    public var screen: Screen = .list
    public var overlay: Overlay?
    /// An MFA code the credential chain is waiting for; drawn and served before any overlay.
    public var mfaPrompt: MFAPromptState?
    public var message: StatusMessage?
    public var activity: [APICallRecord] = []
    public var profiles: [String]
    public var regions: [String]
    public var autoRefresh: TimeInterval?
    public var nextRefreshAt: Date?
    public var quitting = false
    /// Many accounts and regions at once; nil for one account and region.
    public var estate: EstateOverview?
    /// Write effects running now; quitting waits for them (and asks first).
    public var writesInFlight = 0
    /// Quit as soon as `writesInFlight` reaches 0 (a signal, or `q` confirmed during a write).
    public var quitAfterWrites = false
    /// Paths shown in help.
    public var auditLogPath: String
    public var configPath: String
    public var canSwitchProfile: Bool

    public static let activityLimit = 500
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public init(header: HeaderInfo, readOnly: ReadOnlyMode, theme: Theme, width: Int, height: Int, now: Date,
                profiles: [String] = [], regions: [String] = [], autoRefresh: TimeInterval? = nil,
                auditLogPath: String = "", configPath: String = "", canSwitchProfile: Bool = true) {
        self.header = header
        self.readOnlyMode = readOnly
        self.theme = theme
        self.width = width
        self.height = height
        self.now = now
        self.profiles = profiles
        self.regions = regions
        self.autoRefresh = autoRefresh
        self.auditLogPath = auditLogPath
        self.configPath = configPath
        self.canSwitchProfile = canSwitchProfile
    }

    /// True while the activity log is on screen (recorded calls then change what is drawn).
    public var showsActivity: Bool {
        if case .activity? = overlay { return true }
        return false
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Rows of the table that fit on screen (header 2 lines, column titles 1, footer 2).
    public var tableHeight: Int { max(1, height - 5 - estateFailureLineCount) }

    /// Lines under the table that name the estate's failed accounts and regions.
    public var estateFailureLineCount: Int {
        min(EstateOverview.failureLines, estate?.failures.count ?? 0)
    }

    public var selectedRow: CARecord? {
        guard visible.indices.contains(selected) else { return nil }
        return rows[visible[selected]]
    }

    /// When the runtime must wake up with a tick even if nothing else happens.
    public var nextWakeup: Date? {
        [message?.expiresAt, nextRefreshAt].compactMap { $0 }.min()
    }
}
