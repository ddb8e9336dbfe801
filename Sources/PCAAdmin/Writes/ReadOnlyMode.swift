import Foundation

/// Whether this session is read-only, and where that came from. `--read-only` on the command line is the
/// operator's decision for the whole session and cannot be lifted, nor can an estate's `read_only` or
/// `read_only_accounts` (the config protects those accounts whatever profile reaches them); the profile's
/// `read_only = true` can be lifted in the UI with `W` (after a confirmation), and `W` can always turn read-only
/// back on.
public struct ReadOnlyMode: Sendable, Hashable {
    public var commandLine: Bool
    public var profileConfig: Bool
    /// `read_only` of the estate, or of this account in it (`read_only_accounts`), in the pca-tui config.
    public var estateConfig: Bool
    /// What `W` set last in the UI; nil until it is pressed.
    public var toggled: Bool?

    public init(commandLine: Bool = false, profileConfig: Bool = false, estateConfig: Bool = false, toggled: Bool? = nil) {
        self.commandLine = commandLine
        self.profileConfig = profileConfig
        self.estateConfig = estateConfig
        self.toggled = toggled
    }

    public var isOn: Bool { commandLine || estateConfig || (toggled ?? profileConfig) }

    /// `W` may lift only what the profile's config or `W` itself set.
    public var canLift: Bool { !commandLine && !estateConfig }

    /// Why writes are off, for messages; nil when they are on.
    public var reason: String? {
        guard isOn else { return nil }
        if commandLine { return "read-only mode (--read-only on the command line)" }
        if estateConfig { return "read-only mode (the estate's read_only or read_only_accounts in the pca-tui config)" }
        if toggled == true { return "read-only mode (turned on with W)" }
        return "read-only mode (read_only = true for this profile in the pca-tui config)"
    }
}
