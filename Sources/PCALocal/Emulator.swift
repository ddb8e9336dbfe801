import Foundation
import PCAClient

/// The ACM-PCA emulator's core: authenticates a request like AWS (SigV4, IAM allow-list), applies AWS's
/// rules to the state and answers in AWS's JSON 1.1 shape (and STS's XML for GetCallerIdentity). The
/// in-process transport and the loopback server both call `respond(to:)`.
public final class Emulator: @unchecked Sendable {
    let lock = NSLock()
    var state: EmulatorState
    private let statePath: String?
    public let faults: FaultInjection
    let now: @Sendable () -> Date
    private var buckets: [String: TokenBucket] = [:]
    /// CloudTrail's LookupEvents rate (two a second), kept apart from the fault-injection buckets.
    var lookupBucket: TokenBucket?
    /// Calls received per operation, for `FaultInjection.Delay`'s Nth call.
    private var received: [String: Int] = [:]
    /// ARN -> position in `state.authorities`; rebuilt when the list changes length.
    private var positions: [String: Int] = [:]
    private var random = SystemRandomNumberGenerator()
    /// Keys handed out by STS AssumeRole, with their expiry; kept in memory only, never in the state file.
    var temporaryUsers: [String: (user: EmulatedUser, expiresAt: Date)] = [:]
    /// The user of the request being answered. Set and read with the lock held.
    var caller: EmulatedUser?
    /// CA keys ready to sign, by CA ARN (reading a key from the state costs a modular inverse).
    var signingKeys: [String: CASigningKey] = [:]
    /// CAs whose RSA key is being made in the background.
    var keysInFlight: Set<String> = []
    /// Issued certificates still "being issued": how many more GetCertificate calls answer
    /// RequestInProgressException, by certificate ARN.
    var readsInProgress: [String: Int] = [:]
    /// Seconds ACM's clock runs ahead of `now` (`--clock-offset-days`): renewal windows and expiry follow it,
    /// signatures keep real time.
    public var clockOffset: TimeInterval {
        get { lock.withLock { offset } }
        set { lock.withLock { offset = newValue } }
    }
    private var offset: TimeInterval = 0

    /// ACM's clock. Called with the lock held.
    func acmNow() -> Date { now().addingTimeInterval(offset) }

    public init(state: EmulatorState, statePath: String? = nil, faults: FaultInjection = FaultInjection(),
                now: @escaping @Sendable () -> Date = Date.init) {
        self.state = state
        self.statePath = statePath
        self.faults = faults
        self.now = now
    }

    /// Opens the state file when it exists (the seed is then ignored), or starts from the seed and, with
    /// a path, writes it there at once.
    /// `syntheticCount` replaces the seed with that many generated CAs (for benchmarks).
    public static func open(seed: DemoSeed.Kind, statePath: String?, faults: FaultInjection = FaultInjection(),
                            syntheticCount: Int? = nil, acmPerCA: Int = 0,
                            now: @escaping @Sendable () -> Date = Date.init) throws -> Emulator {
        if let statePath, FileManager.default.fileExists(atPath: statePath) {
            var state = try EmulatorState.load(from: statePath)
            state.replaceSimulatedX509()
            return Emulator(state: state, statePath: statePath, faults: faults, now: now)
        }
        let initial = syntheticCount.map { DemoSeed.scaleState(count: $0, acmPerCA: acmPerCA, now: now()) } ?? DemoSeed.state(seed, now: now())
        let emulator = Emulator(state: initial, statePath: statePath, faults: faults, now: now)
        try emulator.persist()
        return emulator
    }

    /// The position of the CA with `arn`. Called with the lock held.
    func index(of arn: String) -> Int? {
        func lookup() -> Int? {
            guard let position = positions[arn], position < state.authorities.count,
                  state.authorities[position].arn == arn else { return nil }
            return position
        }
        if let found = lookup() { return found }
        // A miss may mean the list changed since the map was built: rebuild once, then trust the answer.
        positions = Dictionary(state.authorities.enumerated().map { ($1.arn, $0) }, uniquingKeysWith: { first, _ in first })
        return lookup()
    }

    /// A copy of the current state.
    public var snapshot: EmulatorState {
        lock.withLock { state }
    }

