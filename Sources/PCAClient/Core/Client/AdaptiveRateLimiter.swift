import Foundation

/// Client-side pacing for a throttling service, after the SDKs' adaptive retry mode: unlimited until the
/// first throttle, then a token bucket whose rate drops to 70% of the measured send rate on each throttle
/// (at most twice a second) and grows 5% a second while calls succeed. A listing of thousands of CAs then
/// settles just under the service's limit instead of failing calls.
public actor AdaptiveRateLimiter {
    /// Requests per second; nil while no throttle has been seen.
    public private(set) var rate: Double?
    private var tokens: Double = 0
    private var refilled: Date
    private var lastDecrease: Date = .distantPast
    private var recentSends: [Date] = []
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void

    public static let minimumRate = 0.5

    public init(now: @escaping @Sendable () -> Date = Date.init,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.now = now
        self.sleep = sleep
        self.refilled = now()
    }

    /// Waits until a request may be sent.
    public func acquire() async throws {
        while let rate {
            let current = now()
            tokens = min(max(1, rate), tokens + current.timeIntervalSince(refilled) * rate)
            refilled = current
            if tokens >= 1 {
                tokens -= 1
                break
            }
            // At least a millisecond: a tiny float remainder must not turn into a busy loop.
            try await sleep(max(0.001, (1 - tokens) / rate))
        }
        noteSend()
    }

    public func recordThrottle() {
        let current = now()
        guard current.timeIntervalSince(lastDecrease) >= 0.5 else { return }
        lastDecrease = current
        let measured = Double(recentSends.filter { current.timeIntervalSince($0) <= 1 }.count)
        let base = measured > 0 ? measured : (rate ?? 1)
        rate = max(Self.minimumRate, base * 0.7)
        tokens = 0
        refilled = current
    }

    public func recordSuccess() {
        guard let current = rate else { return }
        rate = current + max(0.05, current * 0.05 / max(1, current))
    }

    private func noteSend() {
        let current = now()
        recentSends.append(current)
        if recentSends.count > 4096 || (recentSends.first.map { current.timeIntervalSince($0) > 2 } ?? false) {
            recentSends.removeAll { current.timeIntervalSince($0) > 1 }
        }
    }
}
