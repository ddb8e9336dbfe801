import Foundation

/// Spaces requests at most `requestsPerSecond` apart: CloudTrail's LookupEvents allows two per second per
/// account and region and throttles beyond that. The clock and the sleep come in, so tests run in no time.
public actor RequestPacer {
    public let interval: TimeInterval
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void
    private var nextSlot: Date?

    public init(requestsPerSecond: Double, now: @escaping @Sendable () -> Date = Date.init,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        interval = 1 / max(requestsPerSecond, 0.001)
        self.now = now
        self.sleep = sleep
    }

    /// Waits until the next request may go. Slots are taken in call order, so concurrent callers share the rate.
    public func acquire() async throws {
        let current = now()
        let slot = max(current, nextSlot ?? current)
        nextSlot = slot.addingTimeInterval(interval)
        let wait = slot.timeIntervalSince(current)
        if wait > 0 { try await sleep(wait) }
    }
}
