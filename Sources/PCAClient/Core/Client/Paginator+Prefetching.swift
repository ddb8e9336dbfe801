import Foundation

extension Paginator {
    /// Pages whose next request goes out as soon as the current answer's NextToken is seen, while the current page
    /// is still being decoded: on a long listing (SearchCertificates' pages of 500 certificates) decoding a page then
    /// overlaps the next page's round trip instead of adding to it.
    ///
    /// `peek` reads the token from the undecoded answer (nil when unsure: no look-ahead for that page); `decode`
    /// stays the truth. A look-ahead for a token the decoded page does not confirm is cancelled and never used, and
    /// one left pending when the reader stops (an error, a bound reached, a cancelled task) is cancelled too. At most
    /// one request runs ahead, so the pages still go one after another, as the API requires.
    public static func prefetching<Raw: Sendable>(maximumPages: Int = defaultMaximumPages,
                                                  fetch: @escaping @Sendable (_ nextToken: String?) async throws -> Raw,
                                                  peek: @escaping @Sendable (Raw) -> String?,
                                                  decode: @escaping @Sendable (Raw) throws -> (page: Page, nextToken: String?)) -> Paginator {
        let lookAhead = LookAhead<Raw>()
        return Paginator(maximumPages: maximumPages) { token in
            let raw: Raw
            if let token, let ahead = lookAhead.take(for: token) {
                raw = try await ahead.value()
            } else {
                raw = try await fetch(token)
            }
            let peeked = peek(raw).flatMap { $0.isEmpty ? nil : $0 }
            if let peeked { lookAhead.start(for: peeked) { try await fetch(peeked) } }
            do {
                let decoded = try decode(raw)
                if !LookAhead<Raw>.sameToken(decoded.nextToken, peeked) { lookAhead.cancel() }
                return decoded
            } catch {
                lookAhead.cancel()
                throw error
            }
        }
    }
}

/// The one request a prefetching paginator runs ahead, with the token it was sent with.
final class LookAhead<Raw: Sendable>: @unchecked Sendable {
    struct Pending: Sendable {
        let task: Task<Raw, Error>

        /// The answer; cancelling the awaiting task cancels the request.
        func value() async throws -> Raw {
            try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        }
    }

    private let lock = NSLock()
    private var pending: (token: String, request: Pending)?

    func start(for token: String, _ fetch: @escaping @Sendable () async throws -> Raw) {
        let request = Pending(task: Task { try await fetch() })
        let replaced = lock.withLock { () -> Pending? in
            defer { pending = (token, request) }
            return pending?.request
        }
        replaced?.task.cancel()
    }

    /// The request sent ahead for `token`, handed over once; nil when none was (another one is cancelled).
    func take(for token: String) -> Pending? {
        let entry = lock.withLock { () -> (token: String, request: Pending)? in
            defer { pending = nil }
            return pending
        }
        guard let entry else { return nil }
        guard Self.sameToken(entry.token, token) else {
            entry.request.task.cancel()
            return nil
        }
        return entry.request
    }

    /// Tokens compared byte for byte: Swift's `==` takes canonically equivalent strings (Å as U+00C5 and as
    /// U+212B) as equal, and a server would get back a token it did not give.
    static func sameToken(_ left: String?, _ right: String?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case let (left?, right?): return left.utf8.elementsEqual(right.utf8)
        default: return false
        }
    }

    func cancel() {
        lock.withLock { () -> Pending? in
            defer { pending = nil }
            return pending?.request
        }?.task.cancel()
    }

    /// The paginator was dropped (the reader stopped early): nothing is left running for it.
    deinit {
        pending?.request.task.cancel()
    }
}
