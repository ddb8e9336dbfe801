import Foundation
import PCAClient

/// The list's filter, shared by the UI's `/` and the commands' `--filter`: words separated by spaces, every
/// one of which must match (AND), case-insensitively.
///
/// - `text` matches when any shown column (name, id, type, status, ACM renewal, readiness, expiry, key, mode),
///   the ARN, the subject or a tag contains it; `!text` when none does.
/// - `field:value` matches one field: `acm` (enabled, partial, off, unknown, n/a), `certs` (failed, due, none,
///   any), `ready` (READY, PARTIAL,
///   OFF, BLOCKED, N/A, UNKNOWN), `status`, `type` (root, sub), `owner`, `tag` (`KEY` or `KEY=VALUE`),
///   `name`, `id`, `key`, `mode`, `account` (the account id or its profile or organization name, where the
///   CA was listed), `region`. Words of a field match from their start (`status:pending`); `field:!value`
///   negates.
public struct FilterExpression: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case acm, ready, status, type, owner, tag, name, id, key, mode
        /// ACM's certificates of the CA: `failed` (a renewal failed), `due` (one is due within 60 days),
        /// `none` (ACM manages none), `any`; `loading` until ACM has answered.
        case certs
        /// The account the CA was listed in: its id, or its profile or organization name.
        case account
        /// The region the CA was listed in.
        case region
    }

    public struct Term: Sendable, Hashable {
        public var field: Field?
        public var value: String
        public var negated: Bool
        /// `value` as UTF-8, made once rather than per row.
        var bytes: [UInt8] { Array(value.utf8) }
    }

    /// Terms with their bytes, for the per-row scan.
    private var needles: [[UInt8]] = []

    public private(set) var terms: [Term] = []
    /// Words naming a field that does not exist (`foo:bar`); they match nothing, and the UI says so.
    public private(set) var unknownFields: [String] = []

    public static let syntaxHint = "words AND together: acm:off  ready:!READY  certs:failed  status:active  type:root  owner:ACCOUNT  account:prod  region:eu  tag:env=prod  !text"

    public init(_ text: String) {
        for word in text.split(whereSeparator: \.isWhitespace).map({ $0.lowercased() }) {
            var field: Field?
            var value = Substring(word)
            if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
                let name = String(word[..<colon])
                guard let known = Field(rawValue: name) ?? (name == "readiness" ? .ready : name == "renewal" ? .acm : nil) else {
                    unknownFields.append(name)
                    continue
                }
                field = known
                value = word[word.index(after: colon)...]
            }
            let negated = value.hasPrefix("!")
            if negated { value = value.dropFirst() }
            guard !value.isEmpty else { continue }
            terms.append(Term(field: field, value: String(value), negated: negated))
            needles.append(Array(value.utf8))
        }
    }

    /// True when matching needs the rows' shown texts (`CARecord.refreshShown`).
    public var needsShownText: Bool { terms.contains { $0.field == nil || $0.field == .ready } }

    /// True when a row's tags can decide a match: free text searches tags, and `tag:` reads them.
    public var needsTags: Bool { terms.contains { $0.field == nil || $0.field == .tag } }

    /// True when ACM's certificates can decide a match (`certs:`).
    public var needsACM: Bool { terms.contains { $0.field == .certs } }

    public var isEmpty: Bool { terms.isEmpty && unknownFields.isEmpty }

    public func matches(_ row: CARecord, account: String?, now: Date) -> Bool {
        guard unknownFields.isEmpty else { return false }
        return zip(terms, needles).allSatisfy { term, needle in
            let found = term.field.map { Self.fieldMatches($0, term.value, row: row, account: account, now: now) }
                ?? Self.textMatches(needle, row: row, account: account, now: now)
            return found != term.negated
        }
    }

    /// The words a field holds for a row, lowercased.
    static func words(_ field: Field, row: CARecord, account: String?, now: Date) -> [String] {
        let authority = row.authority
        switch field {
        case .acm:
            return RowText.renewalWords(row, account: account)
        case .certs:
            guard let acm = row.acm else { return ["loading"] }
            var words = [acm.total == 0 ? "none" : "any"]
            if acm.failed > 0 { words.append("failed") }
            if acm.dueWithinWindow > 0 { words.append("due") }
            return words
        case .ready:
            if let shown = row.shown, shown.account == account { return [shown.readinessWord] }
            return [row.readiness(callerAccount: account, now: now)?.word.lowercased() ?? "loading"]
        case .status:
            let raw = (authority.status?.rawValue ?? "").lowercased()
            return [raw, raw.replacingOccurrences(of: "_", with: " ")]
        case .type:
            return authority.type == .root ? ["root"] : authority.type == .subordinate ? ["subordinate", "sub"] : []
        case .owner:
            return [authority.ownerAccount ?? ""]
        case .tag:
            return (row.tags ?? []).map { "\($0.key.lowercased())=\(($0.value ?? "").lowercased())" }
        case .name:
            return [row.name.lowercased()]
        case .id:
            return [(authority.id ?? "").lowercased()]
        case .key:
            return [(authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "").lowercased()]
        case .mode:
            return [(authority.usageMode?.rawValue ?? "").lowercased().replacingOccurrences(of: "_", with: " ")]
        case .account:
            return [row.account ?? "", (row.accountLabel ?? "").lowercased()]
        case .region:
            return [(row.region ?? "").lowercased()]
        }
    }

    private static func fieldMatches(_ field: Field, _ value: String, row: CARecord, account: String?, now: Date) -> Bool {
        let words = words(field, row: row, account: account, now: now)
        switch field {
        case .tag:
            // `tag:env` asks for the key, `tag:env=prod` for the pair.
            return value.contains("=") ? words.contains(value) : words.contains { $0.hasPrefix(value + "=") }
        case .name, .owner, .account:
            return words.contains { $0.contains(value) }
        default:
            return words.contains { $0.hasPrefix(value) }
        }
    }

    private static func textMatches(_ needle: [UInt8], row: CARecord, account: String?, now: Date) -> Bool {
        if row.matches(needle) { return true }
        // A row whose shown texts were not built yet (a caller outside the reducer) builds them here.
        guard row.shown == nil else { return false }
        var fresh = row
        fresh.refreshShown(account: account, now: now)
        return fresh.matches(needle)
    }
}

/// Texts of a row as the list shows them, lowercased, for the free-text filter.
enum RowText {
    static func renewalWords(_ row: CARecord, account: String?) -> [String] {
        if row.isOtherAccount(account) { return ["n/a"] }
        switch row.renewal {
        case .enabled?: return ["enabled"]
        case .partial?: return ["partial"]
        case .disabled?: return ["off", "disabled"]
        case .unknown?: return ["unknown"]
        case nil: return ["loading"]
        }
    }

    static func shownTexts(_ row: CARecord, account: String?, now: Date) -> [String] {
        let authority = row.authority
        // The word the list shows, "off" (acm:disabled still finds them).
        var texts = [renewalWords(row, account: account).first ?? ""]
        texts.append(row.readiness(callerAccount: account, now: now)?.word.lowercased() ?? "loading")
        texts.append(ExpiryText.words(authority.notAfter, now: now).lowercased())
        texts.append(authority.type == .root ? "root" : authority.type == .subordinate ? "sub" : "")
        texts.append((authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "").lowercased())
        texts.append(authority.usageMode == .shortLivedCertificate ? "short" : "general")
        texts.append((authority.status?.consoleWord ?? "-").lowercased())
        texts.append(authority.ownerAccount ?? "")
        return texts
    }
}
