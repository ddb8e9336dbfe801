import Foundation

/// The two STS calls pca-tui needs, over the query protocol (form-encoded POST, XML answers).
public struct STSClient: Sendable {
    public var endpoint: ResolvedEndpoint
    public var transport: HTTPTransport
    public var timeout: TimeInterval

    public init(endpoint: ResolvedEndpoint, transport: HTTPTransport, timeout: TimeInterval = 10) {
        self.endpoint = endpoint
        self.transport = transport
        self.timeout = timeout
    }

    /// GetCallerIdentity: the account and ARN of whoever signs with `credentials`.
    public func getCallerIdentity(credentials: AWSCredentials, date: Date = Date()) async throws -> CallerIdentity {
        let xml = try await call(action: "GetCallerIdentity", parameters: [], credentials: credentials, date: date)
        guard let account = XMLText.value(of: "Account", in: xml), let arn = XMLText.value(of: "Arn", in: xml) else {
            throw ClientError.malformedResponse(operation: "GetCallerIdentity", statusCode: 200,
                                                detail: "no Account or Arn in the answer")
        }
        return CallerIdentity(account: account, arn: arn, userID: XMLText.value(of: "UserId", in: xml) ?? "")
    }

    /// The inputs of AssumeRole that a profile can set.
    public struct AssumeRoleInput: Sendable, Hashable {
        public var roleARN: String
        public var sessionName: String
        public var externalID: String?
        public var durationSeconds: Int?
        public var mfaSerial: String?
        public var mfaCode: String?

        public init(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
                    mfaSerial: String? = nil, mfaCode: String? = nil) {
            self.roleARN = roleARN
            self.sessionName = sessionName
            self.externalID = externalID
            self.durationSeconds = durationSeconds
            self.mfaSerial = mfaSerial
            self.mfaCode = mfaCode
        }
    }

    /// AssumeRole: temporary credentials for `input.roleARN`, signed with `credentials`.
    public func assumeRole(_ input: AssumeRoleInput, credentials: AWSCredentials, source: String,
                           date: Date = Date()) async throws -> AWSCredentials {
        var parameters = [("RoleArn", input.roleARN), ("RoleSessionName", input.sessionName)]
        if let externalID = input.externalID { parameters.append(("ExternalId", externalID)) }
        if let duration = input.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        if let serial = input.mfaSerial, let code = input.mfaCode {
            parameters.append(("SerialNumber", serial))
            parameters.append(("TokenCode", code))
        }
        let xml = try await call(action: "AssumeRole", parameters: parameters, credentials: credentials, date: date)
        return try Self.credentials(from: xml, operation: "AssumeRole", source: source)
    }

    /// AssumeRoleWithWebIdentity (EKS, GitHub Actions, ...): an unsigned call that trades an OIDC token for
    /// role credentials.
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String,
                                          source: String) async throws -> AWSCredentials {
        let xml = try await call(action: "AssumeRoleWithWebIdentity",
                                 parameters: [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token)],
                                 credentials: nil, date: Date())
        return try Self.credentials(from: xml, operation: "AssumeRoleWithWebIdentity", source: source)
    }

    static func credentials(from xml: String, operation: String, source: String) throws -> AWSCredentials {
        guard let keyID = XMLText.value(of: "AccessKeyId", in: xml),
              let secret = XMLText.value(of: "SecretAccessKey", in: xml),
              let token = XMLText.value(of: "SessionToken", in: xml) else {
            throw ClientError.malformedResponse(operation: operation, statusCode: 200, detail: "no Credentials in the answer")
        }
        let expiration = XMLText.value(of: "Expiration", in: xml).flatMap(AWSTimestamp.parseISO8601)
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token,
                              expiration: expiration, source: source)
    }

    private func call(action: String, parameters: [(String, String)], credentials: AWSCredentials?,
                      date: Date) async throws -> String {
        let form = ([("Action", action), ("Version", "2011-06-15")] + parameters)
            .map { "\(SigV4Signer.uriEncode($0.0))=\(SigV4Signer.uriEncode($0.1))" }
            .joined(separator: "&")
        var request = HTTPRequest(method: "POST", url: endpoint.url,
                                  headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                  body: Data(form.utf8))
        if let credentials {
            SigV4Signer(credentials: credentials, region: endpoint.signingRegion, service: "sts").sign(&request, date: date)
        }
        let response = try await transport.send(request, timeout: timeout)
        let text = String(decoding: response.body, as: UTF8.self)
        guard (200..<300).contains(response.statusCode) else {
            if let code = XMLText.value(of: "Code", in: text) {
                throw AWSError(code: AWSErrorCode(rawValue: code), message: XMLText.value(of: "Message", in: text) ?? "",
                               statusCode: response.statusCode, requestID: XMLText.value(of: "RequestId", in: text),
                               operation: action)
            }
            throw AWSErrorParser.error(from: response, operation: action)
        }
        return text
    }
}