    /// Writes the state file, if there is one.
    public func persist() throws {
        guard let statePath else { return }
        try lock.withLock { try state.save(to: statePath) }
    }

    /// Runs one ACM-PCA operation; nil when the emulator does not know it.
    private func perform(_ operation: String, _ input: RequestInput) throws -> Data?? {
        switch operation {
        case "ListCertificateAuthorities": return try listCertificateAuthorities(input)
        case "DescribeCertificateAuthority": return try describeCertificateAuthority(input)
        case "CreateCertificateAuthority": return try createCertificateAuthority(input)
        case "UpdateCertificateAuthority": return try updateCertificateAuthority(input)
        case "DeleteCertificateAuthority": return try deleteCertificateAuthority(input)
        case "RestoreCertificateAuthority": return try restoreCertificateAuthority(input)
        case "ListPermissions": return try listPermissions(input)
        case "CreatePermission": return try createPermission(input)
        case "DeletePermission": return try deletePermission(input)
        case "GetPolicy": return try getPolicy(input)
        case "PutPolicy": return try putPolicy(input)
        case "DeletePolicy": return try deletePolicy(input)
        case "ListTags": return try listTags(input)
        case "TagCertificateAuthority": return try tagCertificateAuthority(input)
        case "UntagCertificateAuthority": return try untagCertificateAuthority(input)
        case "GetCertificateAuthorityCertificate": return try getCertificateAuthorityCertificate(input)
        case "IssueCertificate": return try issueCertificate(input)
        case "GetCertificate": return try getCertificate(input)
        case "GetCertificateAuthorityCsr": return try getCertificateAuthorityCsr(input)
        case "ImportCertificateAuthorityCertificate": return try importCertificateAuthorityCertificate(input)
        case "RevokeCertificate": return try revokeCertificate(input)
        case "CreateCertificateAuthorityAuditReport": return try createCertificateAuthorityAuditReport(input)
        case "DescribeCertificateAuthorityAuditReport": return try describeCertificateAuthorityAuditReport(input)
        default: return nil
        }
    }

    static let operationNames: Set<String> = [
        "ListCertificateAuthorities", "DescribeCertificateAuthority", "CreateCertificateAuthority",
        "UpdateCertificateAuthority", "DeleteCertificateAuthority", "RestoreCertificateAuthority", "ListPermissions",
        "CreatePermission", "DeletePermission", "GetPolicy", "PutPolicy", "DeletePolicy", "ListTags",
        "TagCertificateAuthority", "UntagCertificateAuthority", "GetCertificateAuthorityCertificate",
        "IssueCertificate", "GetCertificate", "GetCertificateAuthorityCsr", "ImportCertificateAuthorityCertificate",
        "RevokeCertificate", "CreateCertificateAuthorityAuditReport", "DescribeCertificateAuthorityAuditReport",
    ]

    /// Operations that change the state (the state file is written after each).
    static let writes: Set<String> = [
        "CreateCertificateAuthority", "UpdateCertificateAuthority", "DeleteCertificateAuthority",
        "RestoreCertificateAuthority", "CreatePermission", "DeletePermission", "PutPolicy", "DeletePolicy",
        "TagCertificateAuthority", "UntagCertificateAuthority", "IssueCertificate",
        "ImportCertificateAuthorityCertificate", "RevokeCertificate", "CreateCertificateAuthorityAuditReport",
        // The CSR is made on first request for a CA that has none, and kept.
        "GetCertificateAuthorityCsr",
    ]

