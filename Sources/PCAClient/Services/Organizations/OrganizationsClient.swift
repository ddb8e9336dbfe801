import Foundation

extension AWSJSONService {
    /// AWS Organizations: JSON 1.1, target prefix `AWSOrganizationsV20161128`, signing name `organizations`.
    public static let organizations = AWSJSONService(targetPrefix: "AWSOrganizationsV20161128", signingName: "organizations")
}

/// AWS Organizations: the accounts of the caller's organization. The shared machinery (`AWSJSONClient`)
/// pointed at the service's one global endpoint, with the operations pca-tui needs.
public struct OrganizationsClient: Sendable {
    public let core: AWSJSONClient

    /// ListAccounts returns at most 20 accounts a page (`MaxResults` 1-20).
    public static let maximumPageSize = 20

    public init(core: AWSJSONClient) {
        precondition(core.service == .organizations, "an Organizations client needs the Organizations service")
        self.core = core
    }

    /// Organizations at `endpoint`, sharing `client`'s credentials, transport and retry policy.
    public init(sharing client: AWSJSONClient, endpoint: ResolvedEndpoint) {
        self.init(core: client.forService(.organizations, endpoint: endpoint))
    }

    /// Every page of ListAccounts, until `NextToken` is absent (a page may be empty and still have one).
    public func accountPages(pageSize: Int = maximumPageSize) -> Paginator<ListAccountsResponse> {
        let size = min(max(1, pageSize), Self.maximumPageSize)
        return Paginator { token in
            let page: ListAccountsResponse = try await core.send("ListAccounts", ListAccountsRequest(maxResults: size, nextToken: token))
            return (page, page.nextToken)
        }
    }

    /// Every account of the organization, in the order Organizations lists them.
    public func accounts(pageSize: Int = maximumPageSize) async throws -> [OrganizationAccount] {
        try await accountPages(pageSize: pageSize).collect { $0.accounts ?? [] }
    }

    /// The global endpoint of the partition `region` belongs to (botocore's rules without FIPS or dual-stack):
    /// `organizations.us-east-1.amazonaws.com` for the commercial regions, signed for us-east-1; China and
    /// GovCloud have their own.
    public static func endpoint(region: String) throws -> ResolvedEndpoint {
        let partition = Partition.of(region: region)
        let (host, signingRegion): (String, String)
        switch partition.id {
        case "aws-cn": (host, signingRegion) = ("organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1")
        case "aws-us-gov": (host, signingRegion) = ("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1")
        case "aws": (host, signingRegion) = ("organizations.us-east-1.amazonaws.com", "us-east-1")
        case "aws-iso": (host, signingRegion) = ("organizations.us-iso-east-1.c2s.ic.gov", "us-iso-east-1")
        case "aws-iso-b": (host, signingRegion) = ("organizations.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1")
        case "aws-iso-f": (host, signingRegion) = ("organizations.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1")
        default: (host, signingRegion) = ("organizations.\(region).\(partition.dnsSuffix)", region)
        }
        guard let url = URL(string: "https://\(host)") else {
            throw ClientError.invalidConfiguration("cannot build an Organizations endpoint for region \(region)")
        }
        return ResolvedEndpoint(url: url, signingRegion: signingRegion, isOverride: false)
    }
}

extension ClientSettings {
    /// Where Organizations requests go: its own overrides (`AWS_ENDPOINT_URL_ORGANIZATIONS`, `[services]
    /// organizations`, ...), an emulator named with `--endpoint-url` (which answers every service on one port),
    /// else the partition's global endpoint.
    public func organizationsEndpoint() throws -> ResolvedEndpoint {
        let global = try OrganizationsClient.endpoint(region: region ?? "us-east-1")
        let override = try Self.endpointOverride(service: "organizations", explicit: nil, environment: environment,
                                                 files: files, profile: profileName)
        if let override {
            return ResolvedEndpoint(url: override, signingRegion: global.signingRegion, isOverride: true)
        }
        if let flag = options.endpointURL, let url = try? Self.parseURL(flag), Self.isEmulator(url) {
            return ResolvedEndpoint(url: url, signingRegion: global.signingRegion, isOverride: true)
        }
        return global
    }
}
