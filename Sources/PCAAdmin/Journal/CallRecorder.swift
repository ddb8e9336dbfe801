import Foundation
import PCAClient

/// Every API call of the session, for matching request ids to audit entries. Keeps the latest `capacity` calls
/// (dropping the older half when full); positions count every call ever recorded, so a mark taken before a
/// write still finds that write's calls after older ones were dropped.
public final class CallRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [APICallRecord] = []
    /// Calls dropped from the front so far: the position of `records[0]`.
    private var dropped = 0
    private let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = max(2, capacity)
    }

    public func append(_ record: APICallRecord) {
        lock.withLock {
            records.append(record)
            if records.count > capacity {
                let drop = capacity / 2
                records.removeFirst(drop)
                dropped += drop
            }
        }
    }

    /// The position the next call will have: a mark for `since`.
    public var count: Int { lock.withLock { dropped + records.count } }

    /// The calls recorded from position `mark` on that are still kept.
    public func since(_ mark: Int) -> [APICallRecord] {
        lock.withLock { Array(records.dropFirst(min(max(0, mark - dropped), records.count))) }
    }
}
