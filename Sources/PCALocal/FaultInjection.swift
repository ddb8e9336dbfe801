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
    /// Operations answered late: a change that is slow in flight, for the signal and quit tests.
    public var delays: [Delay]
    /// How many GetCertificate calls after an IssueCertificate answer RequestInProgressException before the
    /// certificate is there, as AWS does for a moment: 1 by default, so clients' waiters are exercised.
    public var certificateReadsInProgress: Int

    public init(latency: TimeInterval = 0, throttleRate: Double = 0, errorRate: Double = 0,
                transactionsPerSecond: Double? = nil, delays: [Delay] = [], certificateReadsInProgress: Int = 1) {
        self.latency = latency
        self.throttleRate = throttleRate
        self.errorRate = errorRate
        self.transactionsPerSecond = transactionsPerSecond
        self.delays = delays
        self.certificateReadsInProgress = certificateReadsInProgress
    }

    /// How long to hold a request before answering it: the latency, plus the delay set for its operation
    /// (named by X-Amz-Target); `count` numbers the operation's calls, this one included.
    func delay(headers: [(name: String, value: String)], count: (_ operation: String) -> Int) -> TimeInterval {
        guard !delays.isEmpty else { return latency }
        let target = headers.first { $0.name.lowercased() == "x-amz-target" }?.value ?? ""
        guard let dot = target.firstIndex(of: ".") else { return latency }
        let operation = String(target[target.index(after: dot)...])
        let number = count(operation)
        return latency + delays.map { $0.seconds(operation: operation, count: number) }.reduce(0, +)
    }

    /// One operation (`CreatePermission`, ACM's `RenewCertificate`) held before it is carried out: every call
    /// of it, or only the Nth.
    public struct Delay: Sendable, Hashable {
        public var operation: String
        /// The call to hold, counted from 1 since the start; nil holds every call.
        public var call: Int?
        public var seconds: TimeInterval

        public init(operation: String, call: Int? = nil, seconds: TimeInterval) {
            self.operation = operation
            self.call = call
            self.seconds = seconds
        }

        /// `OPERATION=SECONDS` (every call) or `OPERATION:N=SECONDS` (the Nth call only); a list is
        /// comma-separated.
        public static func parseList(_ text: String) throws -> [Delay] {
            try text.split(separator: ",").map { item in
                let parts = item.split(separator: "=", omittingEmptySubsequences: false)
                let name = parts.first.map { $0.split(separator: ":", omittingEmptySubsequences: false) } ?? []
                guard parts.count == 2, let seconds = TimeInterval(parts[1]), (0...3600).contains(seconds),
                      (1...2).contains(name.count), let operation = name.first, !operation.isEmpty,
                      operation.allSatisfy({ $0.isLetter }) else {
                    throw DelayError(item: String(item))
                }
                guard name.count == 2 else { return Delay(operation: String(operation), seconds: seconds) }
                guard let call = Int(name[1]), call >= 1 else { throw DelayError(item: String(item)) }
                return Delay(operation: String(operation), call: call, seconds: seconds)
            }
        }

        /// The seconds to hold the `count`th call of `operation` (0 when this delay is for another).
        func seconds(operation: String, count: Int) -> TimeInterval {
            guard operation == self.operation, call == nil || call == count else { return 0 }
            return seconds
        }
    }

    /// A delay that is not `OPERATION[:N]=SECONDS`.
    public struct DelayError: Error, CustomStringConvertible {
        public var item: String
        public var description: String {
            "'\(item)' is not OPERATION=SECONDS or OPERATION:N=SECONDS (0 to 3600 seconds, N from 1)"
        }
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
