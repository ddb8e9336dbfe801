import Foundation

/// The SDKs' retry settings: mode and maximum attempts, from `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS` or the
/// profile's `retry_mode` / `max_attempts`.
public struct RetryPolicy: Sendable, Hashable {
    public enum Mode: String, Sendable {
        case legacy, standard, adaptive
    }

    public var mode: Mode
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// True when `AWS_MAX_ATTEMPTS`, `max_attempts` or the caller named the attempts: then they are the limit for
    /// every failure, throttling included, as in the SDKs.
    public var maxAttemptsIsChosen: Bool
    /// Largest backoff between attempts, in seconds.
    public var maxBackoff: Double = 20

    public init(mode: Mode = .standard, maxAttempts: Int? = nil) {
        self.mode = mode
        self.maxAttempts = maxAttempts ?? (mode == .legacy ? 5 : 3)
        self.maxAttemptsIsChosen = maxAttempts != nil
    }

    init(environment: [String: String], profile: [String: String]) throws {
        // pca-tui fans out many calls at once, so it paces itself by default (AWS_RETRY_MODE overrides).
        let modeText = environment.nonEmpty("AWS_RETRY_MODE") ?? profile["retry_mode"] ?? "adaptive"
        guard let mode = Mode(rawValue: modeText.lowercased()) else {
            throw ClientError.invalidConfiguration("retry mode '\(modeText)' is not legacy, standard or adaptive")
        }
        var attempts: Int?
        if let text = environment.nonEmpty("AWS_MAX_ATTEMPTS") ?? profile["max_attempts"] {
            guard let value = Int(text), value >= 1 else {
                throw ClientError.invalidConfiguration("max attempts '\(text)' is not a whole number of at least 1")
            }
            attempts = value
        }
        self.init(mode: mode, maxAttempts: attempts)
    }
}
