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
        defer { Task { await slots.release() } }
        try Task.checkCancellation()
        return try await base.send(request, timeout: timeout)
    }
}

/// A counting semaphore for async code, first come first served.
actor RequestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot straight to the longest waiter, or frees it.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
