import Foundation
import PCAClient

/// A CA and what is known of it: its ACM grant, tags and ACM certificates, without any screen formatting.
/// The list's row, the commands' line and the bulk planner's input. `renewal` and `tags` are nil until read.
public struct CARecord: Sendable, Hashable {
    public var authority: CertificateAuthority {
        didSet {
            shown = nil
            if searchBytes != nil { index(rebuilding: true) }
        }
    }
    public var renewal: ACMRenewalState? { didSet { shown = nil } }
    public var tags: [Tag]?
    /// Why the tags could not be read; a filter that matches tags cannot decide for this CA.
    public var tagsError: String?
    /// ACM's certificates of the CA; nil when not loaded.
    public var acm: CACertificates?
    /// The account the CA was listed in (its owner's, or the account a shared CA was shared with); nil until
    /// the loader knows it.
    public var account: String?
    /// What the user calls that account: its profile or its name in the organization.
    public var accountLabel: String?
    /// The region the CA was listed in.
    public var region: String?
    /// What the list shows for the row, for the filter: rebuilt when the row, the caller's account or the day
    /// changes, so a keystroke of the filter costs a byte scan, not formatting 10,000 rows.
    public private(set) var shown: ShownText?

    public struct ShownText: Sendable, Hashable {
        /// Lowercased UTF-8 of the shown columns (ACM renewal, readiness, expiry, type, key, mode, status, owner).
        public var bytes: [UInt8]
        public var readinessWord: String
        var account: String?
        var day: Int
    }
    /// Lowercased UTF-8 of what the filter searches: name, ARN, status, subject, tags. Nil until `index()`: the
    /// UI indexes its rows as they arrive, so that a keystroke of the filter costs a byte scan; a command that
    /// never searches (`list` of 10,000 CAs) does not hold 200 bytes a record for it.
    public private(set) var searchBytes: [UInt8]?
    /// The name as the list sorts it: lowercased, digit runs padded so that plain comparison is natural
    /// (`ca 2` before `ca 10`), made once per row rather than per comparison.
    public let sortName: String

    public init(authority: CertificateAuthority, renewal: ACMRenewalState? = nil, tags: [Tag]? = nil) {
        self.authority = authority
        self.renewal = renewal
        self.tags = tags
        self.sortName = NaturalOrder.key((authority.commonName ?? authority.id ?? "(no name)").lowercased())
    }

    public var arn: String { authority.arn ?? "" }
    public var name: String { authority.commonName ?? authority.id ?? "(no name)" }

    public mutating func setTags(_ tags: [Tag]) {
        self.tags = tags
        if searchBytes != nil { index(rebuilding: true) }
    }

    /// Builds `searchBytes`, kept current from then on as the CA and its tags change; `rebuilding` builds them
    /// again even when they exist.
    public mutating func index(rebuilding: Bool = false) {
        guard rebuilding || searchBytes == nil else { return }
        searchBytes = searchText()
    }

    private func searchText() -> [UInt8] {
        var parts = [authority.commonName ?? "", authority.arn ?? "", authority.status?.rawValue ?? "",
                     authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? ""]
        for tag in tags ?? [] {
            parts.append("\(tag.key)=\(tag.value ?? "")")
        }
        return Array(parts.joined(separator: "\u{1}").lowercased().utf8)
    }

    /// True when the lowercased UTF-8 `needle` occurs in the searched text (name, ARN, status, subject, tags)
    /// or, once `refreshShown` has run, in the shown columns. A byte scan once `index()` has run: at 10,000
    /// rows each keystroke of the filter must stay well under a frame.
    public func matches(_ needle: [UInt8]) -> Bool {
        Self.contains(searchBytes ?? searchText(), needle) || (shown.map { Self.contains($0.bytes, needle) } ?? false)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// Builds `shown` unless it is current for this account and day.
    public mutating func refreshShown(account: String?, now: Date) {
        let day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        if let shown, shown.account == account, shown.day == day { return }
        let texts = RowText.shownTexts(self, account: account, now: now)
        shown = ShownText(bytes: Array(texts.joined(separator: "\u{1}").utf8), readinessWord: texts[1],
                          account: account, day: day)
    }

    /// True for a CA another account shares with this one (AWS RAM): its renewal goes through its resource
    /// policy, so its grant state is not this account's to show or change.
    /// The account looking at this CA: the one it was listed in (an estate's account), else `callerAccount`.
    public func viewer(_ callerAccount: String?) -> String? { account ?? callerAccount }

    public func isOtherAccount(_ callerAccount: String?) -> Bool {
        guard let owner = authority.ownerAccount, let viewer = viewer(callerAccount) else { return false }
        return owner != viewer
    }

    public func readiness(callerAccount: String?, now: Date) -> RenewalReadiness? {
        guard let renewal else { return nil }
        return RenewalReadiness(authority: authority, renewal: renewal, callerAccount: viewer(callerAccount), now: now)
    }

    /// The estate target (`LABEL/REGION`) the record was listed by; nil outside an estate.
    public var estateTargetID: String? {
        guard let accountLabel, let region else { return nil }
        return "\(accountLabel)/\(region)"
    }
}

