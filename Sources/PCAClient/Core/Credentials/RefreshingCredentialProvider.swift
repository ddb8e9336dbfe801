import Foundation

/// Caches another provider's credentials and fetches new ones before they expire: within 15 minutes of
/// expiry it tries to refresh but keeps the old ones if that fails; within 10 minutes it must refresh
/// (botocore's advisory and mandatory windows). Concurrent callers share one refresh.
public actor RefreshingCredentialProvider: CredentialProvider {
    public nonisolated let name: String
    private let base: CredentialProvider
    private let now: @Sendable () -> Date
    private let advisoryWindow: TimeInterval
    private let mandatoryWindow: TimeInterval
    private var cached: AWSCredentials?
    private var refreshing: Task<AWSCredentials?, Error>?

    public init(_ base: CredentialProvider, now: @escaping @Sendable () -> Date = Date.init,
                advisoryWindow: TimeInterval = 15 * 60, mandatoryWindow: TimeInterval = 10 * 60) {
        self.base = base
        self.name = base.name
        self.now = now
        self.advisoryWindow = advisoryWindow
        self.mandatoryWindow = mandatoryWindow
    }

    public func credentials() async throws -> AWSCredentials? {
        let current = now()
        if let cached, !cached.expires(within: advisoryWindow, of: current) {
            return cached
        }
        if let cached, !cached.expires(within: mandatoryWindow, of: current) {
            return (try? await refresh()) ?? cached
        }
        return try await refresh()
    }

    /// Drops the cached credentials, for example after the service answered ExpiredToken.
    public func invalidate() {
        cached = nil
    }

    private func refresh() async throws -> AWSCredentials? {
        if let refreshing {
            return try await refreshing.value
        }
        let base = self.base
        let task = Task { try await base.credentials() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        // A source that hands out keys already past their Expiration (a stale cache, a broken
        // credential_process) is a failure here, not a request that AWS then rejects.
        if let expiration = fresh?.expiration, expiration <= now() {
            cached = nil
            throw ClientError.credentialsFailed(source: name, reason: "the credentials it returned expired at "
                                                + AWSTimestamp.iso8601(expiration))
        }
        cached = fresh
        return fresh
    }
}
