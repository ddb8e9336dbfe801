import Foundation

/// An access key pair, with a session token for temporary credentials. Its description never shows the
/// secret or the token.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Where the credentials came from, for messages ("environment", "profile dev", ...).
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: Date? = nil, source: String = "explicit") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String {
        var text = "AWSCredentials(\(accessKeyID), secret: <redacted>"
        if sessionToken != nil { text += ", token: <redacted>" }
        if let expiration { text += ", expires: \(expiration)" }
        return text + ", from \(source))"
    }

    public var debugDescription: String { description }

    /// True when the credentials expire within `margin` seconds of `now`.
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}
