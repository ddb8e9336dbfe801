import Foundation

/// One source of credentials. `credentials()` returns nil when the source is not configured (the chain then
/// tries the next one) and throws when it is configured but fails (the chain stops, as botocore does).
public protocol CredentialProvider: Sendable {
    /// A short name for messages: "environment variables", "EC2 instance metadata", ...
    var name: String { get }
    func credentials() async throws -> AWSCredentials?
}

/// Keys given directly.
public struct StaticCredentialProvider: CredentialProvider {
    public let name: String
    private let value: AWSCredentials

    public init(_ credentials: AWSCredentials, name: String = "explicit credentials") {
        self.value = credentials
        self.name = name
    }

    public func credentials() async throws -> AWSCredentials? { value }
}

/// Tries providers in order; the first that has credentials wins. With none, the error lists every source.
public struct CredentialChain: CredentialProvider {
    public let providers: [CredentialProvider]
    public var name: String { "credential chain" }

    public init(_ providers: [CredentialProvider]) {
        self.providers = providers
    }

    public func credentials() async throws -> AWSCredentials? {
        for provider in providers {
            if let found = try await provider.credentials() {
                return found
            }
        }
        throw ClientError.noCredentials(tried: providers.map(\.name))
    }
}
