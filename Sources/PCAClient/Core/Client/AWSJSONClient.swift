import Foundation

/// An AWS JSON 1.1 service as the wire and the signature name it.
public struct AWSJSONService: Sendable, Hashable {
    /// The `X-Amz-Target` prefix (`ACMPrivateCA.ListPermissions`).
    public var targetPrefix: String
    /// The SigV4 signing name and endpoint prefix.
    public var signingName: String

    public init(targetPrefix: String, signingName: String) {
        self.targetPrefix = targetPrefix
        self.signingName = signingName
    }

    public static let acmPCA = AWSJSONService(targetPrefix: "ACMPrivateCA", signingName: "acm-pca")
    public static let acm = AWSJSONService(targetPrefix: "CertificateManager", signingName: "acm")
}

/// The shared AWS machinery for one JSON 1.1 service: SigV4 signing, the credential chain, the SDKs' retries
/// and pacing, timeouts, the activity observer and the debug log. A service is its operations on top
/// (`Services/ACMPCA`, `Services/ACM`); adding one adds a folder there, not a change here.
public final class AWSJSONClient: Sendable {
    public static let userAgent = "pca-tui/\(PCAVersion.current)"

    public let service: AWSJSONService
    public let endpoint: ResolvedEndpoint
    public let credentialProvider: CredentialProvider
    public let retry: RetryStrategy
    /// Paces requests once the service throttles (adaptive retry mode only).
    public let rateLimiter: AdaptiveRateLimiter?
    public let timeout: TimeInterval
    let transport: HTTPTransport
    let stsEndpoint: ResolvedEndpoint?
    let observer: APICallObserver?
    let debugLog: DebugLog?
    let now: @Sendable () -> Date
    let sleep: @Sendable (Double) async throws -> Void

    /// The retry policy, kept to make clients for other services alike.
    let retryPolicy: RetryPolicy
    let random: @Sendable () -> Double

    public init(service: AWSJSONService = .acmPCA, endpoint: ResolvedEndpoint, credentialProvider: CredentialProvider,
                transport: HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy(), timeout: TimeInterval = 30,
                stsEndpoint: ResolvedEndpoint? = nil, observer: APICallObserver? = nil, debugLog: DebugLog? = nil,
                now: @escaping @Sendable () -> Date = Date.init,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.service = service
        self.retryPolicy = retryPolicy
        self.random = random
        self.endpoint = endpoint
        self.credentialProvider = credentialProvider
        self.transport = transport
        self.retry = RetryStrategy(policy: retryPolicy, random: random)
        self.rateLimiter = retryPolicy.mode == .adaptive ? AdaptiveRateLimiter(now: now, sleep: sleep) : nil
        self.timeout = timeout
        self.stsEndpoint = stsEndpoint
        self.observer = observer
        self.debugLog = debugLog
        self.now = now
        self.sleep = sleep
    }

