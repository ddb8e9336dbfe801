import Foundation
@testable import PCAClient
import XCTest

/// The estate's one cap: never more than `limit` requests in flight across every client sharing the transport,
/// every request answered, the slots all free again at the end.
final class ConcurrencyLimitedTransportTests: XCTestCase {
    private final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var current = 0
        private(set) var highest = 0
        func enter() { lock.withLock { current += 1; highest = max(highest, current) } }
        func leave() { lock.withLock { current -= 1 } }
        var peak: Int { lock.withLock { highest } }
    }

    func testNeverMoreThanTheLimitInFlightAndEveryRequestAnswered() async throws {
        let gauge = Gauge()
        let base = ClosureTransport { request in
            gauge.enter()
            try await Task.sleep(nanoseconds: UInt64.random(in: 100_000...2_000_000))
            gauge.leave()
            return HTTPResponse(statusCode: 200, body: request.body)
        }
        let transport = ConcurrencyLimitedTransport(base, limit: 4)
        let answers = try await withThrowingTaskGroup(of: Data.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await transport.send(HTTPRequest(method: "POST", url: URL(string: "http://x/")!, body: Data("\(index)".utf8)),
                                             timeout: 5).body
                }
            }
            var all: [Data] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        XCTAssertEqual(Set(answers.map { String(decoding: $0, as: UTF8.self) }), Set((0..<200).map(String.init)))
        XCTAssertEqual(gauge.peak, 4, "the cap is reached and never passed")
    }

    func testAFailedRequestGivesItsSlotBack() async throws {
        struct Refused: Error {}
        let transport = ConcurrencyLimitedTransport(ClosureTransport { _ in throw Refused() }, limit: 2)
        for _ in 0..<10 {
            do {
                _ = try await transport.send(HTTPRequest(method: "POST", url: URL(string: "http://x/")!), timeout: 1)
                XCTFail("the base refused")
            } catch is Refused {}
        }
        let slots = RequestSlots(count: 2)
        await slots.acquire()
        await slots.acquire()
        XCTAssertEqual(slots.available, 0)
        slots.release()
        slots.release()
        XCTAssertEqual(slots.available, 2)
    }

    func testWaitersAreServedFirstComeFirstServed() async throws {
        let slots = RequestSlots(count: 1)
        await slots.acquire()
        final class Order: @unchecked Sendable {
            let lock = NSLock()
            var served: [Int] = []
        }
        let order = Order()
        var waiters: [Task<Void, Never>] = []
        for index in 0..<5 {
            waiters.append(Task {
                await slots.acquire()
                order.lock.withLock { order.served.append(index) }
                slots.release()
            })
            // Each waiter queues before the next one starts.
            while slots.waitingCount < index + 1 { await Task.yield() }
        }
        slots.release()
        for waiter in waiters { await waiter.value }
        XCTAssertEqual(order.served, [0, 1, 2, 3, 4])
        XCTAssertEqual(slots.available, 1)
    }
}
