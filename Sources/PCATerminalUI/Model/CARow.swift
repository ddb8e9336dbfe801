import Foundation
import PCAClient

/// A CA as the list shows it. `renewal` is nil until its permissions arrive.
public struct CARow: Sendable, Hashable {
    public var authority: CertificateAuthority
    public var renewal: ACMRenewalState?
    public var tags: [Tag]?
    /// Lowercased UTF-8 of what the filter searches: name, ARN, status, subject, tags.
    public private(set) var searchBytes: [UInt8]
    /// The name as the list sorts it.
    public let sortName: String

    public init(authority: CertificateAuthority, renewal: ACMRenewalState? = nil, tags: [Tag]? = nil) {
        self.authority = authority
        self.renewal = renewal
        self.tags = tags
        self.searchBytes = []
        self.sortName = (authority.commonName ?? authority.id ?? "(no name)").lowercased()
        updateSearchText()
    }

    public var arn: String { authority.arn ?? "" }
    public var name: String { authority.commonName ?? authority.id ?? "(no name)" }

    public mutating func setTags(_ tags: [Tag]) {
        self.tags = tags
        updateSearchText()
    }

    private mutating func updateSearchText() {
        var parts = [authority.commonName ?? "", authority.arn ?? "", authority.status?.rawValue ?? "",
                     authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? ""]
        for tag in tags ?? [] {
            parts.append("\(tag.key)=\(tag.value ?? "")")
        }
        searchBytes = Array(parts.joined(separator: "\u{1}").lowercased().utf8)
    }

    /// True when the lowercased UTF-8 `needle` occurs in the searched text. A byte scan: at 10,000 rows
    /// each keystroke of the filter must stay well under a frame.
    public func matches(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= searchBytes.count else { return false }
        let first = needle[0]
        var index = 0
        let last = searchBytes.count - needle.count
        while index <= last {
            if searchBytes[index] == first {
                var offset = 1
                while offset < needle.count, searchBytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// True for a CA another account shares with this one (AWS RAM): its renewal goes through its resource
    /// policy, so its grant state is not this account's to show or change.
    public func isOtherAccount(_ callerAccount: String?) -> Bool {
        guard let owner = authority.ownerAccount, let callerAccount else { return false }
        return owner != callerAccount
    }

    public func readiness(callerAccount: String?, now: Date) -> RenewalReadiness? {
        guard let renewal else { return nil }
        return RenewalReadiness(authority: authority, renewal: renewal, callerAccount: callerAccount, now: now)
    }
}

/// The list's sortable columns, in display order.
public enum ListColumn: Int, Sendable, CaseIterable, Hashable {
    // The first nine answer to the digit keys 1-9; owner and signing algorithm are shown on request.
    case name, id, type, status, renewal, readiness, expiry, key, mode, owner, signing

    /// Hidden until `:show NAME`, as in the console's column preferences.
    public static let hiddenByDefault: Set<ListColumn> = [.owner, .signing]

    /// The column a `:show` / `:hide` word names: its title in any case, or a short alias.
    public init?(word: String) {
        let word = word.lowercased()
        let aliases: [String: ListColumn] = ["acm": .renewal, "expiry": .expiry, "algorithm": .key, "account": .owner,
                                             "signing-algorithm": .signing]
        guard let column = aliases[word] ?? Self.allCases.first(where: { $0.title.lowercased() == word }) else { return nil }
        self = column
    }

    public var title: String {
        switch self {
        case .name: return "NAME"
        case .id: return "ID"
        case .type: return "TYPE"
        case .status: return "STATUS"
        case .renewal: return "ACM RENEWAL"
        case .readiness: return "READINESS"
        case .expiry: return "EXPIRES"
        case .key: return "KEY"
        case .mode: return "MODE"
        case .owner: return "OWNER"
        case .signing: return "SIGNING"
        }
    }
}

/// Which way the list is sorted.
public struct SortOrder: Sendable, Hashable {
    public var column: ListColumn
    public var ascending: Bool

    public init(column: ListColumn = .name, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}
