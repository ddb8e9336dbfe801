import Foundation

/// What SigV4 signs of an endpoint URL: the same for every request to it.
struct EndpointParts: Sendable {
    var host: String
    var canonicalURI: String
    var canonicalQuery: String
}

/// A small thread-safe memo, emptied when it grows past `capacity`: what signing (and the emulator's verifying)
/// derives the same way for thousands of requests.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = capacity
    }

    public func value(for key: Key, compute: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let computed = compute()
        lock.withLock {
            if values.count >= capacity { values.removeAll() }
            values[key] = computed
        }
        return computed
    }
}

/// The caches signing uses.
enum SigningCaches {
    struct KeyScope: Hashable, Sendable {
        var secret: String
        var dateStamp: String
        var region: String
        var service: String
    }

    /// Derived SigV4 signing keys by secret, day, region and service: deriving one takes four HMACs, and a listing
    /// signs thousands of requests with the same one. The keys stay in this process's memory only, like the
    /// secrets they come from.
    static let signingKeys = BoundedCache<KeyScope, [UInt8]>()

    /// Endpoint parts by URL (an estate has a few URLs per service and region).
    static let endpointParts = BoundedCache<String, EndpointParts>()
}
