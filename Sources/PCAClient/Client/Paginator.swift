/// The pages of a paginated operation as an `AsyncSequence`. It stops when `NextToken` is absent and fails,
/// as botocore does, when the service hands back the token it was just given (a loop).
public struct Paginator<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    public typealias FetchPage = @Sendable (_ nextToken: String?) async throws -> (page: Page, nextToken: String?)

    private let fetch: FetchPage

    public init(fetch: @escaping FetchPage) {
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fetch: FetchPage
        var token: String?
        var finished = false

        public mutating func next() async throws -> Page? {
            guard !finished else { return nil }
            let requested = token
            let (page, nextToken) = try await fetch(requested)
            if let nextToken, !nextToken.isEmpty {
                if nextToken == requested {
                    finished = true
                    throw ClientError.malformedResponse(operation: "pagination", statusCode: 200,
                                                        detail: "the service returned the same NextToken again")
                }
                token = nextToken
            } else {
                finished = true
            }
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch)
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
