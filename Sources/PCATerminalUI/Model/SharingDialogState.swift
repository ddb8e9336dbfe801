import Foundation
import PCAAdmin
import PCAClient

/// The Configure sharing dialog (`o` in a CA's detail): add or remove an account or an organization in the
/// CA's resource policy, with issuing on or off.
public struct SharingDialogState: Sendable, Hashable {
    public enum Field: Int, Sendable, Hashable, CaseIterable {
        case principal, issue, action, apply, cancel
    }

    public enum Phase: Sendable, Hashable {
        case editing
        case saving
        case saved(String)
        case failed(ErrorExplanation)
    }

    public var arn: String
    public var name: String
    /// The policy read with the detail: what the plan starts from.
    public var policy: AttachedPolicy
    public var focus: Field = .principal
    /// A 12-digit account id or an organization id (`o-...`).
    public var principal = ""
    public var issue = false
    /// True: share (add); false: unshare (remove).
    public var adding = true
    public var phase: Phase = .editing

    public init(arn: String, name: String, policy: AttachedPolicy) {
        self.arn = arn
        self.name = name
        self.policy = policy
    }

    /// The principal typed, or why it names none.
    public var parsedPrincipal: Result<SharingPrincipal, SharingInputError> {
        let text = principal.trimmingCharacters(in: .whitespaces)
        return text.hasPrefix("o-") ? SharingPrincipal.parse(account: nil, organization: text)
            : SharingPrincipal.parse(account: text, organization: nil)
    }
}
