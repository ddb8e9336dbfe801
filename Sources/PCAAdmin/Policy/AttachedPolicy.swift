import Foundation
import PCAClient

/// The resource policy a CA holds: none, or its text as GetPolicy returned it.
public enum AttachedPolicy: Sendable, Hashable {
    case none
    case text(String)

    /// The states in which a CA's resource policy can change: AWS answers InvalidStateException otherwise.
    public static let changeableStates: Set<CAStatus> = [.active, .disabled, .pendingCertificate]

    /// Reads the CA's policy. GetPolicy answers ResourceNotFoundException for a CA without one; the caller has
    /// already read the CA, so that answer means no policy.
    public static func read(arn: String, client: PCAClient) async throws -> AttachedPolicy {
        do {
            return try await client.getPolicy(arn: arn).map(AttachedPolicy.text) ?? .none
        } catch let error as AWSError where error.code == .resourceNotFound {
            return .none
        }
    }

    public var text: String? {
        if case let .text(text) = self { return text }
        return nil
    }

    /// Who may do what, one principal a line; nil for no policy or a text that is not a policy.
    public var summary: PolicySummary? {
        text.flatMap { try? ResourcePolicy(text: $0) }.map(PolicySummary.init)
    }

    /// "account 555566667777: ...; organization o-...: ..." or "no policy", for a line of text.
    public var summaryWords: String {
        guard let text else { return "no policy" }
        guard let summary else { return "a policy pca-tui cannot read (\(text.count) characters)" }
        return summary.lines.isEmpty ? "a policy that grants nobody anything" : summary.lines.joined(separator: "; ")
    }

    /// The whole text for the audit log (one line: JSON keeps its meaning without its line breaks).
    public var journalWords: String {
        guard let text else { return "no policy" }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

/// A share's or an unshare's policy before, and after as read back.
public struct PolicyChange: Sendable, Hashable {
    public var before: AttachedPolicy
    /// Nil when reading it back failed.
    public var after: AttachedPolicy?

    public init(before: AttachedPolicy, after: AttachedPolicy?) {
        self.before = before
        self.after = after
    }
}

/// The policy read back is not the one sent.
public struct PolicyVerificationError: Error, Sendable, CustomStringConvertible {
    public var expected: String
    public var found: AttachedPolicy

    public var description: String {
        "AWS accepted the change, but GetPolicy now shows \(found.summaryWords), not \(expected)"
    }
}
