import Foundation
import PCAClient

extension WritePipeline {
    /// A share or an unshare: the policy and the CA's state read again just before sending, planned and gated
    /// again, then PutPolicy or DeletePolicy, then GetPolicy to verify that the CA holds what was sent.
    func applySharing(_ planned: PlannedChange, context: WriteGate.Context) async -> WriteResult {
        let client = connection.pca
        let arn = planned.target.arn
        var target = planned.target
        do {
            let authority = try await client.describeCertificateAuthority(arn: arn)
            target.status = authority.status
            target.ownerAccount = authority.ownerAccount ?? target.ownerAccount
            target.policy = try await AttachedPolicy.read(arn: arn, client: client)
        } catch {
            return WriteResult(change: planned, status: .failed(error, sent: false))
        }
        let before = target.policy ?? AttachedPolicy.none
        let change = WritePlanner.plan(target, intent: planned.intent, context: context)
        if let stopped = stoppedAtGate(change) { return stopped }
        if case .nothing = change.kind {
            var result = WriteResult(change: change, status: .unchanged)
            result.policyChange = PolicyChange(before: before, after: before)
            journalUnchanged(result)
            return result
        }
        let mark = calls.count
        return await inFlight(change, before: before.journalWords, planned: change.plannedPolicy?.journalWords) { [self] in
            do {
                if let text = change.policyToPut {
                    try await client.putPolicy(arn: arn, policy: text)
                } else {
                    try await client.deletePolicy(arn: arn)
                }
            } catch {
                return WriteResult(change: change, status: .failed(error, sent: sentWrites(since: mark, arn: arn)))
            }
            var result = WriteResult(change: change, status: .done)
            do {
                let after = try await AttachedPolicy.read(arn: arn, client: client)
                result.policyChange = PolicyChange(before: before, after: after)
                if !Self.same(after, change.plannedPolicy ?? AttachedPolicy.none) {
                    result.status = .failed(PolicyVerificationError(expected: change.plannedPolicy?.summaryWords ?? "?", found: after), sent: true)
                }
            } catch {
                result.policyChange = PolicyChange(before: before, after: nil)
                result.status = .notVerified(ErrorWords.short(error))
            }
            return result
        }
    }

    /// The same policy: the same text, or (should AWS reformat it) the same JSON.
    static func same(_ found: AttachedPolicy, _ expected: AttachedPolicy) -> Bool {
        switch (found, expected) {
        case (.none, .none): return true
        case let (.text(a), .text(b)):
            if a == b { return true }
            let parse = { (text: String) in try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary }
            guard let left = parse(a), let right = parse(b) else { return false }
            return left == right
        default: return false
        }
    }
}
