import Foundation

/// One finished API call, for the activity log and the debug log. It holds no secret.
public struct APICallRecord: Sendable, Hashable {
    public var operation: String
    public var startedAt: Date
    public var duration: TimeInterval
    /// HTTP status of the last attempt, nil when no answer arrived.
    public var statusCode: Int?
    /// The AWS error code, or a client-side failure's description; nil on success.
    public var errorCode: String?
    public var requestID: String?
    public var attempts: Int
    /// The CA the call was about, when it named one.
    public var resourceARN: String?

    public init(operation: String, startedAt: Date, duration: TimeInterval, statusCode: Int?, errorCode: String?,
                requestID: String?, attempts: Int, resourceARN: String?) {
        self.operation = operation
        self.startedAt = startedAt
        self.duration = duration
        self.statusCode = statusCode
        self.errorCode = errorCode
        self.requestID = requestID
        self.attempts = attempts
        self.resourceARN = resourceARN
    }

    public var succeeded: Bool { errorCode == nil }
}

/// Receives every finished call.
public typealias APICallObserver = @Sendable (APICallRecord) -> Void
