import Foundation
import PCAAdmin
import PCAClient
import PCALocal

/// Turns an `EstateChoice` into an `Estate`: the profiles (or every profile with credentials) times the
/// regions, or the accounts of the organization the profiles list, each reached through its role. Nothing
/// here throws for one account: a profile that does not resolve, or an organization that cannot be listed,
/// is a target with its reason.
public enum EstateBuilder {
    /// The caller an estate is reached from: its own client (credentials asked for once, MFA included) and
    /// where its requests go in each region.
    struct Caller: Sendable {
        var client: PCAClient
        var label: String
        var defaultRegion: String?
        var organizationsEndpoint: @Sendable () throws -> ResolvedEndpoint
        var endpoints: @Sendable (_ region: String) throws -> (pca: ResolvedEndpoint, acm: ResolvedEndpoint, trail: ResolvedEndpoint)
    }

    public static func build(_ choice: EstateChoice, options: GlobalOptions, environment: [String: String],
                             observer: APICallObserver? = nil,
                             mfaPrompt: @escaping MFACodePrompt = TerminalMFAPrompt.ask) async -> Estate {
        var targets: [EstateTarget] = []
        var notes: [String] = []
        var discoveryFailed = false
        for caller in callers(choice, options: options, environment: environment, observer: observer, mfaPrompt: mfaPrompt) {
            switch caller {
            case let .failure(failure):
                targets.append(EstateTarget(account: nil, label: failure.label, region: options.region ?? "-",
                                            access: .unavailable(reason: failure.reason)))
            case let .success(caller) where choice.organization:
                let (found, skipped) = await organizationTargets(caller, choice: choice)
                targets += found
                notes += skipped
                discoveryFailed = discoveryFailed || found.contains(where: \.isCallerFailure)
            case let .success(caller):
                targets += regionTargets(choice, caller: caller, account: nil, label: caller.label, role: nil,
                                         credentials: caller.client.credentialProvider)
            }
        }
        return Estate(name: choice.name, targets: unique(targets), notes: notes, discoveryFailed: discoveryFailed)
    }

    struct CallerFailure: Error {
        var label: String
        var reason: String
    }

    /// The callers the choice names: the demo (organization), each profile, or the session's own profile.
    static func callers(_ choice: EstateChoice, options: GlobalOptions, environment: [String: String],
                        observer: APICallObserver?, mfaPrompt: @escaping MFACodePrompt) -> [Result<Caller, CallerFailure>] {
        if options.demo {
            do {
                return [.success(try demoCaller(choice, options: options, observer: observer))]
            } catch {
                return [.failure(CallerFailure(label: "demo", reason: "\(error)"))]
            }
        }
        let files = SharedConfigFiles.load(environment: environment)
        let names: [String?] = choice.allProfiles ? profilesWithCredentials(files) : choice.profiles ?? [options.profile]
        return names.map { profile in
            do {
                return .success(try awsCaller(profile: profile, options: options, environment: environment, files: files,
                                              observer: observer, mfaPrompt: mfaPrompt))
            } catch {
                return .failure(CallerFailure(label: profile ?? "default", reason: ErrorWords.short(error)))
            }
        }
    }

    /// Every profile of the AWS config and credentials files that has credentials or a role to assume.
    static func profilesWithCredentials(_ files: SharedConfigFiles) -> [String] {
        let keys = ["aws_access_key_id", "role_arn", "sso_session", "sso_start_url", "credential_process",
                    "web_identity_token_file"]
        return files.profileNames.sorted().filter { name in
            let values = files.profile(name) ?? [:]
            return keys.contains { values[$0] != nil }
        }
    }

    static func awsCaller(profile: String?, options: GlobalOptions, environment: [String: String], files: SharedConfigFiles,
                          observer: APICallObserver?, mfaPrompt: @escaping MFACodePrompt) throws -> Caller {
        var clientOptions = ClientOptions(profile: profile, region: options.region, endpointURL: options.endpointURL)
        clientOptions.listConcurrency = options.concurrency
        // Without a region of its own, the profile is still the caller; its targets need --regions.
        let settings = try ClientSettings(options: clientOptions, environment: environment, files: files)
        // One transport for every account and region of the estate, with one cap on the requests in flight.
        let transport = ConcurrencyLimitedTransport(URLSessionTransport(maximumConnectionsPerHost: options.concurrency),
                                                    limit: options.concurrency)
        let client = try PCAClient(settings: settings, transport: transport, observer: observer,
                                   debugLog: Session.debugLog(options: options, environment: environment), mfaPrompt: mfaPrompt)
        let base = clientOptions
        return Caller(client: client, label: settings.profileName, defaultRegion: settings.region,
                      organizationsEndpoint: { try settings.organizationsEndpoint() },
                      endpoints: { region in
                          var regional = base
                          regional.region = region
                          let there = try ClientSettings(options: regional, environment: environment, files: files)
                          return (there.endpoint, try there.endpoint(forService: "acm", configKey: "acm", followServiceOverride: true),
                                  try there.endpoint(forService: "cloudtrail", configKey: "cloudtrail", followServiceOverride: true))
                      })
    }

