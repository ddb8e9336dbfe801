/// The pages of a paginated operation as an `AsyncSequence`. It stops when `NextToken` is absent, and fails
/// with a clear error when the service loops (hands back a token it already gave, as botocore checks) or never
/// stops (more than `maximumPages` pages: 1,000 pages of 100 CAs is 100,000 CAs, far above AWS's quotas).
public struct Paginator<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    public typealias FetchPage = @Sendable (_ nextToken: String?) async throws -> (page: Page, nextToken: String?)

    public static var defaultMaximumPages: Int { 1000 }

    private let fetch: FetchPage
    private let maximumPages: Int

    public init(maximumPages: Int = defaultMaximumPages, fetch: @escaping FetchPage) {
        self.fetch = fetch
        self.maximumPages = maximumPages
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: FetchPage
        var guardrail: PageGuard
        var token: String?
        var finished = false

        public mutating func next() async throws -> Page? {
            guard !finished else { return nil }
            let (page, nextToken) = try await fetch(token)
            do {
                token = try guardrail.next(after: nextToken)
            } catch {
                finished = true
                throw error
            }
            finished = token == nil
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, guardrail: PageGuard(maximumPages: maximumPages))
    }

    /// Every item of every page, in order.
    public func items<Item: Sendable>(_ extract: @escaping @Sendable (Page) -> [Item]) -> AsyncThrowingStream<Item, Error> {
        let pages = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await page in pages {
                        for item in extract(page) { continuation.yield(item) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every item of every page, collected.
    public func collect<Item: Sendable>(_ extract: @escaping @Sendable (Page) -> [Item]) async throws -> [Item] {
        var result: [Item] = []
        for try await page in self {
            result += extract(page)
        }
        return result
    }
}

/// The bounds of one pagination: counts the pages and remembers the tokens, so a looping or endless
/// service ends with a clear error instead of running for ever.
public struct PageGuard: Sendable {
    public let maximumPages: Int
    private var seen: Set<String> = []
    private var pages = 0

    public init(maximumPages: Int = Paginator<Int>.defaultMaximumPages) {
        self.maximumPages = maximumPages
    }

    /// The token to request next after a page that answered `nextToken`, or nil when the listing is done.
    public mutating func next(after nextToken: String?) throws -> String? {
        pages += 1
        guard let nextToken, !nextToken.isEmpty else { return nil }
        if seen.contains(nextToken) {
            throw ClientError.malformedResponse(operation: "pagination", statusCode: 200,
                                                detail: "the service returned a NextToken it had already given (a loop)")
        }
        if pages >= maximumPages {
            throw ClientError.malformedResponse(operation: "pagination", statusCode: 200,
                                                detail: "the service was still paging after \(maximumPages) pages; stopped")
        }
        seen.insert(nextToken)
        return nextToken
    }
}
