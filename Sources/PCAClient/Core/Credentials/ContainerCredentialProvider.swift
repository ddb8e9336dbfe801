import Foundation

/// ECS and EKS Pod Identity credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI`.
public struct ContainerCredentialProvider: CredentialProvider {
    public let name = "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)"
    private let environment: [String: String]
    private let transport: HTTPTransport

    static let relativeBase = "http://169.254.170.2"
    static let allowedHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "169.254.170.2", "169.254.170.23",
                                            "fd00:ec2::23"]

    public init(environment: [String: String], transport: HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    public func credentials() async throws -> AWSCredentials? {
        guard let url = try endpoint() else { return nil }
        var request = HTTPRequest(method: "GET", url: url, headers: [("Accept", "application/json")])
        if let token = try authorizationToken() {
            request.headers.append(("Authorization", token))
        }
        var lastError: Error = ClientError.network("no attempt made")
        for _ in 0..<3 {
            do {
                let response = try await transport.send(request, timeout: 2)
                guard response.statusCode == 200 else {
                    throw ClientError.credentialsFailed(source: "container credentials",
                                                        reason: "HTTP \(response.statusCode) from \(url.host ?? "")")
                }
                return try MetadataCredentialsJSON.parse(response.body, source: "container credentials")
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private func endpoint() throws -> URL? {
        if let relative = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            return URL(string: Self.relativeBase + relative)
        }
        guard let full = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") else { return nil }
        guard let url = URL(string: full), let host = url.host else {
            throw ClientError.credentialsFailed(source: "container credentials", reason: "'\(full)' is not a URL")
        }
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard url.scheme == "https" || Self.allowedHosts.contains(bareHost) || bareHost.hasPrefix("127.") else {
            throw ClientError.credentialsFailed(
                source: "container credentials",
                reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https or a loopback/container host, not \(host)")
        }
        return url
    }

    private func authorizationToken() throws -> String? {
        if let file = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            do {
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw ClientError.credentialsFailed(source: "container credentials",
                                                    reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            }
        }
        return environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    }
}

/// The JSON that the container endpoint and IMDS both return.
enum MetadataCredentialsJSON {
    static func parse(_ data: Data, source: String) throws -> AWSCredentials {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let keyID = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw ClientError.credentialsFailed(source: source, reason: "the answer holds no AccessKeyId/SecretAccessKey")
        }
        if let code = object["Code"] as? String, code != "Success" {
            throw ClientError.credentialsFailed(source: source, reason: "the metadata service answered \(code)")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: object["Token"] as? String,
                              expiration: (object["Expiration"] as? String).flatMap(AWSTimestamp.parseISO8601),
                              source: source)
    }
}
