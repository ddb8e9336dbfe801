import Foundation
import PCAClient

/// Every API call of the session, for matching request ids to audit entries.
public final class CallRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [APICallRecord] = []

    public init() {}

    public func append(_ record: APICallRecord) {
        lock.withLock {
            records.append(record)
            if records.count > 10_000 { records.removeFirst(5_000) }
        }
    }

    public var count: Int { lock.withLock { records.count } }

    public func since(_ mark: Int) -> [APICallRecord] {
        lock.withLock { Array(records.dropFirst(min(mark, records.count))) }
    }
}
