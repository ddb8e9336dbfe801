import Foundation
@testable import PCAClient
import XCTest

/// A paginator that asks for the next page while the current one is decoded: the pages are the same as one after
/// another, the look-ahead goes out before the reader asks, and a look-ahead nobody will use is cancelled.
final class PrefetchingPaginatorTests: XCTestCase {
    /// Pages "0", "1", ... up to `count`; each raw answer is "page|next" (next empty on the last page).
    private final class Server: @unchecked Sendable {
        let count: Int
        let lock = NSLock()
        var requested: [String?] = []
        var cancelled: [String?] = []
        /// Tokens whose request waits until cancelled.
        var hanging: Set<String> = []

        init(count: Int) {
            self.count = count
        }

        func fetch(_ token: String?) async throws -> String {
            lock.withLock { requested.append(token) }
            if let token, lock.withLock({ hanging.contains(token) }) {
                do {
                    try await Task.sleep(nanoseconds: 10_000_000_000)
                } catch {
                    lock.withLock { cancelled.append(token) }
                    throw error
                }
            }
            let page = Int(token ?? "0") ?? 0
            return "\(page)|\(page + 1 < count ? String(page + 1) : "")"
        }

        var requests: [String?] { lock.withLock { requested } }
        var cancellations: [String?] { lock.withLock { cancelled } }
    }

    private func paginator(_ server: Server, peek: @escaping @Sendable (String) -> String? = { String($0.split(separator: "|", omittingEmptySubsequences: false)[1]) },
                           decode: @escaping @Sendable (String) throws -> (page: String, nextToken: String?) = { raw in
                               let parts = raw.split(separator: "|", omittingEmptySubsequences: false)
                               return (String(parts[0]), parts[1].isEmpty ? nil : String(parts[1]))
                           }) -> Paginator<String> {
        Paginator.prefetching(fetch: { try await server.fetch($0) }, peek: peek, decode: decode)
    }

    private func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return condition()
    }

    func testSamePagesInOrderAndEachRequestedOnce() async throws {
        let server = Server(count: 5)
        var pages: [String] = []
        for try await page in paginator(server) { pages.append(page) }
        XCTAssertEqual(pages, ["0", "1", "2", "3", "4"])
        XCTAssertEqual(server.requests, [nil, "1", "2", "3", "4"])
    }

    func testTheNextPageIsAskedForBeforeTheReaderAsks() async throws {
        let server = Server(count: 3)
        let pages = paginator(server)
        var iterator = pages.makeAsyncIterator()
        let first = try await iterator.next()
        XCTAssertEqual(first, "0")
        let askedAhead = await eventually { server.requests.contains("1") }
        XCTAssertTrue(askedAhead, "page 1 was not requested while page 0 was read")
        let second = try await iterator.next()
        XCTAssertEqual(second, "1")
        XCTAssertEqual(server.requests.filter { $0 == "1" }.count, 1, "the look-ahead is used, not sent again")
    }

    func testALookAheadTheDecodedPageDoesNotConfirmIsCancelledAndUnused() async throws {
        let server = Server(count: 3)
        server.hanging = ["wrong"]
        var pages: [String] = []
        for try await page in paginator(server, peek: { $0.hasPrefix("0|") ? "wrong" : String($0.split(separator: "|", omittingEmptySubsequences: false)[1]) }) {
            pages.append(page)
        }
        XCTAssertEqual(pages, ["0", "1", "2"])
        let cancelled = await eventually { server.cancellations == ["wrong"] }
        XCTAssertTrue(cancelled, "the look-ahead for a token the page did not give was left running")
        XCTAssertEqual(server.requests.filter { $0 == "1" }.count, 1)
    }

    func testADecodingErrorCancelsTheLookAhead() async throws {
        struct Bad: Error {}
        let server = Server(count: 3)
        server.hanging = ["1"]
        do {
            for try await _ in paginator(server, decode: { _ in throw Bad() }) {}
            XCTFail("the decoding error was lost")
        } catch is Bad {}
        let cancelled = await eventually { server.cancellations == ["1"] }
        XCTAssertTrue(cancelled)
    }

    func testAReaderThatStopsEarlyLeavesNothingRunning() async throws {
        let server = Server(count: 3)
        server.hanging = ["1"]
        func readFirstPage() async throws -> String? {
            for try await page in paginator(server) { return page }
            return nil
        }
        let first = try await readFirstPage()
        XCTAssertEqual(first, "0")
        let cancelled = await eventually { server.cancellations == ["1"] }
        XCTAssertTrue(cancelled, "the look-ahead outlived the reader")
    }

    func testCancellingTheReaderCancelsTheRequestItWaitsFor() async throws {
        let server = Server(count: 3)
        server.hanging = ["1"]
        let pages = paginator(server)
        let reader = Task {
            var iterator = pages.makeAsyncIterator()
            _ = try await iterator.next()
            _ = try await iterator.next()
        }
        _ = await eventually { server.requests.contains("1") }
        reader.cancel()
        let outcome = await reader.result
        XCTAssertThrowsError(try outcome.get())
        let cancelled = await eventually { server.cancellations == ["1"] }
        XCTAssertTrue(cancelled)
    }

    /// A token the page gives (Å as U+00C5) and one the look-ahead read (Å as U+212B) are equal to Swift's `==`
    /// but not to a server: the page for the decoded token is the one read.
    func testTokensAreComparedByteForByte() async throws {
        let sent = Server(count: 0)
        let pages = Paginator<String>.prefetching(fetch: { token in
            sent.lock.withLock { sent.requested.append(token) }
            switch token {
            case nil: return "first"
            case "\u{00C5}"? where token!.utf8.elementsEqual("\u{00C5}".utf8): return "second, asked for with the page's token"
            default: return "second, asked for with another token"
            }
        }, peek: { $0 == "first" ? "\u{212B}" : nil }, decode: { raw in (raw, raw == "first" ? "\u{00C5}" : nil) })
        var read: [String] = []
        for try await page in pages { read.append(page) }
        XCTAssertEqual(read, ["first", "second, asked for with the page's token"])
        XCTAssertTrue(sent.requests.contains { $0.map { Array($0.utf8) } == Array("\u{00C5}".utf8) })
    }

    func testALoopingServiceStillStops() async throws {
        let server = Server(count: 3)
        do {
            for try await _ in paginator(server, peek: { _ in "1" }, decode: { raw in (raw, "1") }) {}
            XCTFail("a service answering the same token for ever was followed for ever")
        } catch ClientError.malformedResponse(operation: "pagination", _, _) {}
    }
}
