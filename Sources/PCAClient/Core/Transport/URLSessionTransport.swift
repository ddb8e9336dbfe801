import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport to real endpoints, over URLSession (libcurl on Linux).
///
/// Answers are read through a delegate that counts the bytes as they arrive, after libcurl has decompressed
/// them, and cancels the request once they pass `maximumResponseBytes`: neither a huge answer, an endless one
/// (chunked, or longer than its Content-Length says) nor a small compressed one that inflates (a gzip bomb) is
/// ever held in memory. Each request also ends at its deadline, however slowly the server keeps sending.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let reader: CappedResponseReader

    public init(maximumConnectionsPerHost: Int = 16, maximumResponseBytes: Int = PCAClient.maximumResponseBytes) {
        reader = CappedResponseReader(limit: maximumResponseBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: reader, delegateQueue: InlineDelegateQueue())
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Every exchange ends at its deadline (see `CappedResponseReader.register`).
    public var enforcesDeadline: Bool { true }

    /// `timeout` bounds the whole exchange, not only the silences between bytes.
    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers where !HeaderName.equal(header.name, "host") {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            urlRequest.httpBody = request.body
        }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await perform(urlRequest, deadline: timeout)
        } catch let error as URLError where error.code == .timedOut {
            throw ClientError.timedOut(seconds: timeout)
        } catch let error as URLError where error.code == .cancelled {
            throw CancellationError()
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError.network(error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw ClientError.network("not an HTTP answer from \(request.url.host ?? "?")")
        }
        let headers = http.allHeaderFields.compactMap { key, value -> (name: String, value: String)? in
            guard let name = key as? String else { return nil }
            return (name, "\(value)")
        }
        return HTTPResponse(statusCode: http.statusCode, headers: headers, body: data)
    }

    /// One request through a data task with a completion handler.
    ///
    /// Not `URLSession.data(for:)`: in swift-corelibs-foundation its cancellation handler calls
    /// `URLSessionTask.cancel()` (a sync hop onto the session's queue) while the concurrency runtime holds the
    /// task's status lock, and a completion arriving at that moment waits for the same lock: both threads
    /// stop for good. Seen when a failed listing cancels its sibling requests. Here the cancel is sent from
    /// another queue, so the cancellation handler returns at once.
    private func perform(_ request: URLRequest, deadline: TimeInterval) async throws -> (Data, URLResponse) {
        let cancellation = TaskCancellation(reader: reader)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request)
                reader.register(task, continuation, deadline: deadline)
                cancellation.attach(task)
                task.resume()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// Carries a cancel request to a data task that may not exist yet, without blocking the canceller. The
/// awaiting caller is answered (`CancellationError`) at once, not when URLSession gets round to the cancel: under
/// an endless answer that can take many seconds, and a timeout must not wait for it.
private final class TaskCancellation: @unchecked Sendable {
    private let reader: CappedResponseReader
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false

    init(reader: CappedResponseReader) {
        self.reader = reader
    }

    func attach(_ task: URLSessionTask) {
        lock.lock()
        self.task = task
        let alreadyCancelled = cancelled
        lock.unlock()
        if alreadyCancelled { reader.abandon(task, CancellationError()) }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        if let task { reader.abandon(task, CancellationError()) }
    }

    static func cancelSoon(_ task: URLSessionTask) {
        let unchecked = UncheckedTask(task: task)
        DispatchQueue.global().async { unchecked.task.cancel() }
    }
}

