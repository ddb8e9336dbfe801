import Foundation
import PCAAdmin

/// ACM's SearchCertificates started beside the rest of the UI's inventory once its first CAs are listed: the
/// pages go one request at a time, so they take one of `--concurrency` slots from the permissions and tags while
/// their round trips overlap instead of following them. Not before the first CAs arrive: by then the
/// credentials work, and a failed listing or a cancelled MFA prompt never asks for them a second time.
final class ACMSearchAhead: @unchecked Sendable {
    private let reader: ACMCertificateReader
    private let lock = NSLock()
    private var task: Task<ACMCertificateReader.Search, Error>?

    init(reader: ACMCertificateReader) {
        self.reader = reader
    }

    /// Starts the search; later calls do nothing.
    func start() {
        let reader = self.reader
        lock.withLock {
            if task == nil { task = Task { try await reader.search() } }
        }
    }

    func cancel() {
        lock.withLock { task }?.cancel()
    }

    /// The search's outcome; nil when it was never started.
    func result() async -> Result<ACMCertificateReader.Search, Error>? {
        guard let task = lock.withLock({ task }) else { return nil }
        return await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
    }
}