    /// The demo: its one account, or with `--organization` the demo organization's management account.
    static func demoCaller(_ choice: EstateChoice, options: GlobalOptions, observer: APICallObserver?) throws -> Caller {
        let user = choice.organization ? DemoSeed.organizationAdmin : DemoSeed.users[options.demoUser == "issuer" ? 1 : 0]
        let transport: HTTPTransport
        if choice.organization {
            transport = OrganizationTransport(organization: EmulatedOrganization(statePath: options.demoState))
        } else {
            let emulator = try Emulator.open(seed: .demo, statePath: options.demoState)
            emulator.clockOffset = options.demoClockOffsetDays * 86_400
            transport = InProcessTransport(emulator: emulator)
        }
        let home = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: DemoSeed.region, isOverride: true)
        let client = PCAClient(endpoint: home, credentialProvider: StaticCredentialProvider(
                                   AWSCredentials(accessKeyID: user.accessKeyID, secretAccessKey: user.secretAccessKey, source: "demo"),
                                   name: "demo user \(user.name)"),
                               transport: transport, timeout: 30, stsEndpoint: home, observer: observer,
                               debugLog: Session.debugLog(options: options, environment: ProcessInfo.processInfo.environment))
        return Caller(client: client, label: "demo (\(user.name))", defaultRegion: DemoSeed.region,
                      organizationsEndpoint: { home },
                      endpoints: { region in
                          let there = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: region, isOverride: true)
                          return (there, there, there)
                      })
    }

    /// The organization's ACTIVE accounts times the regions: the caller's own account with its own
    /// credentials, every other one through the role. Accounts not ACTIVE are left out with a note.
    static func organizationTargets(_ caller: Caller, choice: EstateChoice) async -> ([EstateTarget], [String]) {
        let accounts: [OrganizationAccount]
        let own: String
        do {
            let organizations = OrganizationsClient(sharing: caller.client, endpoint: try caller.organizationsEndpoint())
            accounts = try await organizations.accounts()
            own = try await caller.client.callerIdentity().account
        } catch {
            return ([EstateTarget(account: nil, label: caller.label, region: caller.defaultRegion ?? "-",
                                  access: .unavailable(reason: "cannot list the organization's accounts: \(ErrorWords.short(error))"))], [])
        }
        var targets: [EstateTarget] = []
        var notes: [String] = []
        for account in accounts {
            guard let id = account.id else { continue }
            let label = account.name ?? id
            guard account.isActive else {
                notes.append("\(id) (\(label)) is \(account.lifecycleState ?? "in no known state"), not ACTIVE: left out")
                continue
            }
            let region = caller.defaultRegion ?? "us-east-1"
            let role = id == own ? nil : AssumeRoleCredentialProvider.roleARN(account: id, roleName: choice.organizationRole, region: region)
            let credentials: CredentialProvider = role.map { caller.client.assumeRoleProvider(roleARN: $0, sessionName: "pca-tui") }
                ?? caller.client.credentialProvider
            targets += regionTargets(choice, caller: caller, account: id, label: label, role: role, credentials: credentials)
        }
        return (targets, notes)
    }

    /// One target per region the choice names (each profile's own region by default), all sharing one set of
    /// credentials for the account.
    static func regionTargets(_ choice: EstateChoice, caller: Caller, account: String?, label: String, role: String?,
                              credentials: CredentialProvider) -> [EstateTarget] {
        let regions: [String]
        switch choice.regions {
        case .all?: regions = Partition.of(region: caller.defaultRegion ?? "us-east-1").regions
        case let .list(names)?: regions = names
        case nil: regions = caller.defaultRegion.map { [$0] } ?? []
        }
        let readOnly = choice.isReadOnly(account: account, label: label)
        guard !regions.isEmpty else {
            return [EstateTarget(account: account, label: label, region: "-", role: role, readOnly: readOnly, access: .unavailable(
                reason: "no region: the profile sets none; give --region or --regions"))]
        }
        return regions.map { region in
            let access: EstateTarget.Access
            do {
                let endpoints = try caller.endpoints(region)
                let pca = caller.client.with(credentialProvider: credentials, endpoint: endpoints.pca)
                var connection = AccountConnection(pca: pca, acm: ACMClient(sharing: pca, endpoint: endpoints.acm), region: region,
                                                   profileLabel: label, account: account, role: role)
                connection.cloudTrail = CloudTrailClient(sharing: pca, endpoint: endpoints.trail)
                access = .connection(connection)
            } catch {
                access = .unavailable(reason: ErrorWords.short(error))
            }
            return EstateTarget(account: account, label: label, region: region, role: role, readOnly: readOnly, access: access)
        }
    }

    /// The same account and region once (an account listed by two management profiles).
    static func unique(_ targets: [EstateTarget]) -> [EstateTarget] {
        var seen = Set<String>()
        return targets.filter { seen.insert("\($0.account ?? $0.label)/\($0.region)").inserted }
    }
}
