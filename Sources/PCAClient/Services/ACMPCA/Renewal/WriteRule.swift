import Foundation

/// Whether this session is read-only, and where that came from. `--read-only` on the command line is the
/// operator's decision for the whole session and cannot be lifted; the profile's `read_only = true` can be
/// lifted in the UI with `W` (after a confirmation), and `W` can always turn read-only back on.
public struct ReadOnlyMode: Sendable, Hashable {
    public var commandLine: Bool
    public var profileConfig: Bool
    /// What `W` set last in the UI; nil until it is pressed.
    public var toggled: Bool?

    public init(commandLine: Bool = false, profileConfig: Bool = false, toggled: Bool? = nil) {
        self.commandLine = commandLine
        self.profileConfig = profileConfig
        self.toggled = toggled
    }

    public var isOn: Bool { commandLine || (toggled ?? profileConfig) }

    /// `W` may lift only what the profile's config or `W` itself set.
    public var canLift: Bool { !commandLine }

    /// Why writes are off, for messages; nil when they are on.
    public var reason: String? {
        guard isOn else { return nil }
        if commandLine { return "read-only mode (--read-only on the command line)" }
        if toggled == true { return "read-only mode (turned on with W)" }
        return "read-only mode (read_only = true for this profile in the pca-tui config)"
    }
}

/// Why a write to a CA's permissions is refused before anything is sent to AWS.
public enum WriteRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case readOnly(String)
    /// The CA belongs to another account and is shared with this one (AWS RAM).
    case otherAccount(owner: String)
    /// Permissions change only while the CA is ACTIVE (or PENDING_CERTIFICATE right after creation).
    case notGrantable(CAStatus)

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
        }
    }
}

/// The one place that decides whether this session may change a CA's ACM grant. The UI's dialog and the
/// `acm-renewal` commands both ask it before any write.
public enum WriteRule {
    /// The refusal for a write to the CA, or nil when it may go ahead. `ownerAccount` and `status` are nil
    /// when unknown (AWS then decides); `callerAccount` nil skips the ownership check.
    public static func refusal(readOnly: ReadOnlyMode, ownerAccount: String?, callerAccount: String?,
                               status: CAStatus?) -> WriteRefusal? {
        if let reason = readOnly.reason { return .readOnly(reason) }
        if let ownerAccount, let callerAccount, ownerAccount != callerAccount {
            return .otherAccount(owner: ownerAccount)
        }
        if let status, status != .active, status != .pendingCertificate {
            return .notGrantable(status)
        }
        return nil
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
