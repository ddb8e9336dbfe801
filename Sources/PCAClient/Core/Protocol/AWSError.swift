/// An error answer from an AWS service: its code, message, HTTP status and request id.
public struct AWSError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: AWSErrorCode
    public var message: String
    public var statusCode: Int
    public var requestID: String?
    /// The API operation that failed, when known.
    public var operation: String?

    public init(code: AWSErrorCode, message: String, statusCode: Int, requestID: String? = nil,
                operation: String? = nil) {
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.operation = operation
    }

    public var description: String {
        var text = "\(code.rawValue)"
        if let operation { text += " (\(operation))" }
        if !message.isEmpty { text += ": \(message)" }
        if let requestID { text += " [request id \(requestID)]" }
        return text
    }
}

/// Failures that happen on the client's side of a call, before or after AWS answers.
public enum ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The answer was not the JSON the operation promises (truncated, HTML from a proxy, ...).
    case malformedResponse(operation: String, statusCode: Int, detail: String)
    /// The connection failed or timed out before an answer arrived.
    case network(String)
    /// The call did not finish within the per-request timeout.
    case timedOut(seconds: Double)
    /// The configuration is incomplete or contradicts itself (no region, a bad endpoint URL, ...).
    case invalidConfiguration(String)
    /// No credentials could be found; lists each source that was tried.
    case noCredentials(tried: [String])
    /// A credential source was found but failed.
    case credentialsFailed(source: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedResponse(operation, status, detail):
            return "\(operation): the service's answer (HTTP \(status)) could not be read: \(detail)"
        case let .network(detail):
            return "network error: \(detail)"
        case let .timedOut(seconds):
            return "the request timed out after \(formatSeconds(seconds))"
        case let .invalidConfiguration(detail):
            return "invalid configuration: \(detail)"
        case let .noCredentials(tried):
            return "no AWS credentials found. Tried: " + tried.joined(separator: "; ")
        case let .credentialsFailed(source, reason):
            return "credentials from \(source) failed: \(reason)"
        }
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
