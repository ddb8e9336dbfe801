import Foundation

/// Trouble the emulator adds on purpose, for tests and benchmarks.
public struct FaultInjection: Sendable, Hashable {
    /// Added to every answer, in seconds (a simulated round trip).
    public var latency: TimeInterval = 0
    /// Share of requests answered with ThrottlingException (HTTP 400), 0...1.
    public var throttleRate: Double = 0
    /// Share of requests answered with InternalFailure (HTTP 500), 0...1.
    public var errorRate: Double = 0
    /// Per-operation requests per second; requests beyond it get ThrottlingException.
    public var transactionsPerSecond: Double?

    public init(latency: TimeInterval = 0, throttleRate: Double = 0, errorRate: Double = 0,
                transactionsPerSecond: Double? = nil) {
        self.latency = latency
        self.throttleRate = throttleRate
        self.errorRate = errorRate
        self.transactionsPerSecond = transactionsPerSecond
    }
}

/// A token bucket: `rate` tokens a second, holding at most `rate` (one second of burst).
struct TokenBucket {
    let rate: Double
    var tokens: Double
    var updated: Date

    init(rate: Double, now: Date) {
        self.rate = rate
        self.tokens = rate
        self.updated = now
    }

    mutating func take(now: Date) -> Bool {
        tokens = min(rate, tokens + now.timeIntervalSince(updated) * rate)
        updated = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
