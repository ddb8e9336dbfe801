import PCAAdmin
import Foundation

/// The list's sortable columns, in display order.
public enum ListColumn: Int, Sendable, CaseIterable, Hashable {
    // The first nine answer to the digit keys 1-9; owner and signing algorithm are shown on request.
    case name, id, type, status, renewal, readiness, expiry, key, mode, owner, signing, acmCerts, account, region

    /// Hidden until `:show NAME`, as in the console's column preferences.
    /// ACCOUNT and REGION show when an estate spans more than one.
    public static let hiddenByDefault: Set<ListColumn> = [.owner, .signing, .account, .region]

    /// The column a `:show` / `:hide` word names: its title in any case, or a short alias.
    public init?(word: String) {
        let word = word.lowercased()
        let aliases: [String: ListColumn] = ["acm": .renewal, "expiry": .expiry, "algorithm": .key, "account": .owner,
                                             "signing-algorithm": .signing, "certs": .acmCerts, "certificates": .acmCerts,
                                             "acm-certs": .acmCerts]
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
        case .acmCerts: return "ACM CERTS"
        case .account: return "ACCOUNT"
        case .region: return "REGION"
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
