import Foundation
import PCAClient

/// An AWS organization of emulated accounts: one `Emulator` per account and region, behind one endpoint.
/// A request goes to the account its access key belongs to and the region it is signed for; Organizations
/// ListAccounts answers the management account (AccessDeniedException for the others, as AWS does); STS
/// AssumeRole into `OrganizationAccountAccessRole` of a member hands out keys that only that account's
/// emulators know. Everything else is the member's own emulator's answer.
public final class EmulatedOrganization: @unchecked Sendable {
    public let organizationID: String
    public let managementAccount: String
    private let lock = NSLock()
    private var members: [DemoSeed.Member]
    /// `ACCOUNT/REGION` -> that account's emulator in that region; made on first use for a region not seeded.
    private var emulators: [String: Emulator] = [:]
    /// Keys handed out for the access role, per account, so an emulator made later for another region knows them.
    private var roleKeys: [String: [(user: EmulatedUser, expiresAt: Date)]] = [:]
    private let statePath: String?
    /// The trouble every account-region's emulator adds (each with its own per-operation TPS), and the
    /// latency `HTTPServer(organization:)` holds every answer for.
    public let faults: FaultInjection
    /// Calls per operation across the organization, for the delays of `faults`.
    private var received: [String: Int] = [:]
    private let seed: @Sendable (_ account: String, _ region: String, _ now: Date) -> EmulatorState
    private let now: @Sendable () -> Date

    /// The demo organization (`DemoSeed.members`, seeded by `DemoSeed.organizationState`), or another one
    /// (`DemoSeed.scaleMembers` with `DemoSeed.scaleOrganizationState`). With `statePath`, each account and
    /// region keeps its state in `statePath.ACCOUNT.REGION.json`.
    public init(members: [DemoSeed.Member] = DemoSeed.members, organizationID: String = DemoSeed.organizationID,
                managementAccount: String = DemoSeed.managementAccount, statePath: String? = nil,
                faults: FaultInjection = FaultInjection(),
                seed: @escaping @Sendable (_ account: String, _ region: String, _ now: Date) -> EmulatorState = {
                    DemoSeed.organizationState(account: $0, region: $1, now: $2)
                },
                now: @escaping @Sendable () -> Date = Date.init) {
        self.members = members
        self.organizationID = organizationID
        self.managementAccount = managementAccount
        self.statePath = statePath
        self.faults = faults
        self.seed = seed
        self.now = now
    }

    /// How long to hold a request before answering it: `faults`' latency and delayed operations.
    public func delay(headers: [(name: String, value: String)]) -> TimeInterval {
        faults.delay(headers: headers) { operation in
            lock.withLock {
                received[operation, default: 0] += 1
                return received[operation, default: 0]
            }
        }
    }

    /// The account's emulator in `region`, seeded by `seed` (or from its state file).
    public func emulator(account: String, region: String) throws -> Emulator {
        try lock.withLock { try emulatorLocked(account: account, region: region) }
    }

    private func emulatorLocked(account: String, region: String) throws -> Emulator {
        let key = "\(account)/\(region)"
        if let found = emulators[key] { return found }
        let path = statePath.map { "\($0).\(account).\(region).json" }
        let emulator: Emulator
        if let path, FileManager.default.fileExists(atPath: path) {
            emulator = Emulator(state: try EmulatorState.load(from: path), statePath: path, faults: faults, now: now)
        } else {
            emulator = Emulator(state: seed(account, region, now()), statePath: path, faults: faults, now: now)
            try emulator.persist()
        }
        for (user, expiresAt) in roleKeys[account] ?? [] {
            emulator.lock.withLock { emulator.addTemporaryUser(user, expiresAt: expiresAt) }
        }
        emulators[key] = emulator
        return emulator
    }

    /// The accounts, as Organizations lists them.
    public var accounts: [DemoSeed.Member] { lock.withLock { members } }

    /// Gives or takes away a member's `OrganizationAccountAccessRole` (an invited account has none unless
    /// someone made it).
    public func setAccessRole(_ present: Bool, account: String) {
        lock.withLock {
            for index in members.indices where members[index].id == account { members[index].hasAccessRole = present }
        }
    }

