import Foundation

/// EC2 instance role credentials from IMDS, with IMDSv2 session tokens (and the v1 fallback botocore has).
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public let name = "EC2 instance metadata (IMDS)"
    private let environment: [String: String]
    private let transport: HTTPTransport
    private let timeout: TimeInterval

    public init(environment: [String: String], transport: HTTPTransport, timeout: TimeInterval = 1) {
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
    }

    var baseURL: String {
        if let endpoint = environment.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            return endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        }
        return environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6"
            ? "http://[fd00:ec2::254]" : "http://169.254.169.254"
    }

    public func credentials() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        do {
            let token = try await sessionToken()
            let roleList = try await get("/latest/meta-data/iam/security-credentials/", token: token)
            guard let role = String(decoding: roleList, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else { return nil }
            let body = try await get("/latest/meta-data/iam/security-credentials/\(role)", token: token)
            return try MetadataCredentialsJSON.parse(body, source: "EC2 instance role \(role)")
        } catch IMDSUnavailable.unavailable {
            return nil
        }
    }

    private enum IMDSUnavailable: Error { case unavailable }

    /// PUT /latest/api/token. 403/404/405 mean IMDSv1 only (fall back unless v1 is disabled); no answer at all
    /// means this is not an EC2 instance.
    private func sessionToken() async throws -> String? {
        guard let url = URL(string: baseURL + "/latest/api/token") else { throw IMDSUnavailable.unavailable }
        let request = HTTPRequest(method: "PUT", url: url, headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch {
            throw IMDSUnavailable.unavailable
        }
        switch response.statusCode {
        case 200:
            return String(decoding: response.body, as: UTF8.self)
        case 403, 404, 405:
            if environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() == "true" {
                throw IMDSUnavailable.unavailable
            }
            return nil
        default:
            throw IMDSUnavailable.unavailable
        }
    }

    private func get(_ path: String, token: String?) async throws -> Data {
        guard let url = URL(string: baseURL + path) else { throw IMDSUnavailable.unavailable }
        var request = HTTPRequest(method: "GET", url: url)
        if let token { request.headers.append(("X-aws-ec2-metadata-token", token)) }
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch {
            throw IMDSUnavailable.unavailable
        }
        guard response.statusCode == 200 else { throw IMDSUnavailable.unavailable }
        return response.body
    }
}
