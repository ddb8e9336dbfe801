import Foundation

/// `Account` of Organizations ListAccounts: the members pca-tui reads.
public struct OrganizationAccount: Codable, Sendable, Hashable {
    public var id: String?
    public var arn: String?
    public var name: String?
    public var email: String?
    /// `PENDING_ACTIVATION`, `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` or `CLOSED`: the account's lifecycle,
    /// which replaces the `Status` member AWS retires on 9 September 2026.
    public var state: String?
    /// The retired `Status`, read only when an older answer carries no `State`.
    public var status: String?
    public var joinedMethod: String?
    public var joinedTimestamp: Date?

    enum CodingKeys: String, CodingKey {
        case id = "Id", arn = "Arn", name = "Name", email = "Email", state = "State", status = "Status"
        case joinedMethod = "JoinedMethod", joinedTimestamp = "JoinedTimestamp"
    }

    public init(id: String?, arn: String? = nil, name: String? = nil, email: String? = nil, state: String? = nil,
                status: String? = nil, joinedMethod: String? = nil, joinedTimestamp: Date? = nil) {
        self.id = id
        self.arn = arn
        self.name = name
        self.email = email
        self.state = state
        self.status = status
        self.joinedMethod = joinedMethod
        self.joinedTimestamp = joinedTimestamp
    }

    /// The account's lifecycle state: `State`, or the retired `Status` when only that was sent.
    public var lifecycleState: String? { state ?? status }

    /// True when the account can be signed in to: `ACTIVE`. A suspended or closing account answers nothing.
    public var isActive: Bool { lifecycleState == "ACTIVE" }
}

struct ListAccountsRequest: Encodable, Sendable {
    var maxResults: Int?
    var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case maxResults = "MaxResults", nextToken = "NextToken"
    }
}

/// One page of ListAccounts.
public struct ListAccountsResponse: Decodable, Sendable {
    public var accounts: [OrganizationAccount]?
    public var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case accounts = "Accounts", nextToken = "NextToken"
    }
}
