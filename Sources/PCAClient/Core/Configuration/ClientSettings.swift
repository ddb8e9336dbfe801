import Foundation

/// What the user chose on the command line; everything not given here comes from the environment and
/// the shared files.
public struct ClientOptions: Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// Keys handed over directly; they win over every other source.
    public var credentials: AWSCredentials?
    /// Per-request timeout in seconds.
    public var requestTimeout: TimeInterval = 30
    /// How many ListPermissions calls may run at once when listing CAs.
    public var listConcurrency: Int = 8

    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                credentials: AWSCredentials? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.credentials = credentials
    }
}

/// Settings resolved in the AWS CLI's order of precedence: flags, then environment, then the profile.
public struct ClientSettings: Sendable {
    public var options: ClientOptions
    public var environment: [String: String]
    public var files: SharedConfigFiles
    /// The profile in use (`default` when none was named).
    public var profileName: String
    /// True when the profile came from `--profile`: botocore then skips the environment's keys.
    public var profileIsExplicit: Bool
    public var region: String?
    public var endpoint: ResolvedEndpoint
    public var retryPolicy: RetryPolicy
    /// `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, and the dual-stack twin, for every service's endpoint.
    public var useFIPS = false
    public var useDualStack = false

    public init(options: ClientOptions, environment: [String: String], files: SharedConfigFiles? = nil) throws {
        self.options = options
        self.environment = environment
        let files = files ?? SharedConfigFiles.load(environment: environment)
        self.files = files
        let profile = options.profile ?? environment.nonEmpty("AWS_DEFAULT_PROFILE") ?? environment.nonEmpty("AWS_PROFILE")
        profileName = profile ?? "default"
        profileIsExplicit = options.profile != nil
        if profile != nil, profileName != "default", !files.profileNames.contains(profileName) {
            throw ClientError.invalidConfiguration(
                "the config profile (\(profileName)) could not be found in the AWS config or credentials files")
        }
        let profileSettings = files.profile(profileName) ?? [:]
        region = options.region ?? environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION")
            ?? profileSettings["region"]
        let useFIPS = Self.flag(environment["AWS_USE_FIPS_ENDPOINT"] ?? profileSettings["use_fips_endpoint"])
        let useDualStack = Self.flag(environment["AWS_USE_DUALSTACK_ENDPOINT"] ?? profileSettings["use_dualstack_endpoint"])
        let override = try Self.endpointOverride(service: "acm_pca", explicit: options.endpointURL,
                                                 environment: environment, files: files, profile: profileName)
        endpoint = try EndpointResolver.resolve(region: region, useFIPS: override == nil && useFIPS,
                                                useDualStack: override == nil && useDualStack, override: override)
        self.useFIPS = useFIPS
        self.useDualStack = useDualStack
        retryPolicy = try RetryPolicy(environment: environment, profile: profileSettings)
    }

    /// The endpoint for `service` (config key such as `sts`), following the same override rules.
    /// With `followServiceOverride`, a request that would go to AWS goes to the ACM-PCA override instead.
    public func endpoint(forService service: String, configKey: String,
                         followServiceOverride: Bool) throws -> ResolvedEndpoint {
        let override = try Self.endpointOverride(service: configKey, explicit: nil, environment: environment,
                                                 files: files, profile: profileName)
        // STS follows its own settings (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, [services] sts, the profile's
        // endpoint_url), never an ACM-PCA-only override: a VPC endpoint for ACM-PCA does not answer STS. The one
        // exception is `--endpoint-url` pointing at an emulator (plain http, or a loopback address): pca-local,
        // LocalStack and moto answer STS on the same port, and real AWS would not know their keys.
        if followServiceOverride, override == nil, let flag = options.endpointURL,
           let url = try? Self.parseURL(flag), Self.isEmulator(url) {
            return ResolvedEndpoint(url: endpoint.url, signingRegion: endpoint.signingRegion, isOverride: true)
        }
        return try EndpointResolver.resolve(service: service, region: region ?? "us-east-1",
                                            useFIPS: override == nil && useFIPS && service != "sts",
                                            useDualStack: override == nil && useDualStack && service != "sts", override: override)
    }

    /// Explicit flag > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > `[services]` section > profile
    /// `endpoint_url`; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` leaves only the explicit flag.
    static func endpointOverride(service: String, explicit: String?, environment: [String: String],
                                 files: SharedConfigFiles, profile: String) throws -> URL? {
        if let explicit { return try parseURL(explicit) }
        let profileSettings = files.profile(profile) ?? [:]
        let ignore = flag(environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]
                          ?? profileSettings["ignore_configured_endpoint_urls"])
        if ignore { return nil }
        let envName = "AWS_ENDPOINT_URL_" + service.uppercased()
        let servicesSection = profileSettings["services"].flatMap { files.services[$0] }
        let candidate = environment.nonEmpty(envName) ?? environment.nonEmpty("AWS_ENDPOINT_URL")
            ?? servicesSection?[service]?["endpoint_url"] ?? profileSettings["endpoint_url"]
        return try candidate.map(parseURL)
    }

    /// Plain http or a loopback host: an emulator, never a real AWS endpoint (those are https).
    static func isEmulator(_ url: URL) -> Bool {
        let host = (url.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return url.scheme?.lowercased() == "http" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func parseURL(_ text: String) throws -> URL {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)) else {
            throw ClientError.invalidConfiguration("'\(text)' is not a URL")
        }
        try EndpointResolver.validateOverride(url)
        return url
    }

    static func flag(_ value: String?) -> Bool {
        value?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
    }
}

extension Dictionary where Key == String, Value == String {
    /// The value for `key` unless it is missing or empty (an empty variable counts as unset, as in botocore).
    func nonEmpty(_ key: String) -> String? {
        guard let value = self[key], !value.isEmpty else { return nil }
        return value
    }
}
