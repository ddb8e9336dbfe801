import Foundation
import PCAClient

extension WritePlanner {
    /// A share or an unshare on one CA: nothing, put the edited policy, delete it when no statement remains, or
    /// unreadable when the policy was not read or cannot be edited safely.
    static func planSharing(_ target: WriteTarget, intent: WriteIntent) -> PlannedChange {
        guard let grant = target.sharing else {
            return PlannedChange(target: target, intent: intent, kind: .unreadable("no account or organization named"))
        }
        guard let policy = target.policy else {
            return PlannedChange(target: target, intent: intent, kind: .unreadable("the resource policy was not read"))
        }
        let planned: (edit: PolicyEdit, notes: [String])
        do {
            planned = intent == .share ? try PolicyEdit.share(grant, caArn: target.arn, current: policy.text)
                : try PolicyEdit.unshare(grant.principal, current: policy.text)
        } catch {
            return PlannedChange(target: target, intent: intent, kind: .unreadable("the resource policy: \(error)"))
        }
        switch planned.edit {
        case .nothing:
            return PlannedChange(target: target, intent: intent, kind: .nothing, notes: planned.notes)
        case let .put(text):
            return PlannedChange(target: target, intent: intent, kind: .putPolicy, steps: [.putPolicy(text)], notes: planned.notes)
        case .delete:
            return PlannedChange(target: target, intent: intent, kind: .deletePolicy, steps: [.deletePolicy], notes: planned.notes)
        }
    }
}

extension PlannedChange {
    /// The policy text a share or an unshare puts; nil when it puts none.
    public var policyToPut: String? {
        for case let .putPolicy(text) in steps { return text }
        return nil
    }

    /// The policy after the change as planned: the text put, none when deleted, unchanged otherwise.
    public var plannedPolicy: AttachedPolicy? {
        if let text = policyToPut { return .text(text) }
        if steps.contains(.deletePolicy) { return AttachedPolicy.none }
        return target.policy
    }

    /// The statements removed and added, one a line; nil for a change that is not a share or an unshare.
    public var policyDiff: [String]? {
        guard intent == .share || intent == .unshare, let before = target.policy, sendsRequests else { return nil }
        return PolicyEdit.diff(before: before.text, after: plannedPolicy?.text)
    }

    var sharingWords: String {
        let whom = target.sharing.map { "\($0.principal)" } ?? "?"
        switch (intent, kind) {
        case (.share, _):
            let what = target.sharing?.issue == true ? "read and issue" : "read"
            return "share with \(whom) (\(what); put the policy)"
        case (_, .deletePolicy): return "unshare \(whom) (delete the policy: no other statement)"
        default: return "unshare \(whom) (put the policy without its statements)"
        }
    }

    /// `aws acm-pca put-policy ... --policy file://policy.json`: the file holds `policyToPut`.
    public static func putPolicyCommand(arn: String, region: String) -> String {
        ShellWords.join(["aws", "acm-pca", "put-policy", "--resource-arn", arn, "--policy", "file://policy.json", "--region", region])
    }
}
