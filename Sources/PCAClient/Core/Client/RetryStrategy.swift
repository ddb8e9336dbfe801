import Foundation

/// Decides whether a failed attempt is retried and how long to wait, as the SDKs' retry modes do.
public actor RetryStrategy {
    public let policy: RetryPolicy
    /// The standard mode's retry quota: retries spend tokens, successes give them back, so a failing
    /// service is not hammered by every caller's retries at once.
    private var quota: Int
    public static let quotaCapacity = 500
    static let retryCost = 5
    static let timeoutRetryCost = 10
    private let random: @Sendable () -> Double

    public init(policy: RetryPolicy, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.quota = Self.quotaCapacity
        self.random = random
    }

    /// How a failure is classified.
    public enum Kind: Sendable, Equatable {
        case throttling, transient, timeout, notRetryable
    }

    /// Throttling codes of the standard mode.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    public nonisolated func classify(_ error: Error) -> Kind {
        switch error {
        case let error as AWSError:
            if policy.mode == .legacy {
                if [429, 500, 502, 503, 504, 509].contains(error.statusCode) { return .transient }
                let legacyThrottles: Set<String> = ["Throttling", "ThrottlingException", "ThrottledException",
                                                    "RequestThrottledException", "ProvisionedThroughputExceededException"]
                return legacyThrottles.contains(error.code.rawValue) ? .throttling : .notRetryable
            }
            if Self.throttlingCodes.contains(error.code.rawValue) { return .throttling }
            if Self.transientCodes.contains(error.code.rawValue) || Self.transientStatuses.contains(error.statusCode) {
                return .transient
            }
            return .notRetryable
        case ClientError.network:
            return .transient
        case ClientError.timedOut:
            return .timeout
        default:
            return .notRetryable
        }
    }

    /// The wait before attempt `attempt + 1`, or nil when the failure must be returned now.
    /// `attempt` counts from 1.
    public func delayBeforeRetry(after error: Error, attempt: Int) -> Double? {
        let kind = classify(error)
        // With adaptive pacing, throttling is expected while the rate settles: allow it a few more tries, unless the
        // user chose the number of attempts (AWS_MAX_ATTEMPTS=1 means one, whatever the failure).
        let paced = policy.mode == .adaptive && kind == .throttling && !policy.maxAttemptsIsChosen
        let attempts = paced ? max(policy.maxAttempts, 8) : policy.maxAttempts
        guard kind != .notRetryable, attempt < attempts else { return nil }
        if policy.mode != .legacy {
            let cost = kind == .timeout ? Self.timeoutRetryCost : Self.retryCost
            guard quota >= cost else { return nil }
            quota -= cost
        }
        return random() * min(pow(2, Double(attempt - 1)), policy.maxBackoff)
    }

    /// Records a successful attempt; `retried` says whether retries led to it.
    public func recordSuccess(retried: Bool, lastKind: Kind?) {
        guard policy.mode != .legacy else { return }
        let refund = retried ? (lastKind == .timeout ? Self.timeoutRetryCost : Self.retryCost) : 1
        quota = min(Self.quotaCapacity, quota + refund)
    }

    public var availableQuota: Int { quota }
}
