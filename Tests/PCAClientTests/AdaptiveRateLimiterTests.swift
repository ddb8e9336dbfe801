import Foundation
@testable import PCAClient
import XCTest

final class AdaptiveRateLimiterTests: XCTestCase {
    final class FakeClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: Double) { lock.withLock { current += seconds } }
    }

    func testUnlimitedUntilTheFirstThrottle() async throws {
        let clock = FakeClock()
        let limiter = AdaptiveRateLimiter(now: { clock.now }, sleep: { clock.advance($0) })
        for _ in 0..<100 { try await limiter.acquire() }
        XCTAssertEqual(clock.now, Date(timeIntervalSince1970: 1_000), "no waiting before any throttle")
        let rate = await limiter.rate
        XCTAssertNil(rate)
    }

    func testThrottleCutsToSeventyPercentOfTheMeasuredRateThenPaces() async throws {
        let clock = FakeClock()
        let limiter = AdaptiveRateLimiter(now: { clock.now }, sleep: { clock.advance($0) })
        for _ in 0..<50 {
            try await limiter.acquire()
            clock.advance(0.01)
        }
        await limiter.recordThrottle()
        let measured = await limiter.rate
        let rate = try XCTUnwrap(measured)
        XCTAssertEqual(rate, 35, accuracy: 0.01)
        await limiter.recordThrottle()
        let unchanged = await limiter.rate
        XCTAssertEqual(unchanged, rate, "at most one decrease per half second")
        let start = clock.now
        for _ in 0..<35 { try await limiter.acquire() }
        XCTAssertEqual(clock.now.timeIntervalSince(start), 1, accuracy: 0.1, "35 requests at 35/s take a second")
        for _ in 0..<20 { await limiter.recordSuccess() }
        let after = await limiter.rate
        let grown = try XCTUnwrap(after)
        XCTAssertGreaterThan(grown, rate)
    }

    func testAdaptiveModeRetriesThrottlingLonger() async {
        let adaptive = RetryStrategy(policy: RetryPolicy(mode: .adaptive), random: { 0 })
        let throttled = AWSError(code: .throttling, message: "", statusCode: 400)
        let fifth = await adaptive.delayBeforeRetry(after: throttled, attempt: 5)
        XCTAssertNotNil(fifth)
        let eighth = await adaptive.delayBeforeRetry(after: throttled, attempt: 8)
        XCTAssertNil(eighth)
        let serverError = await adaptive.delayBeforeRetry(after: AWSError(code: .internalFailure, message: "", statusCode: 500), attempt: 3)
        XCTAssertNil(serverError, "other errors keep the normal limit")
        XCTAssertEqual(try RetryPolicy(environment: [:], profile: [:]).mode, .adaptive)
    }
}