    // MARK: Answering

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let target = request.url.path.isEmpty ? "/" : request.url.path + (request.url.query.map { "?\($0)" } ?? "")
        return respond(method: request.method, target: target, headers: request.headers, body: request.body)
    }

    public func respond(method: String, target: String, headers: [(name: String, value: String)], body: Data) -> HTTPResponse {
        let received = SigV4Verifier.ReceivedRequest(method: method, target: target, headers: headers, body: body)
        let requestID = UUID().uuidString.lowercased()
        let amzTarget = received.header("x-amz-target") ?? ""
        let isSTS = amzTarget.isEmpty && (received.header("content-type") ?? "").hasPrefix("application/x-www-form-urlencoded")
        do {
            let (account, region) = try route(received)
            let emulator = try self.emulator(account: account, region: region)
            if amzTarget.hasPrefix(Emulator.organizationsTargetPrefix) {
                let user = try emulator.authenticated(received, service: "organizations")
                return try listAccounts(received, caller: user, account: account, requestID: requestID, emulator: emulator)
            }
            if isSTS, STSAnswers.formFields(body)["Action"] == "AssumeRole",
               let member = Self.accessRoleAccount(STSAnswers.formFields(body)["RoleArn"] ?? "") {
                let user = try emulator.authenticated(received, service: "sts")
                return try assumeAccessRole(member: member, caller: user, callerAccount: account, fields: STSAnswers.formFields(body),
                                            emulator: emulator, requestID: requestID)
            }
            return emulator.respond(method: method, target: target, headers: headers, body: body)
        } catch let error as EmulatorError {
            return isSTS ? STSAnswers.error(error, requestID: requestID) : Emulator.errorResponse(error, requestID: requestID)
        } catch {
            return Emulator.errorResponse(EmulatorError("InternalFailure", "\(error)", status: 500), requestID: requestID)
        }
    }

    /// The account whose key signed the request and the region it was signed for (STS and Organizations go to
    /// the account's emulator in the demo region).
    private func route(_ request: SigV4Verifier.ReceivedRequest) throws -> (account: String, region: String) {
        guard let header = request.header("authorization") else {
            throw EmulatorError("MissingAuthenticationTokenException", "Missing Authentication Token")
        }
        let authorization = try SigV4Verifier.parseAuthorization(header)
        let global = authorization.service == "sts" || authorization.service == "organizations"
        let region = global ? DemoSeed.region : authorization.region
        let accounts = lock.withLock { members.map(\.id) }
        for account in accounts {
            if try emulator(account: account, region: DemoSeed.region).knows(accessKeyID: authorization.accessKeyID) {
                return (account, region)
            }
        }
        throw EmulatorError("UnrecognizedClientException", "The security token included in the request is invalid.")
    }

    /// `ACCOUNT` of `arn:aws:iam::ACCOUNT:role/OrganizationAccountAccessRole`.
    static func accessRoleAccount(_ roleARN: String) -> String? {
        let parts = roleARN.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "iam", parts[5] == "role/\(DemoSeed.organizationAccessRole)" else { return nil }
        return String(parts[4])
    }

    /// ListAccounts, `MaxResults` (1-20) at a time; the token is the index of the next account.
    private func listAccounts(_ request: SigV4Verifier.ReceivedRequest, caller: EmulatedUser, account: String,
                              requestID: String, emulator: Emulator) throws -> HTTPResponse {
        let operation = String((request.header("x-amz-target") ?? "").dropFirst(Emulator.organizationsTargetPrefix.count))
        guard operation == "ListAccounts" else { throw EmulatorError("UnknownOperationException", "") }
        guard caller.isAllowed("organizations:ListAccounts") else {
            throw EmulatorError("AccessDeniedException", "You don't have permissions to access this resource.")
        }
        guard account == managementAccount else {
            // A member that is not a delegated administrator.
            throw EmulatorError("AccessDeniedException", "You don't have permissions to access this resource.")
        }
        let input = try RequestInput(body: request.body)
        let size = input.members["MaxResults"] as? Int ?? 20
        guard (1...20).contains(size) else {
            throw EmulatorError.validation("'\(size)'", at: "maxResults", "Member must have value less than or equal to 20")
        }
        let all = accounts
        let start = (input.members["NextToken"] as? String).flatMap { Int($0) } ?? 0
        guard (0...all.count).contains(start) else {
            throw EmulatorError("InvalidInputException", "You specified an invalid value for nextToken.")
        }
        let page = all[start..<min(all.count, start + size)]
        let joined = Date(timeIntervalSince1970: 1_600_000_000)
        var answer: [String: Any] = ["Accounts": page.map { member -> [String: Any] in
            var entry: [String: Any] = [
                "Id": member.id, "Arn": "arn:aws:organizations::\(managementAccount):account/\(organizationID)/\(member.id)",
                "Name": member.name, "Email": member.email, "State": member.state, "JoinedMethod": member.joinedMethod,
                "JoinedTimestamp": joined.timeIntervalSince1970,
            ]
            // The retired Status, still sent beside State until September 2026 (CLOSED has no Status).
            if member.state != "CLOSED", member.state != "PENDING_ACTIVATION" { entry["Status"] = member.state }
            return entry
        }]
        if start + size < all.count { answer["NextToken"] = String(start + size) }
        let body = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
        return HTTPResponse(statusCode: 200, headers: [("x-amzn-RequestId", requestID),
                                                       ("Content-Type", "application/x-amz-json-1.1")], body: body)
    }

    /// AssumeRole into a member's `OrganizationAccountAccessRole`: trusted by the management account only,
    /// present only where the member has it; the keys reach that member's emulators and no one else's.
    private func assumeAccessRole(member: String, caller: EmulatedUser, callerAccount: String, fields: [String: String],
                                  emulator: Emulator, requestID: String) throws -> HTTPResponse {
        let roleARN = fields["RoleArn"] ?? ""
        let (sessionName, duration) = try STSAnswers.assumeRoleInput(fields)
        let hasRole = lock.withLock { members.first { $0.id == member }?.hasAccessRole ?? false }
        guard caller.isAllowed("sts:AssumeRole"), callerAccount == managementAccount, hasRole else {
            throw EmulatorError("AccessDenied", "User: \(emulator.userARN(caller)) is not authorized to perform: sts:AssumeRole "
                                + "on resource: \(roleARN)", status: 403)
        }
        let expiresAt = now().addingTimeInterval(TimeInterval(duration))
        let temporary = STSAnswers.temporaryUser(role: DemoSeed.organizationAccessRole, sessionName: sessionName,
                                                 allowedActions: ["*"])
        try lock.withLock {
            roleKeys[member, default: []].append((temporary, expiresAt))
            for (key, found) in emulators where key.hasPrefix(member + "/") {
                found.lock.withLock { found.addTemporaryUser(temporary, expiresAt: expiresAt) }
            }
            _ = try emulatorLocked(account: member, region: DemoSeed.region)
        }
        let xml = STSAnswers.assumeRoleXML(temporary, arn: "arn:aws:sts::\(member):\(temporary.name)", sessionName: sessionName,
                                           expiration: expiresAt, requestID: requestID)
        return HTTPResponse(statusCode: 200, headers: [("x-amzn-RequestId", requestID), ("Content-Type", "text/xml")],
                            body: Data(xml.utf8))
    }
}