    /// Answers one request. Thread-safe; never throws: every failure becomes AWS's error answer.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let target = request.url.path.isEmpty ? "/" : request.url.path
            + (request.url.query.map { "?\($0)" } ?? "")
        return respond(method: request.method, target: target, headers: request.headers, body: request.body)
    }

    public func respond(method: String, target: String, headers: [(name: String, value: String)], body: Data) -> HTTPResponse {
        let received = SigV4Verifier.ReceivedRequest(method: method, target: target, headers: headers, body: body)
        let requestID = UUID().uuidString.lowercased()
        let isSTS = received.header("x-amz-target") == nil
            && (received.header("content-type") ?? "").hasPrefix("application/x-www-form-urlencoded")
        do {
            return try lock.withLock {
                // One server, one file or folder per service: ACM-PCA here, ACM in ACM/, STS in STSAnswers.
                let isACM = (received.header("x-amz-target") ?? "").hasPrefix(Self.acmTargetPrefix)
                let isCloudTrail = Self.isCloudTrail(received)
                let isOrganizations = (received.header("x-amz-target") ?? "").hasPrefix(Self.organizationsTargetPrefix)
                let user = try authenticate(received, service: isSTS ? "sts" : isACM ? "acm" : isCloudTrail ? "cloudtrail"
                                            : isOrganizations ? "organizations" : "acm-pca")
                if isOrganizations {
                    // One account on its own (EmulatedOrganization answers for an organization's accounts).
                    throw EmulatorError.organizationsNotInUse
                }
                if isSTS {
                    return try stsAnswer(received, user: user, requestID: requestID)
                }
                if isCloudTrail {
                    return try cloudTrailAnswer(received, user: user, requestID: requestID)
                }
                // Writes and refused attempts go into CloudTrail's event history (Emulator+CloudTrail).
                return try recordingRefusals(received, user: user, requestID: requestID) {
                    isACM ? try acmAnswer(received, user: user, requestID: requestID)
                        : try pcaAnswer(received, user: user, requestID: requestID)
                }
            }
        } catch let error as EmulatorError {
            return isSTS ? STSAnswers.error(error, requestID: requestID) : Self.errorResponse(error, requestID: requestID)
        } catch {
            return Self.errorResponse(EmulatorError("InternalFailure", "\(error)", status: 500), requestID: requestID)
        }
    }

    func authenticate(_ request: SigV4Verifier.ReceivedRequest, service: String) throws -> EmulatedUser {
        guard let header = request.header("authorization") else {
            throw EmulatorError("MissingAuthenticationTokenException", "Missing Authentication Token")
        }
        let authorization = try SigV4Verifier.parseAuthorization(header)
        let temporary = temporaryUsers[authorization.accessKeyID]
        guard let user = temporary?.user ?? state.users.first(where: { $0.accessKeyID == authorization.accessKeyID }) else {
            throw EmulatorError("UnrecognizedClientException", "The security token included in the request is invalid.")
        }
        if let temporary, temporary.expiresAt <= now() {
            throw EmulatorError("ExpiredTokenException", "The security token included in the request is expired")
        }
        let token = request.header("x-amz-security-token")
        if user.sessionToken != token {
            throw EmulatorError("UnrecognizedClientException", "The security token included in the request is invalid.")
        }
        if token != nil, !authorization.signedHeaders.contains("x-amz-security-token") {
            throw EmulatorError("InvalidSignatureException", "The security token must be signed (x-amz-security-token).")
        }
        if authorization.service != service {
            throw EmulatorError("InvalidSignatureException",
                                "Credential should be scoped to correct service: '\(service)'. ")
        }
        // STS and Organizations sign for their own (global) region.
        if service != "sts", service != "organizations", authorization.region != state.region {
            throw EmulatorError("InvalidSignatureException",
                                "Credential should be scoped to a valid region, not '\(authorization.region)'. ")
        }
        try SigV4Verifier.verify(request, authorization: authorization, secret: user.secretAccessKey, now: now())
        return user
    }

    /// The state file is written after an answer that changed the state.
    func saveState() throws {
        if let statePath { try state.save(to: statePath) }
    }

    private func pcaAnswer(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String) throws -> HTTPResponse {
        guard request.method == "POST" else {
            throw EmulatorError("UnknownOperationException", "Only POST is accepted.", status: 400)
        }
        let target = request.header("x-amz-target") ?? ""
        let prefix = "ACMPrivateCA."
        let operation = target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : ""
        guard Self.operationNames.contains(operation) else {
            throw EmulatorError("UnknownOperationException", "")
        }
        try injectFaults(operation: operation)
        let input = try RequestInput(body: request.body)
        let resource = input.members[Self.resourceMember(of: operation)] as? String
        guard user.isAllowed("acm-pca:\(operation)") else {
            throw EmulatorError(
                "AccessDeniedException",
                "User: \(userARN(user)) is not authorized to perform: acm-pca:\(operation) on resource: "
                    + "\(resource ?? "arn:aws:acm-pca:\(state.region):\(state.account):certificate-authority/*") "
                    + "because no identity-based policy allows the acm-pca:\(operation) action")
        }
        // Every constraint of the model, all violations counted, before anything is looked up.
        try InputValidator.validate(operation: operation, members: input.members)
        try authorizeAcrossAccounts(operation, resource: resource, user: user, input: input)
        caller = user
        let body = try perform(operation, input) ?? nil
        recordTrail(request, source: CAHistorySource.acmPCA, operation: operation, members: input.members, user: user,
                    requestID: requestID, response: body)
        if Self.writes.contains(operation), let statePath {
            try state.save(to: statePath)
        }
        var headers = [("x-amzn-RequestId", requestID)]
        if body != nil { headers.append(("Content-Type", "application/x-amz-json-1.1")) }
        return HTTPResponse(statusCode: 200, headers: headers, body: body ?? Data())
    }

    /// The member naming the CA an operation acts on: `ResourceArn` for the policy operations (whatever else
    /// the body carries), `CertificateAuthorityArn` for the rest.
    static func resourceMember(of operation: String) -> String {
        ["GetPolicy", "PutPolicy", "DeletePolicy"].contains(operation) ? "ResourceArn" : "CertificateAuthorityArn"
    }

    /// Operations only the CA's owner may call. A CA shared through AWS RAM can be read and used to issue, but
    /// changing it (or reading its resource policy, which the documented sharing policy does not allow) from
    /// another account is denied by AWS as a missing resource-based policy.
    static let ownerOnly: Set<String> = [
        "CreatePermission", "DeletePermission", "UpdateCertificateAuthority", "GetPolicy", "PutPolicy", "DeletePolicy",
        "TagCertificateAuthority", "UntagCertificateAuthority", "DeleteCertificateAuthority", "RestoreCertificateAuthority",
        "ImportCertificateAuthorityCertificate", "RevokeCertificate", "CreateCertificateAuthorityAuditReport",
    ]


    /// How long to hold a request before answering it: the simulated latency, plus the delay set for its
    /// operation (named by X-Amz-Target). The caller sleeps outside the emulator's lock, so other requests
    /// (a read of the state while a change is held) are answered meanwhile.
    public func delay(headers: [(name: String, value: String)]) -> TimeInterval {
        faults.delay(headers: headers) { operation in
            lock.withLock {
                received[operation, default: 0] += 1
                return received[operation, default: 0]
            }
        }
    }

    func injectFaults(operation: String) throws {
        if faults.throttleRate > 0, Double.random(in: 0..<1, using: &random) < faults.throttleRate {
            throw EmulatorError("ThrottlingException", "Rate exceeded")
        }
        if faults.errorRate > 0, Double.random(in: 0..<1, using: &random) < faults.errorRate {
            throw EmulatorError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", status: 500)
        }
        if let tps = faults.transactionsPerSecond {
            var bucket = buckets[operation] ?? TokenBucket(rate: tps, now: now())
            let allowed = bucket.take(now: now())
            buckets[operation] = bucket
            if !allowed { throw EmulatorError("ThrottlingException", "Rate exceeded") }
        }
    }

    func userARN(_ user: EmulatedUser) -> String {
        let account = user.account ?? state.account
        return user.name.hasPrefix("assumed-role/") ? "arn:aws:sts::\(account):\(user.name)" : "arn:aws:iam::\(account):user/\(user.name)"
    }

    /// Registers keys from AssumeRole. Called with the lock held; expired keys are dropped here.
    func addTemporaryUser(_ user: EmulatedUser, expiresAt: Date) {
        let current = now()
        temporaryUsers = temporaryUsers.filter { $0.value.expiresAt > current }
        temporaryUsers[user.accessKeyID] = (user, expiresAt)
    }

    static func errorResponse(_ error: EmulatorError, requestID: String) -> HTTPResponse {
        let body: [String: String] = ["__type": error.code, "message": error.message]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(statusCode: error.status, headers: [
            ("x-amzn-RequestId", requestID),
            ("x-amzn-ErrorType", error.code),
            ("Content-Type", "application/x-amz-json-1.1"),
        ], body: data)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder.encode(value)
    }
}
