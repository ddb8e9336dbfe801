import Foundation
import PCAAdmin
import PCAClient
import PCALocal

/// Everything a command or the UI needs to talk to ACM-PCA: the client, and where it points.
public struct Session: Sendable {
    public var client: PCAClient
    /// ACM, sharing the client's credentials: the certificates ACM issued from the CAs and renews.
    public var acm: ACMClient
    public var region: String
    /// The profile in use, or a note such as "demo (ca-admin)".
    public var profileLabel: String
    /// Where requests go: a hostname, "in-process demo" or the override URL.
    public var endpointLabel: String
    public var settings: ClientSettings?
    /// The in-process emulator when running with `--demo`.
    public var emulator: Emulator?
    /// CloudTrail's event history, sharing the client's credentials: who changed a CA.
    public var cloudTrail: CloudTrailClient?

    /// Builds the session the options describe: the in-process emulator with `--demo`, AWS otherwise.
    /// `mfaPrompt` asks for the code of a profile's `mfa_serial` (on the terminal unless the UI supplies one).
    public static func make(options: GlobalOptions, environment: [String: String],
                            observer: APICallObserver? = nil,
                            mfaPrompt: @escaping MFACodePrompt = TerminalMFAPrompt.ask) throws -> Session {
        let debugLog = debugLog(options: options, environment: environment)
        if options.demo {
            let emulator = try Emulator.open(seed: .demo, statePath: options.demoState)
            emulator.clockOffset = options.demoClockOffsetDays * 86_400
            let user = DemoSeed.users[options.demoUser == "issuer" ? 1 : 0]
            let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: DemoSeed.region, isOverride: true)
            let client = PCAClient(
                endpoint: endpoint,
                credentialProvider: StaticCredentialProvider(
                    AWSCredentials(accessKeyID: user.accessKeyID, secretAccessKey: user.secretAccessKey, source: "demo"),
                    name: "demo user \(user.name)"),
                transport: InProcessTransport(emulator: emulator), timeout: 30, stsEndpoint: endpoint,
                observer: observer, debugLog: debugLog)
            return Session(client: client, acm: ACMClient(sharing: client, endpoint: endpoint), region: DemoSeed.region,
                           profileLabel: "demo (\(user.name))", endpointLabel: "in-process demo", settings: nil, emulator: emulator,
                           cloudTrail: CloudTrailClient(sharing: client, endpoint: endpoint))
        }
        var clientOptions = ClientOptions(profile: options.profile, region: options.region, endpointURL: options.endpointURL)
        clientOptions.listConcurrency = options.concurrency
        let settings = try ClientSettings(options: clientOptions, environment: environment)
        let client = try PCAClient(settings: settings, observer: observer, debugLog: debugLog, mfaPrompt: mfaPrompt)
        let acmEndpoint = try settings.endpoint(forService: "acm", configKey: "acm", followServiceOverride: true)
        let trailEndpoint = try settings.endpoint(forService: "cloudtrail", configKey: "cloudtrail", followServiceOverride: true)
        return Session(client: client, acm: ACMClient(sharing: client, endpoint: acmEndpoint),
                       region: settings.region ?? settings.endpoint.signingRegion,
                       profileLabel: settings.profileName,
                       endpointLabel: settings.endpoint.isOverride ? settings.endpoint.url.absoluteString
                           : (settings.endpoint.url.host ?? settings.endpoint.url.absoluteString),
                       settings: settings, emulator: nil, cloudTrail: CloudTrailClient(sharing: client, endpoint: trailEndpoint))
    }
}

extension Session {
    /// The account and region as the domain talks to it.
    public var connection: AccountConnection {
        var connection = AccountConnection(pca: client, acm: acm, region: region, profileLabel: profileLabel)
        connection.cloudTrail = cloudTrail
        return connection
    }

    /// The one inventory loader, for this session.
    func loader(concurrency: Int) -> InventoryLoader {
        InventoryLoader(connection: connection, concurrency: concurrency)
    }
}

extension Session {
    /// `--debug` (or PCA_TUI_DEBUG=1): requests and answers on stderr, secrets redacted; for every client made.
    static func debugLog(options: GlobalOptions, environment: [String: String]) -> DebugLog? {
        options.debug || environment["PCA_TUI_DEBUG"] == "1" ? DebugLog { CommandOutput.standard.err($0 + "\n") } : nil
    }
}
