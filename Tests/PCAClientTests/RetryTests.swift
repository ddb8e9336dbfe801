import Foundation
@testable import PCAClient
import XCTest

final class RetryTests: XCTestCase {
    func testThrottlingIsRetriedThenSucceeds() async throws {
        let transport = RecordingTransport { _, index in
            index < 2 ? awsError("ThrottlingException", "Rate exceeded") : json(200, #"{"CertificateAuthorities":[]}"#)
        }
        let records = Collector<APICallRecord>()
        _ = try await makeClient(transport, observer: { records.append($0) }).listCertificateAuthorities()
        XCTAssertEqual(transport.requests.count, 3)
        XCTAssertEqual(records.values.first?.attempts, 3)
        XCTAssertNil(records.values.first?.errorCode)
    }

    func testStandardModeStopsAfterThreeAttempts() async throws {
        let transport = RecordingTransport { _, _ in awsError("ThrottlingException", status: 400) }
        do {
            _ = try await makeClient(transport).listCertificateAuthorities()
            XCTFail("expected throttling")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, .throttling)
        }
        XCTAssertEqual(transport.requests.count, 3)
    }

    func testMaxAttemptsIsHonoured() async throws {
        let transport = RecordingTransport { _, _ in HTTPResponse(statusCode: 503) }
        _ = try? await makeClient(transport, policy: RetryPolicy(mode: .standard, maxAttempts: 5)).listCertificateAuthorities()
        XCTAssertEqual(transport.requests.count, 5)
    }

