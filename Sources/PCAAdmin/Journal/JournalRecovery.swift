import Foundation
import PCAClient

/// Finds the changes an earlier run left interrupted (an intent in the journal without an outcome), reads
/// what each CA holds now, reports each once, and journals that it was reported.
public enum JournalRecovery {
    /// One sentence per interrupted change: "a change to CA X (grant) was interrupted at 14:02 UTC; it now
    /// holds: enabled (ACM can renew ...)".
    public static func report(_ journal: Journal, connection: AccountConnection) async -> [String] {
        var reports: [String] = []
        for intent in journal.interrupted() {
            let arn = intent.certificateAuthorityArn
            let now: String
            if intent.action == WriteIntent.retryRenewals.rawValue {
                now = "its certificates' renewals can be seen with 'pca-tui certificates \(arn)'"
            } else if [WriteIntent.share.rawValue, WriteIntent.unshare.rawValue].contains(intent.action) {
                let policy = try? await AttachedPolicy.read(arn: arn, client: connection.pca)
                now = "its resource policy now: \(policy?.summaryWords ?? "unreadable")"
            } else {
                let state = await ACMRenewalState.read(arn: arn, client: connection.pca)
                now = "it now holds: \(state.word) (\(state.description))"
            }
            let at = intent.time.count >= 16 ? String(intent.time.dropFirst(11).prefix(5)) + " UTC" : intent.time
            let sentence = "A change to CA \(arn) (\(intent.action), planned: \(intent.planned?.joined(separator: " && ") ?? "?")) "
                + "was interrupted at \(at); \(now)."
            reports.append(sentence)
            var line = intent
            line.time = AWSTimestamp.iso8601(Date())
            line.phase = .recovered
            line.pid = nil
            line.result = "interrupted"
            line.planned = nil
            line.errorMessage = sentence
            try? journal.append(line)
        }
        return reports
    }
}
