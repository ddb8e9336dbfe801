import Foundation
import PCAClient

/// A CA as the list shows it. `renewal` is nil until its permissions arrive.
public struct CARow: Sendable, Hashable {
    public var authority: CertificateAuthority
    public var renewal: ACMRenewalState?
    public var tags: [Tag]?
    /// Lowercased text the filter searches: name, ARN, status, tags.
    public private(set) var searchText: String

    public init(authority: CertificateAuthority, renewal: ACMRenewalState? = nil, tags: [Tag]? = nil) {
        self.authority = authority
        self.renewal = renewal
        self.tags = tags
        self.searchText = ""
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
        searchText = parts.joined(separator: "\u{1}").lowercased()
    }

    public func readiness(callerAccount: String?, now: Date) -> RenewalReadiness? {
        guard let renewal else { return nil }
        return RenewalReadiness(authority: authority, renewal: renewal, callerAccount: callerAccount, now: now)
    }
}

/// The list's sortable columns, in display order.
public enum ListColumn: Int, Sendable, CaseIterable, Hashable {
    case name, id, type, status, renewal, readiness, expiry, key, mode

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
