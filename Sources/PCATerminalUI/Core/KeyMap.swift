/// What a key does. The reducer acts on these, and help is generated from the same table.
public enum Action: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom
    case open, back, configurePermissions, filter, nextSort, reverseSort, sortBy(ListColumn)
    case refresh, copyARN, copyCommand, activity, help, pickProfile, pickRegion, command, toggleReadOnly
    case toggleMark, markAll, clearMarks, nextMatch, previousMatch, showCertificates, retryRenewals, issueCertificate, configureSharing, retryFailedAccounts
    case quit, forceQuit
}

/// Where a binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global = "Everywhere"
    case list = "CA list"
    case detail = "CA detail"
    case dialog = "Configure CA permissions"
}

public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    public var summary: String
}

/// The program's key bindings: arrows and vim keys, k9s/htop conventions. Ctrl-A and Ctrl-B stay free
/// for tmux and screen.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], action: .moveUp, context: .global, summary: "move up"),
        KeyBinding(keys: [.down, .character("j")], action: .moveDown, context: .global, summary: "move down"),
        KeyBinding(keys: [.pageUp], action: .pageUp, context: .global, summary: "page up"),
        KeyBinding(keys: [.pageDown], action: .pageDown, context: .global, summary: "page down"),
        KeyBinding(keys: [.control("u")], action: .halfPageUp, context: .global, summary: "half a page up"),
        KeyBinding(keys: [.control("d")], action: .halfPageDown, context: .global, summary: "half a page down"),
        KeyBinding(keys: [.home, .character("g")], action: .top, context: .global, summary: "first line"),
        KeyBinding(keys: [.end, .character("G")], action: .bottom, context: .global, summary: "last line"),
        KeyBinding(keys: [.character("?")], action: .help, context: .global, summary: "this help"),
        KeyBinding(keys: [.character("L")], action: .activity, context: .global, summary: "activity log: recent API calls"),
        KeyBinding(keys: [.character("P")], action: .pickProfile, context: .global, summary: "switch AWS profile"),
        KeyBinding(keys: [.character("R")], action: .pickRegion, context: .global, summary: "switch region"),
        KeyBinding(keys: [.character(":")], action: .command, context: .global, summary: "command: profile NAME, region NAME, show/hide COLUMN"),
        KeyBinding(keys: [.character("W")], action: .toggleReadOnly, context: .global,
                   summary: "read-only on (instant) / off (asks first)"),
        KeyBinding(keys: [.control("c")], action: .forceQuit, context: .global, summary: "quit at once"),
        KeyBinding(keys: [.enter], action: .open, context: .list, summary: "open the CA's detail"),
        KeyBinding(keys: [.character("p")], action: .configurePermissions, context: .list,
                   summary: "Configure CA permissions (ACM renewal); on marked CAs: grant to all"),
        KeyBinding(keys: [.character("/")], action: .filter, context: .list,
                   summary: "filter: text in any column, or acm:off ready:!READY status: type: owner: tag:k=v"),
        KeyBinding(keys: [.character("n")], action: .nextMatch, context: .list, summary: "next row of the filter (wraps)"),
        KeyBinding(keys: [.character("N")], action: .previousMatch, context: .list, summary: "previous row of the filter (wraps)"),
        KeyBinding(keys: [.character(" ")], action: .toggleMark, context: .list, summary: "mark / unmark the CA (p acts on marked CAs)"),
        KeyBinding(keys: [.character("*")], action: .markAll, context: .list, summary: "mark every CA shown"),
        KeyBinding(keys: [.character("u")], action: .clearMarks, context: .list, summary: "clear the marks"),
        KeyBinding(keys: [.escape], action: .back, context: .list, summary: "clear the filter"),
        KeyBinding(keys: [.character("s")], action: .nextSort, context: .list, summary: "sort by the next column"),
        KeyBinding(keys: [.character("S")], action: .reverseSort, context: .list, summary: "reverse the sort"),
        KeyBinding(keys: [.character("1"), .character("2"), .character("3"), .character("4"), .character("5"),
                          .character("6"), .character("7"), .character("8"), .character("9")],
                   action: .sortBy(.name), context: .list, summary: "sort by column 1-9 (again: reverse)"),
        KeyBinding(keys: [.character("r")], action: .refresh, context: .list, summary: "reload the list"),
        KeyBinding(keys: [.character("a")], action: .showCertificates, context: .list,
                   summary: "the CA's ACM certificates, with a filter (/) and a scroll of their own"),
        KeyBinding(keys: [.character("t")], action: .retryFailedAccounts, context: .list,
                   summary: "an estate: load the accounts and regions that failed again"),
        KeyBinding(keys: [.character("i")], action: .issueCertificate, context: .list,
                   summary: "Issue certificate: from a CSR file, by a template (IssueCertificate, then GetCertificate)"),
        KeyBinding(keys: [.character("F")], action: .retryRenewals, context: .list,
                   summary: "retry the CA's failed ACM renewals now (RenewCertificate; asks the write rules first)"),
        KeyBinding(keys: [.character("c")], action: .copyARN, context: .list, summary: "copy the CA's ARN (OSC 52)"),
        KeyBinding(keys: [.character("C")], action: .copyCommand, context: .list,
                   summary: "copy the equivalent AWS CLI command (OSC 52)"),
        KeyBinding(keys: [.character("q")], action: .quit, context: .list, summary: "quit"),
        KeyBinding(keys: [.escape, .character("h"), .left, .character("q")], action: .back, context: .detail,
                   summary: "back to the list"),
        KeyBinding(keys: [.character("p")], action: .configurePermissions, context: .detail,
                   summary: "Configure CA permissions (ACM renewal)"),
        KeyBinding(keys: [.character("r")], action: .refresh, context: .detail, summary: "reload this CA"),
        KeyBinding(keys: [.character("a")], action: .showCertificates, context: .detail,
                   summary: "the CA's ACM certificates, with a filter (/) and a scroll of their own"),
        KeyBinding(keys: [.character("o")], action: .configureSharing, context: .detail,
                   summary: "Configure sharing: the CA's resource policy for another account or an organization"),
        KeyBinding(keys: [.character("i")], action: .issueCertificate, context: .detail,
                   summary: "Issue certificate: from a CSR file, by a template (IssueCertificate, then GetCertificate)"),
        KeyBinding(keys: [.character("F")], action: .retryRenewals, context: .detail,
                   summary: "retry the CA's failed ACM renewals now (RenewCertificate; asks the write rules first)"),
        KeyBinding(keys: [.character("c")], action: .copyARN, context: .detail, summary: "copy the CA's ARN (OSC 52)"),
        KeyBinding(keys: [.character("C")], action: .copyCommand, context: .detail,
                   summary: "copy the equivalent AWS CLI command (OSC 52)"),
        KeyBinding(keys: [.tab, .down, .backTab, .up], action: .moveDown, context: .dialog, summary: "next / previous control"),
        KeyBinding(keys: [.character(" ")], action: .open, context: .dialog, summary: "tick or untick the box"),
        KeyBinding(keys: [.enter], action: .open, context: .dialog, summary: "press the focused control"),
        KeyBinding(keys: [.escape], action: .back, context: .dialog, summary: "cancel"),
    ]

    /// The action of `key` on the list or detail screen.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        if context == .list, case let .character(c) = key, let digit = c.wholeNumberValue, (1...9).contains(digit) {
            return ListColumn(rawValue: digit - 1).map(Action.sortBy)
        }
        for binding in bindings where binding.context == context && binding.keys.contains(key) {
            return binding.action
        }
        for binding in bindings where binding.context == .global && binding.keys.contains(key) {
            return binding.action
        }
        return nil
    }
}
