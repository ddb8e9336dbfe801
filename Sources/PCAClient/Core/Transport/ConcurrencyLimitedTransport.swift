import Foundation

/// A transport that lets at most `limit` requests be in flight at once, whichever client sends them, and
/// starts waiting ones in the order they came: the one global cap of an estate, whose accounts and regions
/// each have their own client (and so their own rate limit, applied before a request gets here) over one
/// shared transport. A request paced or backing off in its own client holds no slot.
public struct ConcurrencyLimitedTransport: HTTPTransport {
    public let base: HTTPTransport
    public let limit: Int
    private let slots: RequestSlots

    public init(_ base: HTTPTransport, limit: Int) {
        self.base = base
        self.limit = max(1, limit)
        slots = RequestSlots(count: self.limit)
    }

    /// The deadline of a request is its base's: it runs from the moment a slot is free, not from the moment the
    /// request joined the queue (waiting for a slot is the estate's own pacing, not the server's slowness).
    public var enforcesDeadline: Bool { base.enforcesDeadline }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        await slots.acquire()
        defer { slots.release() }
        try Task.checkCancellation()
        return try await base.send(request, timeout: timeout)
    }
}

/// A counting semaphore for async code, first come first served. Guarded by a lock rather than an actor: a
/// release hands its slot to the longest waiter at once, without a task and two executor hops per request.
final class RequestSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    func acquire() async {
        let granted = lock.withLock { () -> Bool in
            guard free > 0 else { return false }
            free -= 1
            return true
        }
        if granted { return }
        await withCheckedContinuation { continuation in
            // A slot may have been freed between the check and now: take it rather than wait for ever.
            let grantedNow = lock.withLock { () -> Bool in
                if free > 0 {
                    free -= 1
                    return true
                }
                waiting.append(continuation)
                return false
            }
            if grantedNow { continuation.resume() }
        }
    }

    /// Hands the slot straight to the longest waiter, or frees it.
    func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiting.isEmpty {
                free += 1
                return nil
            }
            return waiting.removeFirst()
        }
        next?.resume()
    }

    /// Slots free now, and requests waiting for one: for tests.
    var available: Int { lock.withLock { free } }
    var waitingCount: Int { lock.withLock { waiting.count } }
}
