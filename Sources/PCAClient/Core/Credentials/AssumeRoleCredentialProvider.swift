import Foundation

/// Temporary credentials for a role in another account (STS AssumeRole), signed with the credentials of
/// `source`: how pca-tui reaches each member account of an organization through its
/// `OrganizationAccountAccessRole`. The source is shared, so a profile's MFA code is asked once for the
/// whole estate; wrap this in `RefreshingCredentialProvider` to keep the keys until they near expiry.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let name: String
    public let roleARN: String
    private let source: CredentialProvider
    private let sessionName: String
    private let sts: STSClient
    private let now: @Sendable () -> Date

    public init(roleARN: String, sessionName: String, source: CredentialProvider, stsEndpoint: ResolvedEndpoint,
                transport: HTTPTransport, timeout: TimeInterval = 10, now: @escaping @Sendable () -> Date = Date.init) {
        self.name = "role \(roleARN)"
        self.roleARN = roleARN
        self.source = source
        self.sessionName = sessionName
        self.sts = STSClient(endpoint: stsEndpoint, transport: transport, timeout: timeout)
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials? {
        guard let sourceCredentials = try await source.credentials() else {
            throw ClientError.credentialsFailed(source: name, reason: "the caller has no credentials to assume it with")
        }
        return try await sts.assumeRole(STSClient.AssumeRoleInput(roleARN: roleARN, sessionName: sessionName),
                                        credentials: sourceCredentials, source: name, date: now())
    }

    /// `arn:aws:iam::ACCOUNT:role/NAME`, in the partition of `region` (`arn:aws-cn:...` in China).
    public static func roleARN(account: String, roleName: String, region: String) -> String {
        "arn:\(Partition.of(region: region).id):iam::\(account):role/\(roleName)"
    }
}
