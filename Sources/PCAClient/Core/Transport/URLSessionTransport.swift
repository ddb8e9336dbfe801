import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The transport to real endpoints, over URLSession (libcurl on Linux).
///
/// Answers are read through a delegate that counts the bytes as they arrive, after libcurl has decompressed
/// them, and cancels the request once they pass `maximumResponseBytes`: neither a huge answer nor a small
/// compressed one that inflates (a gzip bomb) is ever held in memory.
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
        session = URLSession(configuration: configuration, delegate: reader, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers where header.name.lowercased() != "host" {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            urlRequest.httpBody = request.body
        }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await perform(urlRequest)
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
    private func perform(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let cancellation = TaskCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request)
                reader.register(task, continuation)
                cancellation.attach(task)
                task.resume()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// Carries a cancel request to a data task that may not exist yet, without blocking the canceller.
private final class TaskCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false

    func attach(_ task: URLSessionTask) {
        lock.lock()
        self.task = task
        let alreadyCancelled = cancelled
        lock.unlock()
        if alreadyCancelled { Self.cancelSoon(task) }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        if let task { Self.cancelSoon(task) }
    }

    static func cancelSoon(_ task: URLSessionTask) {
        let unchecked = UncheckedTask(task: task)
        DispatchQueue.global().async { unchecked.task.cancel() }
    }

    private struct UncheckedTask: @unchecked Sendable {
        let task: URLSessionTask
    }
}

/// Collects each data task's answer and ends its continuation; cancels a task whose answer grows past the
/// limit (announced by Content-Length, or counted as the decompressed bytes arrive).
private final class CappedResponseReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    typealias Continuation = CheckedContinuation<(Data, URLResponse), Error>

    private struct Pending {
        var continuation: Continuation
        var data = Data()
        var response: URLResponse?
        var tooLarge = false
    }

    private let limit: Int
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    func register(_ task: URLSessionTask, _ continuation: Continuation) {
        lock.withLock { pending[task.taskIdentifier] = Pending(continuation: continuation) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let announced = response.expectedContentLength
        let allowed = lock.withLock { () -> Bool in
            pending[dataTask.taskIdentifier]?.response = response
            if announced > Int64(limit) { pending[dataTask.taskIdentifier]?.tooLarge = true }
            return announced <= Int64(limit)
        }
        completionHandler(allowed ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overLimit = lock.withLock { () -> Bool in
            guard var entry = pending[dataTask.taskIdentifier], !entry.tooLarge else { return false }
            if entry.data.count + data.count > limit {
                entry.tooLarge = true
                entry.data = Data()
            } else {
                entry.data.append(data)
            }
            pending[dataTask.taskIdentifier] = entry
            return entry.tooLarge
        }
        if overLimit { TaskCancellation.cancelSoon(dataTask) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if entry.tooLarge {
            entry.continuation.resume(throwing: ClientError.malformedResponse(
                operation: task.originalRequest?.value(forHTTPHeaderField: "X-Amz-Target") ?? "request",
                statusCode: (entry.response as? HTTPURLResponse)?.statusCode ?? 0, detail: PCAClient.tooLargeDetail))
        } else if let error {
            entry.continuation.resume(throwing: error)
        } else if let response = entry.response ?? task.response {
            entry.continuation.resume(returning: (entry.data, response))
        } else {
            entry.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }
}
