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
            // Read with another account's credentials, or not at all: not settled, and said again next time.
            var settled = true
            if [WriteIntent.retryRenewals.rawValue, WriteIntent.issueCertificate.rawValue].contains(intent.action) {
                now = "see 'pca-tui certificates \(arn)' and 'pca-tui history \(arn)'"
            } else if [WriteIntent.share.rawValue, WriteIntent.unshare.rawValue].contains(intent.action) {
                let policy = try? await AttachedPolicy.read(arn: arn, client: connection.pca)
                settled = policy != nil
                now = policy.map { "its resource policy now: \($0.summaryWords)" }
                    ?? "its resource policy could not be read here; it will be reported again"
            } else {
                let state = await ACMRenewalState.read(arn: arn, client: connection.pca)
                if case let .unknown(reason) = state {
                    settled = false
                    now = "what it holds now could not be read here (\(reason)); it will be reported again"
                } else {
                    now = "it now holds: \(state.word) (\(state.description))"
                }
            }
            let at = intent.time.count >= 16 ? String(intent.time.dropFirst(11).prefix(5)) + " UTC" : intent.time
            let sentence = "A change to CA \(arn) (\(intent.action), planned: \(intent.planned?.joined(separator: " && ") ?? "?")) "
                + "was interrupted at \(at); \(now)."
            reports.append(sentence)
            guard settled else { continue }
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