extension Emulator {
    static let organizationsTargetPrefix = "AWSOrganizationsV20161128."

    /// The user whose valid signature the request carries, for answers the organization gives itself.
    func authenticated(_ request: SigV4Verifier.ReceivedRequest, service: String) throws -> EmulatedUser {
        try lock.withLock { try authenticate(request, service: service) }
    }

    /// True when the key is one of this account's users or a role key handed out for it.
    func knows(accessKeyID: String) -> Bool {
        lock.withLock { temporaryUsers[accessKeyID] != nil || state.users.contains { $0.accessKeyID == accessKeyID } }
    }
}

extension EmulatorError {
    /// Organizations' answer to an account that belongs to no organization.
    static let organizationsNotInUse = EmulatorError("AWSOrganizationsNotInUseException",
                                                     "Your account is not a member of an organization.")
}

/// The organization behind the client's transport seam, as `InProcessTransport` puts one emulator there:
/// `pca-tui --demo --organization`.
public struct OrganizationTransport: HTTPTransport {
    public let organization: EmulatedOrganization

    public init(organization: EmulatedOrganization) {
        self.organization = organization
    }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        organization.respond(to: request)
    }
}

extension HTTPServer {
    /// The organization over HTTP, with its simulated latency and delayed operations: `pca-local --seed organization`.
    public convenience init(organization: EmulatedOrganization, host: String = "127.0.0.1", port: Int = 0,
                            limits: Limits = Limits()) {
        self.init(host: host, port: port, limits: limits) { method, target, headers, body in
            let delay = organization.delay(headers: headers)
            if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
            return organization.respond(method: method, target: target, headers: headers, body: body)
        }
    }
}