    /// Adaptive mode gives throttling up to 8 attempts by default; a chosen number of attempts is the limit.
    func testAdaptiveThrottlingHonoursChosenAttempts() async throws {
        let throttled = AWSError(code: .throttling, message: "", statusCode: 400)
        let byDefault = RetryStrategy(policy: try RetryPolicy(environment: [:], profile: [:]), random: { 0 })
        let seventh = await byDefault.delayBeforeRetry(after: throttled, attempt: 7)
        let eighth = await byDefault.delayBeforeRetry(after: throttled, attempt: 8)
        XCTAssertNotNil(seventh)
        XCTAssertNil(eighth)
        for chosen in [try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "1"], profile: [:]),
                       try RetryPolicy(environment: [:], profile: ["max_attempts": "1"])] {
            XCTAssertEqual(chosen.mode, .adaptive)
            let retry = await RetryStrategy(policy: chosen, random: { 0 }).delayBeforeRetry(after: throttled, attempt: 1)
            XCTAssertNil(retry)
        }
        let two = RetryStrategy(policy: try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "2"], profile: [:]), random: { 0 })
        let first = await two.delayBeforeRetry(after: throttled, attempt: 1)
        let second = await two.delayBeforeRetry(after: throttled, attempt: 2)
        XCTAssertNotNil(first)
        XCTAssertNil(second)
    }

    func testNonRetryableErrorsReturnAtOnce() async throws {
        for code in ["AccessDeniedException", "InvalidStateException", "ResourceNotFoundException", "InvalidArnException"] {
            let transport = RecordingTransport { _, _ in awsError(code) }
            _ = try? await makeClient(transport).listCertificateAuthorities()
            XCTAssertEqual(transport.requests.count, 1, code)
        }
    }

    func testNetworkErrorsAreRetried() async throws {
        let transport = RecordingTransport { _, index in
            if index == 0 { throw ClientError.network("connection reset") }
            return json(200, "{}")
        }
        _ = try await makeClient(transport).listCertificateAuthorities()
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testBackoffIsFullJitterCappedAt20Seconds() async {
        let strategy = RetryStrategy(policy: RetryPolicy(mode: .standard, maxAttempts: 10), random: { 1.0 })
        let throttled = AWSError(code: .throttling, message: "", statusCode: 400)
        let first = await strategy.delayBeforeRetry(after: throttled, attempt: 1)
        let third = await strategy.delayBeforeRetry(after: throttled, attempt: 3)
        let ninth = await strategy.delayBeforeRetry(after: throttled, attempt: 9)
        XCTAssertEqual(first, 1)
        XCTAssertEqual(third, 4)
        XCTAssertEqual(ninth, 20)
        let half = RetryStrategy(policy: RetryPolicy(), random: { 0.25 })
        let jittered = await half.delayBeforeRetry(after: throttled, attempt: 2)
        XCTAssertEqual(jittered, 0.5)
    }

    func testRetryQuotaRunsOutAndRefills() async {
        let strategy = RetryStrategy(policy: RetryPolicy(mode: .standard, maxAttempts: 3), random: { 0 })
        let failure = AWSError(code: .internalFailure, message: "", statusCode: 500)
        var granted = 0
        for _ in 0..<200 where await strategy.delayBeforeRetry(after: failure, attempt: 1) != nil {
            granted += 1
        }
        XCTAssertEqual(granted, RetryStrategy.quotaCapacity / 5)
        let denied = await strategy.delayBeforeRetry(after: failure, attempt: 1)
        XCTAssertNil(denied, "an empty quota stops retries")
        await strategy.recordSuccess(retried: true, lastKind: .transient)
        let quota = await strategy.availableQuota
        XCTAssertEqual(quota, 5)
    }

    func testLimitExceededCountsAsThrottlingInStandardMode() {
        let strategy = RetryStrategy(policy: RetryPolicy())
        XCTAssertEqual(strategy.classify(AWSError(code: .limitExceeded, message: "", statusCode: 400)), .throttling)
        XCTAssertEqual(strategy.classify(AWSError(code: .accessDenied, message: "", statusCode: 400)), .notRetryable)
        XCTAssertEqual(strategy.classify(AWSError(code: "Whatever", message: "", statusCode: 502)), .transient)
    }

    func testLegacyModeRetriesFiveTimesAndOnly429And5xx() async {
        let legacy = RetryPolicy(mode: .legacy)
        XCTAssertEqual(legacy.maxAttempts, 5)
        let strategy = RetryStrategy(policy: legacy)
        XCTAssertEqual(strategy.classify(AWSError(code: "X", message: "", statusCode: 429)), .transient)
        XCTAssertEqual(strategy.classify(AWSError(code: .limitExceeded, message: "", statusCode: 400)), .notRetryable)
    }

    func testRetryPolicyFromEnvironmentAndProfile() throws {
        XCTAssertEqual(try RetryPolicy(environment: ["AWS_RETRY_MODE": "legacy"], profile: [:]).maxAttempts, 5)
        XCTAssertEqual(try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "7"], profile: ["max_attempts": "2"]).maxAttempts, 7)
        XCTAssertEqual(try RetryPolicy(environment: [:], profile: ["max_attempts": "2"]).maxAttempts, 2)
        XCTAssertThrowsError(try RetryPolicy(environment: ["AWS_RETRY_MODE": "turbo"], profile: [:]))
        XCTAssertThrowsError(try RetryPolicy(environment: ["AWS_MAX_ATTEMPTS": "0"], profile: [:]))
    }

    func testPerRequestTimeout() async throws {
        let transport = RecordingTransport { _, _ in
            try await Task.sleep(nanoseconds: 5_000_000_000)
            return json(200, "{}")
        }
        let client = makeClient(transport, policy: RetryPolicy(mode: .standard, maxAttempts: 1), timeout: 0.1)
        let started = Date()
        do {
            _ = try await client.listCertificateAuthorities()
            XCTFail("expected a timeout")
        } catch ClientError.timedOut(let seconds) {
            XCTAssertEqual(seconds, 0.1)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testCancellationStopsTheCall() async throws {
        let transport = RecordingTransport { _, _ in
            try await Task.sleep(nanoseconds: 5_000_000_000)
            return json(200, "{}")
        }
        let client = makeClient(transport, timeout: 30)
        let task = Task { try await client.listCertificateAuthorities() }
        try await Task.sleep(nanoseconds: 50_000_000)
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }

    func testExpiredTokenRefreshesCredentialsOnce() async throws {
        let issued = Collector<Int>()
        struct Counting: CredentialProvider {
            let issued: Collector<Int>
            var name: String { "counting" }
            func credentials() async throws -> AWSCredentials? {
                issued.append(1)
                return AWSCredentials(accessKeyID: "ASIA\(issued.values.count)", secretAccessKey: "s", sessionToken: "t",
                                      expiration: Date().addingTimeInterval(3600))
            }
        }
        let provider = RefreshingCredentialProvider(Counting(issued: issued))
        let transport = RecordingTransport { request, _ in
            request.header("Authorization")!.contains("ASIA1/") ? awsError("ExpiredTokenException", "expired")
                : json(200, "{}")
        }
        _ = try await makeClient(transport, credentials: provider).listCertificateAuthorities()
        XCTAssertEqual(issued.values.count, 2)
        XCTAssertEqual(transport.requests.count, 2)
    }
}