    /// A client for the resolved settings, with the default credential chain.
    public convenience init(settings: ClientSettings, transport: HTTPTransport = URLSessionTransport(),
                            observer: APICallObserver? = nil, debugLog: DebugLog? = nil,
                            mfaPrompt: @escaping MFACodePrompt = TerminalMFAPrompt.ask) throws {
        let context = CredentialContext(settings: settings, transport: transport, mfaPrompt: mfaPrompt)
        self.init(endpoint: settings.endpoint, credentialProvider: DefaultCredentialChain.make(context: context),
                  transport: transport, retryPolicy: settings.retryPolicy, timeout: settings.options.requestTimeout,
                  stsEndpoint: try settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: true),
                  observer: observer, debugLog: debugLog)
    }

    /// A client for another service at `endpoint` that shares this one's credentials (one MFA prompt, one
    /// refresh), transport, retry policy, timeout, observer and debug log; it paces its own requests.
    public func forService(_ other: AWSJSONService, endpoint: ResolvedEndpoint) -> AWSJSONClient {
        AWSJSONClient(service: other, endpoint: endpoint, credentialProvider: credentialProvider, transport: transport,
                      retryPolicy: retryPolicy, timeout: timeout, stsEndpoint: stsEndpoint, observer: observer,
                      debugLog: debugLog, now: now, sleep: sleep, random: random)
    }

    // MARK: - Calls

    /// The encoder of request bodies: AWS's member names, epoch-second timestamps, sorted keys.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    /// The largest answer read from any transport. Real ACM-PCA answers are a few KiB (a page of 100 CAs
    /// with their CSRs stays well under 1 MiB); anything bigger is a hostile or broken server.
    public static let maximumResponseBytes = 8 << 20

    /// Timestamps beyond year 9999 (or before year 1), infinities and NaN are decoding errors: every later
    /// use (days to expiry, formatting) may then convert them to integers safely.
    static let maximumTimestamp: Double = 253_402_300_799

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let seconds = try container.decode(Double.self)
            guard seconds.isFinite, abs(seconds) <= maximumTimestamp else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription:
                    "timestamp \(seconds) is out of range (years 1 to 9999)")
            }
            return Date(timeIntervalSince1970: seconds)
        }
        return decoder
    }()

    /// Sends one operation with retries and returns its decoded output.
    public func send<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input,
                                                          resourceARN: String? = nil,
                                                          as output: Output.Type = Output.self) async throws -> Output {
        let body = try Self.encoder.encode(input)
        let response = try await sendWithRetries(operation: operation, body: body, resourceARN: resourceARN)
        return try Self.decode(Output.self, from: response, operation: operation)
    }

    /// Sends one operation with retries and returns its successful answer undecoded, for a caller that reads
    /// something from it before decoding it (`Paginator.prefetching`); decode it with `decode(_:from:operation:)`.
    public func sendUndecoded<Input: Encodable>(_ operation: String, _ input: Input, resourceARN: String? = nil) async throws -> HTTPResponse {
        try await sendWithRetries(operation: operation, body: try Self.encoder.encode(input), resourceARN: resourceARN)
    }

    /// An operation's answer decoded, or `ClientError.malformedResponse` saying what in it was wrong.
    public static func decode<Output: Decodable>(_ type: Output.Type, from response: HTTPResponse, operation: String) throws -> Output {
        let body = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d } ? Data("{}".utf8) : response.body
        do {
            return try decoder.decode(Output.self, from: body)
        } catch {
            throw ClientError.malformedResponse(operation: operation, statusCode: response.statusCode,
                                                detail: Self.describe(decodingError: error))
        }
    }

    private static func describe(decodingError error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "bad value at \(path): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "unexpected value at \(path.isEmpty ? "top level" : path)"
        case DecodingError.keyNotFound(let key, _):
            return "missing member \(key.stringValue)"
        default:
            return "\(error)"
        }
    }

    private func sendWithRetries(operation: String, body: Data, resourceARN: String?) async throws -> HTTPResponse {
        let started = now()
        var attempt = 0
        var lastKind: RetryStrategy.Kind?
        var lastStatus: Int?
        var refreshedExpiredCredentials = false
        while true {
            attempt += 1
            try Task.checkCancellation()
            do {
                try await rateLimiter?.acquire()
                let response = try await attemptOnce(operation: operation, body: body)
                lastStatus = response.statusCode
                guard (200..<300).contains(response.statusCode) else {
                    throw AWSErrorParser.error(from: response, operation: operation)
                }
                await rateLimiter?.recordSuccess()
                await retry.recordSuccess(retried: attempt > 1, lastKind: lastKind)
                record(operation, started, response.statusCode, nil, response.header("x-amzn-RequestId"), attempt, resourceARN)
                return response
            } catch let error as AWSError where Self.isExpiredCredentials(error) && !refreshedExpiredCredentials {
                // The cached temporary credentials were rejected as expired: fetch new ones once and try again.
                refreshedExpiredCredentials = true
                await (credentialProvider as? RefreshingCredentialProvider)?.invalidate()
                lastStatus = error.statusCode
                attempt -= 1
                continue
            } catch {
                if error is CancellationError { throw error }
                if retry.classify(error) == .throttling { await rateLimiter?.recordThrottle() }
                if let delay = await retry.delayBeforeRetry(after: error, attempt: attempt) {
                    lastKind = retry.classify(error)
                    debugLog?.note("retrying \(operation) after \(error) in \(String(format: "%.2f", delay)) s")
                    try await sleep(delay)
                    continue
                }
                let awsError = error as? AWSError
                record(operation, started, awsError?.statusCode ?? lastStatus,
                       awsError?.code.rawValue ?? "\(error)", awsError?.requestID, attempt, resourceARN)
                throw error
            }
        }
    }

    static func isExpiredCredentials(_ error: AWSError) -> Bool {
        error.code == .expiredToken || error.code.rawValue == "ExpiredToken"
    }

    private func attemptOnce(operation: String, body: Data) async throws -> HTTPResponse {
        guard let credentials = try await credentialProvider.credentials() else {
            throw ClientError.noCredentials(tried: [credentialProvider.name])
        }
        var request = HTTPRequest(method: "POST", url: endpoint.url, headers: [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "\(service.targetPrefix).\(operation)"),
            ("User-Agent", Self.userAgent),
        ], body: body)
        SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: service.signingName)
            .sign(&request, date: now())
        debugLog?.request(request)
        let transport = self.transport
        let timeout = self.timeout
        let signed = request
        // A transport that ends every exchange at its deadline needs no second timer (a task group and a sleeping
        // task per request, a measurable share of a large listing's CPU).
        let response = transport.enforcesDeadline ? try await transport.send(signed, timeout: timeout)
            : try await withTimeout(timeout) { try await transport.send(signed, timeout: timeout) }
        debugLog?.response(response)
        guard response.body.count <= Self.maximumResponseBytes else {
            throw ClientError.malformedResponse(operation: operation, statusCode: response.statusCode,
                                                detail: Self.tooLargeDetail)
        }
        return response
    }

    private func record(_ operation: String, _ started: Date, _ status: Int?, _ errorCode: String?,
                        _ requestID: String?, _ attempts: Int, _ resourceARN: String?) {
        observer?(APICallRecord(operation: operation, startedAt: started, duration: now().timeIntervalSince(started),
                                statusCode: status, errorCode: errorCode, requestID: requestID, attempts: attempts,
                                resourceARN: resourceARN))
    }

    /// A line in the `--debug` log, for what a layer above decided (which way it read, what it skipped).
    public func debugNote(_ text: String) {
        debugLog?.note(text)
    }

    public static let tooLargeDetail = "the answer is larger than \(maximumResponseBytes >> 20) MiB, far beyond any real ACM-PCA answer"

    // MARK: - Who am I

    /// STS GetCallerIdentity with the client's credentials.
    public func callerIdentity() async throws -> CallerIdentity {
        guard let credentials = try await credentialProvider.credentials() else {
            throw ClientError.noCredentials(tried: [credentialProvider.name])
        }
        let sts = STSClient(endpoint: stsEndpoint ?? endpoint, transport: transport, timeout: timeout)
        let started = now()
        do {
            let identity = try await sts.getCallerIdentity(credentials: credentials, date: now())
            record("GetCallerIdentity", started, 200, nil, nil, 1, nil)
            return identity
        } catch {
            let awsError = error as? AWSError
            record("GetCallerIdentity", started, awsError?.statusCode, awsError?.code.rawValue ?? "\(error)",
                   awsError?.requestID, 1, nil)
            throw error
        }
    }
}

/// The program's version, shown by `--version` and sent in the User-Agent.
public enum PCAVersion {
    public static let current = "0.1.0"
}

/// The ACM-PCA client: the shared machinery pointed at ACM-PCA, with the operations in `Services/ACMPCA`.
public typealias PCAClient = AWSJSONClient
