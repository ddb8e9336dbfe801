import Foundation

/// Role credentials for an OIDC token (EKS service accounts, CI systems): `AWS_WEB_IDENTITY_TOKEN_FILE` with
/// `AWS_ROLE_ARN` (and optional `AWS_ROLE_SESSION_NAME`), or a profile's `web_identity_token_file` with
/// `role_arn`. The token file is read again on every refresh, as it rotates.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let name: String
    private let tokenFile: String
    private let roleARN: String
    private let sessionName: String
    private let context: CredentialContext

    /// From the environment; nil unless both variables are set.
    public init?(environment: [String: String], context: CredentialContext) {
        guard let file = environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE"), let role = environment.nonEmpty("AWS_ROLE_ARN") else {
            return nil
        }
        self.init(tokenFile: file, roleARN: role, sessionName: environment.nonEmpty("AWS_ROLE_SESSION_NAME"),
                  context: context, name: "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)")
    }

    init(tokenFile: String, roleARN: String, sessionName: String?, context: CredentialContext, name: String) {
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "pca-tui-\(Int(context.now().timeIntervalSince1970))"
        self.context = context
        self.name = name
    }

    public func credentials() async throws -> AWSCredentials? {
        let source = "web identity role \(roleARN)"
        guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw ClientError.credentialsFailed(source: source, reason: "cannot read the token file \(tokenFile)")
        }
        let endpoint = try context.settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: false)
        return try await STSClient(endpoint: endpoint, transport: context.transport)
            .assumeRoleWithWebIdentity(roleARN: roleARN, sessionName: sessionName, token: token, source: source)
    }
}
