import Foundation
import PCACrypto

/// IAM Identity Center profiles: reads the token that `aws sso login` cached and exchanges it for role
/// credentials through the portal's GetRoleCredentials.
public struct SSOCredentialProvider: CredentialProvider {
    public let name: String
    private let profile: String
    private let startURL: String
    private let ssoRegion: String
    private let accountID: String
    private let roleName: String
    /// The `sso_session` name, or nil for a legacy profile with `sso_start_url`.
    private let sessionName: String?
    private let cacheDirectory: String
    private let portalEndpoint: URL?
    private let transport: HTTPTransport
    private let now: @Sendable () -> Date

    /// Nil when `profile` is not an SSO profile. Throws when it is one but is incomplete.
    public init?(profile: String, settings: ClientSettings, transport: HTTPTransport,
                 now: @escaping @Sendable () -> Date = Date.init) throws {
        let values = settings.files.profile(profile) ?? [:]
        guard values["sso_session"] != nil || values["sso_start_url"] != nil || values["sso_account_id"] != nil else {
            return nil
        }
        var merged = values
        if let session = values["sso_session"] {
            guard let sessionValues = settings.files.ssoSessions[session] else {
                throw ClientError.credentialsFailed(source: "SSO profile \(profile)",
                                                    reason: "the sso-session '\(session)' is not in the config file")
            }
            merged.merge(sessionValues) { profileValue, _ in profileValue }
        }
        guard let startURL = merged["sso_start_url"], let region = merged["sso_region"],
              let account = values["sso_account_id"], let role = values["sso_role_name"] else {
            throw ClientError.credentialsFailed(
                source: "SSO profile \(profile)",
                reason: "sso_start_url, sso_region, sso_account_id and sso_role_name are all required")
        }
        self.profile = profile
        self.startURL = startURL
        self.ssoRegion = region
        self.accountID = account
        self.roleName = role
        self.sessionName = values["sso_session"]
        let home = settings.environment["HOME"] ?? NSHomeDirectory()
        self.cacheDirectory = home + "/.aws/sso/cache"
        self.portalEndpoint = settings.environment.nonEmpty("AWS_ENDPOINT_URL_SSO").flatMap(URL.init(string:))
        self.transport = transport
        self.now = now
        self.name = "IAM Identity Center (SSO) profile \(profile)"
    }

    /// botocore names the cache file after the SHA-1 of the session name (or of the start URL for legacy
    /// profiles).
    var cacheFile: String {
        cacheDirectory + "/" + SHA1.hash(sessionName ?? startURL).hexString + ".json"
    }

    public func credentials() async throws -> AWSCredentials? {
        let source = "SSO profile \(profile)"
        let login = "run 'aws sso login --profile \(profile)'"
        guard let data = FileManager.default.contents(atPath: cacheFile),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let token = object["accessToken"] as? String else {
            throw ClientError.credentialsFailed(source: source, reason: "no cached SSO token; \(login)")
        }
        guard let expiresText = object["expiresAt"] as? String, let expiresAt = AWSTimestamp.parseISO8601(expiresText),
              expiresAt > now() else {
            throw ClientError.credentialsFailed(source: source, reason: "the SSO session has expired; \(login)")
        }
        var components = URLComponents(
            url: portalEndpoint ?? URL(string: "https://portal.sso.\(ssoRegion).\(Partition.of(region: ssoRegion).dnsSuffix)")!,
            resolvingAgainstBaseURL: false)
        components?.path = "/federation/credentials"
        components?.queryItems = [URLQueryItem(name: "role_name", value: roleName),
                                  URLQueryItem(name: "account_id", value: accountID)]
        guard let url = components?.url else {
            throw ClientError.credentialsFailed(source: source, reason: "cannot build the portal URL")
        }
        let request = HTTPRequest(method: "GET", url: url, headers: [("x-amz-sso_bearer_token", token)])
        let response = try await transport.send(request, timeout: 10)
        if response.statusCode == 401 || response.statusCode == 403 {
            throw ClientError.credentialsFailed(source: source, reason: "the SSO token was refused; \(login)")
        }
        guard response.statusCode == 200 else {
            throw AWSErrorParser.error(from: response, operation: "GetRoleCredentials")
        }
        guard let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
              let role = answer["roleCredentials"] as? [String: Any],
              let keyID = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String else {
            throw ClientError.malformedResponse(operation: "GetRoleCredentials", statusCode: response.statusCode,
                                                detail: "no roleCredentials in the answer")
        }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String,
                              expiration: expiration, source: source)
    }
}
