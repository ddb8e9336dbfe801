import Foundation

/// Asks the user for an MFA code for the device `serial`.
public typealias MFACodePrompt = @Sendable (_ serial: String) async throws -> String

/// Everything a credential provider may need from outside: settings, network, clock, terminal.
public struct CredentialContext: Sendable {
    public var settings: ClientSettings
    public var transport: HTTPTransport
    public var now: @Sendable () -> Date
    public var mfaPrompt: MFACodePrompt

    public init(settings: ClientSettings, transport: HTTPTransport, now: @escaping @Sendable () -> Date = Date.init,
                mfaPrompt: @escaping MFACodePrompt = TerminalMFAPrompt.ask) {
        self.settings = settings
        self.transport = transport
        self.now = now
        self.mfaPrompt = mfaPrompt
    }
}

/// The credentials a named profile describes, in botocore's order: assume role (`role_arn` with a source,
/// or with `web_identity_token_file`), SSO, keys in the credentials file, `credential_process`, keys in the
/// config file.
public struct ProfileCredentialProvider: CredentialProvider {
    public let name: String
    private let profile: String
    private let context: CredentialContext
    /// Profiles already on the `source_profile` path, to stop loops.
    private let visited: [String]

    public init(profile: String, context: CredentialContext, visited: [String] = []) {
        self.profile = profile
        self.context = context
        self.visited = visited
        self.name = "profile '\(profile)' in the shared config and credentials files"
    }

    private var files: SharedConfigFiles { context.settings.files }
    /// The profile as botocore scopes it: the config file's settings, overridden by the credentials file's.
    private var config: [String: String] { files.profile(profile) ?? [:] }

    public func credentials() async throws -> AWSCredentials? {
        if let role = config["role_arn"] {
            if let tokenFile = config["web_identity_token_file"], config["source_profile"] == nil,
               config["credential_source"] == nil {
                return try await WebIdentityCredentialProvider(
                    tokenFile: tokenFile, roleARN: role, sessionName: config["role_session_name"], context: context,
                    name: "web identity of profile \(profile)").credentials()
            }
            return try await assumeRole()
        }
        if let sso = try SSOCredentialProvider(profile: profile, settings: context.settings,
                                               transport: context.transport, now: context.now) {
            return try await sso.credentials()
        }
        return try await nonRoleCredentials()
    }

    /// Static keys or `credential_process`, used for a profile and for a role's source profile.
    private func nonRoleCredentials() async throws -> AWSCredentials? {
        if let keys = try staticKeys(files.credentialProfiles[profile], file: "credentials file") {
            return keys
        }
        if let command = config["credential_process"] {
            return try await CredentialProcessProvider(commandLine: command, profile: profile).credentials()
        }
        return try staticKeys(files.configProfiles[profile], file: "config file")
    }

    private func staticKeys(_ values: [String: String]?, file: String) throws -> AWSCredentials? {
        guard let values else { return nil }
        switch (values["aws_access_key_id"], values["aws_secret_access_key"]) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                                  sessionToken: values["aws_session_token"] ?? values["aws_security_token"],
                                  source: "profile \(profile) (\(file))")
        default:
            throw ClientError.credentialsFailed(
                source: "profile \(profile)",
                reason: "the \(file) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }

    private func assumeRole() async throws -> AWSCredentials? {
        let source = "role profile \(profile)"
        guard let roleARN = config["role_arn"] else { return nil }
        var input = STSClient.AssumeRoleInput(
            roleARN: roleARN,
            sessionName: config["role_session_name"] ?? "pca-tui-\(Int(context.now().timeIntervalSince1970))",
            externalID: config["external_id"],
            durationSeconds: config["duration_seconds"].flatMap { Int($0) })
        input.mfaSerial = config["mfa_serial"]
        // Keys the AWS CLI (or an earlier run) got for the same role are used without a new MFA code.
        let cache = AssumeRoleCache(environment: context.settings.environment, now: context.now)
        let cacheKey = AssumeRoleCache.key(input, sessionNameFromProfile: config["role_session_name"] != nil)
        if let cached = cache?.load(key: cacheKey, source: source) {
            return cached
        }
        let sourceCredentials = try await roleSourceCredentials(source: source)
        if let serial = input.mfaSerial {
            input.mfaCode = try await context.mfaPrompt(serial)
        }
        let endpoint = try context.settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: false)
        let sts = STSClient(endpoint: endpoint, transport: context.transport)
        let credentials = try await sts.assumeRole(input, credentials: sourceCredentials, source: source, date: context.now())
        cache?.store(key: cacheKey, credentials: credentials)
        return credentials
    }

    private func roleSourceCredentials(source: String) async throws -> AWSCredentials {
        let sourceProfile = config["source_profile"]
        let credentialSource = config["credential_source"]
        if sourceProfile != nil, credentialSource != nil {
            throw ClientError.credentialsFailed(source: source,
                                                reason: "set either source_profile or credential_source, not both")
        }
        let found: AWSCredentials?
        if let sourceProfile {
            guard !visited.contains(sourceProfile) else {
                throw ClientError.credentialsFailed(
                    source: source, reason: "source_profile loop: \((visited + [profile, sourceProfile]).joined(separator: " -> "))")
            }
            guard files.profileNames.contains(sourceProfile) else {
                throw ClientError.credentialsFailed(source: source, reason: "source_profile '\(sourceProfile)' does not exist")
            }
            if sourceProfile == profile {
                // A profile may name itself as the source of its own static keys.
                found = try await nonRoleCredentials()
            } else {
                found = try await ProfileCredentialProvider(profile: sourceProfile, context: context,
                                                            visited: visited + [profile]).credentials()
            }
        } else if let credentialSource {
            found = try await provider(forCredentialSource: credentialSource, source: source).credentials()
        } else {
            throw ClientError.credentialsFailed(source: source, reason: "role_arn needs source_profile or credential_source")
        }
        guard let found else {
            throw ClientError.credentialsFailed(source: source, reason: "the role's source has no credentials")
        }
        return found
    }

    private func provider(forCredentialSource name: String, source: String) throws -> CredentialProvider {
        let environment = context.settings.environment
        switch name {
        case "Environment": return EnvironmentCredentialProvider(environment: environment)
        case "Ec2InstanceMetadata": return InstanceMetadataCredentialProvider(environment: environment, transport: context.transport)
        case "EcsContainer": return ContainerCredentialProvider(environment: environment, transport: context.transport)
        default:
            throw ClientError.credentialsFailed(
                source: source,
                reason: "credential_source '\(name)' is not Environment, Ec2InstanceMetadata or EcsContainer")
        }
    }
}
