import Foundation
import PCAClient

/// One account and region of an estate: whom it is (account id, the profile or organization name the user
/// knows it by, the role assumed to reach it) and the connection to it, or why there is none.
public struct EstateTarget: Sendable, Identifiable {
    /// How the target is reached.
    public enum Access: Sendable {
        case connection(AccountConnection)
        /// No connection could be made (a profile that does not resolve, discovery that failed); the reason
        /// is reported like a failed load.
        case unavailable(reason: String)
    }

    /// `LABEL/REGION`: stable across reloads, for retries and the UI's rows.
    public var id: String { "\(label)/\(region)" }
    /// The account id when known before loading (an organization's member); a profile's is read while loading.
    public var account: String?
    /// The profile name, or the account's name in the organization.
    public var label: String
    public var region: String
    /// The role assumed in the account, when not the profile's own credentials.
    public var role: String?
    /// Writes to this account are refused (`read_only` of the estate or of the account in the pca-tui config).
    public var readOnly: Bool
    public var access: Access

    public init(account: String?, label: String, region: String, role: String? = nil, readOnly: Bool = false,
                access: Access) {
        self.account = account
        self.label = label
        self.region = region
        self.role = role
        self.readOnly = readOnly
        self.access = access
    }

    /// The connection, with the account and role the journal records.
    public var connection: AccountConnection? {
        guard case var .connection(connection) = access else { return nil }
        connection.account = connection.account ?? account
        connection.role = connection.role ?? role
        return connection
    }

    /// A line that stands for a caller, not for an account: a profile that did not resolve, or an organization
    /// whose accounts could not be listed.
    public var isCallerFailure: Bool { connection == nil && account == nil }

    /// `222233334444 (workload-a)` or `prod` when the account is not known yet.
    public var accountWords: String {
        guard let account else { return label }
        return account == label ? account : "\(account) (\(label))"
    }
}

/// The accounts and regions a command or the UI covers: profiles, every profile, or an organization's
/// accounts, times regions. A single account and region is an estate of one.
public struct Estate: Sendable {
    /// The `[estate NAME]` it came from, if any.
    public var name: String?
    public var targets: [EstateTarget]
    /// Accounts left out on purpose (suspended or closing in the organization), one sentence each.
    public var notes: [String]
    /// An organization's accounts could not be listed (throttled, a cancelled MFA prompt, a network failure): the
    /// estate stands for the failure, not for the accounts, so it is worth building again.
    public var discoveryFailed: Bool

    public init(name: String? = nil, targets: [EstateTarget], notes: [String] = [], discoveryFailed: Bool = false) {
        self.name = name
        self.targets = targets
        self.notes = notes
        self.discoveryFailed = discoveryFailed
    }

    public func target(id: String) -> EstateTarget? {
        targets.first { $0.id == id }
    }
}
