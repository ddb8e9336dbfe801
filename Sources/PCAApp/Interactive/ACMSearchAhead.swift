import Foundation
import PCAAdmin

/// ACM's SearchCertificates started beside the tags, the last part of the UI's inventory, once every CA's
/// permissions are read: its pages (one request at a time) then overlap the tags instead of following them, and
/// never compete with the permission column. Not before: by then the credentials work, so a failed listing or a
/// cancelled MFA prompt never asks for them a second time; and on 2 cores, decoding pages of 500 certificates
/// beside the permissions delayed the column by a third (`pca-bench`, 1,000 CAs with 20,000 certificates).
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