/// Collects each data task's answer and ends its continuation. A task whose answer grows past the limit
/// (announced by Content-Length, or counted as the decompressed bytes arrive, for a chunked or endless body), or
/// that is still running at its deadline (a server trickling an answer never trips libcurl's idle timeout), ends
/// at once with a clear error and is cancelled.
///
/// swift-corelibs-foundation ignores the disposition of `didReceive response`, hands every chunk to this
/// delegate on its own queue, and under a fast endless stream can take many seconds to act on a cancel (its
/// work queue is busy reading): so the caller is answered at once, without waiting for the cancel, and chunks
/// that arrive for a finished task are dropped as they come.
private final class CappedResponseReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Continuation = CheckedContinuation<(Data, URLResponse), Error>

    private final class Pending {
        let continuation: Continuation
        let task: URLSessionTask
        let deadline: DispatchTime
        let timeout: TimeInterval
        var data = Data()
        var response: URLResponse?

        init(continuation: Continuation, task: URLSessionTask, timeout: TimeInterval) {
            self.continuation = continuation
            self.task = task
            self.timeout = timeout
            deadline = .now() + max(timeout, 0)
        }
    }

    private let limit: Int
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    /// One timer for every pending task's deadline, ticking only while some task is pending: a timer per request
    /// costs a wake-up of dispatch's timer thread each, a measurable share of a large listing's CPU.
    private var sweeper: DispatchSourceTimer?
    static let sweepInterval: DispatchTimeInterval = .milliseconds(50)

    init(limit: Int) {
        self.limit = limit
    }

    /// The timer holds this reader weakly: released while it ticks, it would tick on for ever.
    deinit {
        sweeper?.cancel()
    }

    /// Tracks `task` until it completes; ends it with `ClientError.timedOut` if it is still running after
    /// `deadline` seconds (to within `sweepInterval`), however steadily the server keeps sending.
    func register(_ task: URLSessionTask, _ continuation: Continuation, deadline: TimeInterval) {
        lock.withLock {
            pending[task.taskIdentifier] = Pending(continuation: continuation, task: task, timeout: deadline)
            if sweeper == nil { startSweeping() }
        }
    }

    /// Called with the lock held.
    private func startSweeping() {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + Self.sweepInterval, repeating: Self.sweepInterval, leeway: .milliseconds(10))
        timer.setEventHandler { [weak self] in self?.sweep() }
        sweeper = timer
        timer.resume()
    }

    /// Ends the tasks past their deadline; stops ticking once nothing is pending.
    private func sweep() {
        let now = DispatchTime.now()
        let expired = lock.withLock { () -> [Pending] in
            let late = pending.values.filter { $0.deadline <= now }
            for entry in late { pending.removeValue(forKey: entry.task.taskIdentifier) }
            if pending.isEmpty {
                sweeper?.cancel()
                sweeper = nil
            }
            return late
        }
        for entry in expired {
            entry.continuation.resume(throwing: ClientError.timedOut(seconds: entry.timeout))
            TaskCancellation.cancelSoon(entry.task)
        }
    }

    /// Ends a task that is still pending with `error`, then cancels it.
    func abandon(_ task: URLSessionTask, _ error: Error) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        entry.continuation.resume(throwing: error)
        TaskCancellation.cancelSoon(task)
    }

    private func tooLarge(_ task: URLSessionTask, statusCode: Int) -> ClientError {
        ClientError.malformedResponse(operation: task.originalRequest?.value(forHTTPHeaderField: "X-Amz-Target") ?? "request",
                                      statusCode: statusCode, detail: PCAClient.tooLargeDetail)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response }
        let announcedTooLarge = response.expectedContentLength > Int64(limit)
        completionHandler(announcedTooLarge ? .cancel : .allow)
        if announcedTooLarge {
            abandon(dataTask, tooLarge(dataTask, statusCode: (response as? HTTPURLResponse)?.statusCode ?? 0))
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overLimit = lock.withLock { () -> Pending? in
            guard let entry = pending[dataTask.taskIdentifier] else { return nil }
            guard entry.data.count + data.count <= limit else { return entry }
            entry.data.append(data)
            return nil
        }
        if let overLimit {
            abandon(dataTask, tooLarge(dataTask, statusCode: (overLimit.response as? HTTPURLResponse)?.statusCode ?? 0))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let error {
            entry.continuation.resume(throwing: error)
        } else if let response = entry.response ?? task.response {
            entry.continuation.resume(returning: (entry.data, response))
        } else {
            entry.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }
}

/// The session's delegate queue, which runs each delegate call at once on the thread URLSession calls from.
///
/// swift-corelibs-foundation reads on its own queue and hands each event to the delegate queue. An ordinary queue
/// costs two thread switches per event (three events per request: the head, the body, the end), a large share of
/// a big listing's CPU on 2 cores; and against a server that sends faster than the delegate reads (an endless
/// answer) the chunks would pile up in the queue past any cap the delegate enforces. Run inline, the delegate's
/// short, lock-guarded work happens on the reading queue itself, so libcurl reads the next chunk only once the
/// delegate has counted this one, and TCP holds the server back. The delegate never waits on URLSession (a cancel
/// is sent from another queue), so running inline cannot deadlock.
private final class InlineDelegateQueue: OperationQueue, @unchecked Sendable {
    override init() {
        super.init()
        maxConcurrentOperationCount = 1
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        block()
    }
}

/// A task handed to another queue; URLSessionTask is thread-safe but not marked Sendable.
private struct UncheckedTask: @unchecked Sendable {
    let task: URLSessionTask
}
