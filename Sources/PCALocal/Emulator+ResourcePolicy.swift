import Foundation
import PCAClient

/// Calls across accounts: a CA's resource policy decides what another account may do with it.
extension Emulator {
    /// The account of the request being answered. Called with the lock held.
    var callerAccount: String { caller?.account ?? state.account }

    /// A caller of another account than the CA's may call an operation only when the CA's resource policy
    /// allows it; operations that change the CA or read its policy are the owner's alone. AWS answers
    /// AccessDeniedException naming the action and the CA.
    func authorizeAcrossAccounts(_ operation: String, resource: String?, user: EmulatedUser, input: RequestInput) throws {
        guard let resource, let index = index(of: resource) else { return }
        let stored = state.authorities[index]
        let owner = stored.authority.ownerAccount ?? state.account
        guard owner != (user.account ?? state.account) else { return }
        var context: [String: String] = [:]
        if operation == "IssueCertificate" {
            // AWS evaluates the template the request names, and the default when it names none.
            context["acm-pca:TemplateArn"] = (input.members["TemplateArn"] as? String) ?? Self.defaultTemplate
        }
        if Self.ownerOnly.contains(operation)
            || !policyAllows(stored, action: "acm-pca:\(operation)", user: user, context: context) {
            throw EmulatorError(
                "AccessDeniedException",
                "User: \(userARN(user)) is not authorized to perform: acm-pca:\(operation) on resource: \(resource) "
                    + "because no resource-based policy allows the acm-pca:\(operation) action")
        }
    }

    static let defaultTemplate = "arn:aws:acm-pca:::template/EndEntityCertificate/V1"

    /// True when the CA's policy lets `user` (nil: the emulated account) call `action` on it.
    func policyAllows(_ stored: StoredAuthority, action: String, user: EmulatedUser?, context: [String: String] = [:]) -> Bool {
        guard let policy = stored.policy, let evaluator = ResourcePolicyEvaluator(policy: policy) else { return false }
        let account = user?.account ?? state.account
        return evaluator.allows(.init(callerAccount: account, callerARN: user.map(userARN) ?? "arn:aws:iam::\(account):root",
                                      organizationID: user?.organizationID, action: action, resource: stored.arn,
                                      context: context))
    }

    /// PutPolicy's checks of the document, as AWS answers them: InvalidPolicyException for a text that is not a
    /// policy, LockoutPreventedException for one that would deny the caller the policy itself.
    func validatePolicy(_ text: String, caArn: String, user: EmulatedUser?) throws {
        func invalid(_ why: String) -> EmulatorError {
            EmulatorError("InvalidPolicyException", "The resource policy is invalid or is missing a required statement: \(why).")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw invalid("the policy is not a JSON object")
        }
        if let version = object["Version"], !["2012-10-17", "2008-10-17"].contains(version as? String ?? "") {
            throw invalid("Version must be 2012-10-17 or 2008-10-17")
        }
        let statements: [Any]
        if let list = object["Statement"] as? [Any] { statements = list } else if let one = object["Statement"] { statements = [one] } else {
            throw invalid("no Statement")
        }
        guard !statements.isEmpty else { throw invalid("Statement is empty") }
        var sids = Set<String>()
        for case let (position, element) in statements.enumerated() {
            guard let statement = element as? [String: Any] else { throw invalid("statement \(position + 1) is not an object") }
            guard ["Allow", "Deny"].contains(statement["Effect"] as? String ?? "") else {
                throw invalid("statement \(position + 1) needs Effect Allow or Deny")
            }
            for member in ["Principal", "Action", "Resource"] where statement[member] == nil {
                throw invalid("statement \(position + 1) has no \(member)")
            }
            let actions = ResourcePolicyEvaluator.strings(statement["Action"])
            guard !actions.isEmpty, actions.allSatisfy({ $0 == "*" || $0.lowercased().hasPrefix("acm-pca:") }) else {
                throw invalid("statement \(position + 1) names an action that is not acm-pca's")
            }
            if let sid = statement["Sid"] as? String, !sids.insert(sid).inserted {
                throw invalid("the Sid \(sid) is used twice")
            }
        }
        let account = user?.account ?? state.account
        let lockedOut = ["acm-pca:PutPolicy", "acm-pca:DeletePolicy", "acm-pca:GetPolicy"].contains { action in
            ResourcePolicyEvaluator(policy: text)?.denies(.init(callerAccount: account, callerARN: user.map(userARN) ?? "",
                                                                organizationID: user?.organizationID, action: action,
                                                                resource: caArn)) == true
        }
        if lockedOut {
            throw EmulatorError("LockoutPreventedException",
                                "The current action was prevented because it would lock the caller out from performing subsequent actions.")
        }
    }
}
