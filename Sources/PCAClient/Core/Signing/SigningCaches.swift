import Foundation

/// What SigV4 signs of an endpoint URL: the same for every request to it.
struct EndpointParts: Sendable {
    var host: String
    var canonicalURI: String
    var canonicalQuery: String
}

/// Derived SigV4 signing keys by secret, day, region and service: deriving one takes four HMACs, and a listing
/// signs thousands of requests with the same one. The keys stay in this process's memory only, like the secrets
/// they come from; the cache is emptied when it grows past `capacity` (many profiles, or a day boundary).
final class SigningKeyCache: @unchecked Sendable {
    static let shared = SigningKeyCache()

    private struct Key: Hashable {
        var secret: String
        var dateStamp: String
        var region: String
        var service: String
    }

    private let lock = NSLock()
    private var keys: [Key: [UInt8]] = [:]
    private let capacity = 256

    func key(secret: String, dateStamp: String, region: String, service: String, derive: () -> [UInt8]) -> [UInt8] {
        let key = Key(secret: secret, dateStamp: dateStamp, region: region, service: service)
        if let known = lock.withLock({ keys[key] }) { return known }
        let derived = derive()
        lock.withLock {
            if keys.count >= capacity { keys.removeAll() }
            keys[key] = derived
        }
        return derived
    }
}

/// Endpoint parts by URL, emptied past `capacity` (an estate has a few URLs per service and region).
final class EndpointPartsCache: @unchecked Sendable {
    static let shared = EndpointPartsCache()

    private let lock = NSLock()
    private var parts: [String: EndpointParts] = [:]
    private let capacity = 256

    func parts(for url: URL, compute: () -> EndpointParts) -> EndpointParts {
        if let known = lock.withLock({ parts[url.absoluteString] }) { return known }
        let computed = compute()
        lock.withLock {
            if parts.count >= capacity { parts.removeAll() }
            parts[url.absoluteString] = computed
        }
        return computed
    }
}
