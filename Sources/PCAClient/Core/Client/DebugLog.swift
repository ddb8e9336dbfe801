import Foundation

/// An opt-in log of the raw requests and answers, for troubleshooting. Secrets never reach it: the
/// Authorization and session-token headers and any secret-looking JSON or XML member are redacted.
public struct DebugLog: Sendable {
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    static let redactedHeaders: Set<String> = ["authorization", "x-amz-security-token", "x-amz-sso_bearer_token",
                                               "x-aws-ec2-metadata-token"]

    func request(_ request: HTTPRequest) {
        var lines = ["> \(request.method) \(request.url.absoluteString)"]
        for header in request.headers {
            lines.append("> \(header.name): \(Self.redactedHeaders.contains(header.name.lowercased()) ? "<redacted>" : header.value)")
        }
        lines.append("> " + Self.redactBody(String(decoding: request.body.prefix(4096), as: UTF8.self)))
        write(lines.joined(separator: "\n"))
    }

    func response(_ response: HTTPResponse) {
        var lines = ["< HTTP \(response.statusCode)"]
        for header in response.headers {
            lines.append("< \(header.name): \(header.value)")
        }
        lines.append("< " + Self.redactBody(String(decoding: response.body.prefix(4096), as: UTF8.self)))
        write(lines.joined(separator: "\n"))
    }

    func note(_ text: String) {
        write(text)
    }

    /// Blanks the values of members whose names say they hold a secret.
    static func redactBody(_ text: String) -> String {
        var result = text
        for name in ["SecretAccessKey", "SessionToken", "Token", "secretAccessKey", "sessionToken", "accessToken"] {
            result = result.replacingOccurrences(
                of: #"("\#(name)"\s*:\s*")[^"]*(")"#, with: "$1<redacted>$2", options: .regularExpression)
            result = result.replacingOccurrences(
                of: #"(<\#(name)>)[^<]*(</\#(name)>)"#, with: "$1<redacted>$2", options: .regularExpression)
        }
        return result
    }
}
