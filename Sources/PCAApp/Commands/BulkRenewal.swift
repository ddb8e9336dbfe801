import Foundation
import PCAClient
import PCATerminalUI

/// `acm-renewal enable --all-off [--filter EXPR] [--dry-run] [--yes]`: ACM renewal granted on every CA where
/// the grant is missing or partial, each through the same write path as one CA (rule, change, read-back,
/// audit line); one CA's failure never stops the others.
enum BulkRenewal {
    struct Candidate {
        var listing: CAListing
        var refusal: WriteRefusal?

        var plan: String {
            if let refusal { return "refused: \(refusal.shortReason)" }
            if case .partial = listing.entry.renewal { return "repair (delete the partial grant, create the full one)" }
            return "grant"
        }
    }

    static func run(session: Session, writer: RenewalWriter, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let client = session.client
        let listings = try await ListCommand.load(session: session, concurrency: options.concurrency)
        let account = try? await client.callerIdentity().account
        let now = Date()
        let expression = FilterExpression(options.filter ?? "")
        let needsTags = expression.terms.contains { $0.field == .tag }
        var candidates: [Candidate] = []
        for listing in listings {
            switch listing.entry.renewal {
            case .disabled, .partial: break
            default: continue
            }
            let tags = needsTags ? ((try? await client.tagPages(arn: listing.authority.arn ?? "").collect { $0.tags ?? [] }) ?? []) : nil
            let row = CARow(authority: listing.authority, renewal: listing.entry.renewal, tags: tags)
            guard expression.matches(row, account: account, now: now) else { continue }
            let refusal = WriteRule.refusal(readOnly: writer.readOnly, ownerAccount: listing.authority.ownerAccount,
                                            callerAccount: account, status: listing.authority.status ?? CAStatus(rawValue: "UNKNOWN"))
            candidates.append(Candidate(listing: listing, refusal: refusal))
        }
        let work = candidates.filter { $0.refusal == nil }
        if options.output != .json {
            var table = TextTable(["NAME", "ID", "ACM RENEWAL", "PLAN"])
            for candidate in candidates {
                let authority = candidate.listing.authority
                table.add([authority.commonName ?? "-", String((authority.id ?? "-").prefix(8)),
                           candidate.listing.entry.renewal.word, candidate.plan])
            }
            output.out(candidates.isEmpty ? "No CA without ACM renewal matches.\n" : table.rendered())
        }
        if options.dryRun || work.isEmpty {
            if options.output == .json {
                output.out(JSONOutput.render(["dryRun": options.dryRun, "results": candidates.map { candidate -> [String: Any] in
                    ["arn": candidate.listing.authority.arn ?? "", "plan": candidate.plan, "result": "not run"]
                }]))
            } else {
                output.out(options.dryRun ? "Dry run: nothing was changed (\(work.count) to change).\n"
                           : "Nothing to change.\n")
            }
            return .success
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal enable --all-off changes AWS; without a terminal to confirm on, pass --yes")
            }
            let repairs = work.filter { if case .partial = $0.listing.entry.renewal { return true } else { return false } }.count
            guard confirm("Grant ACM renewal on \(work.count) CAs (\(work.count - repairs) grants, \(repairs) repairs)?") else {
                throw CommandFailure(.refused, "cancelled; nothing was changed")
            }
        }
        var outcomes: [(arn: String, outcome: RenewalWriter.Outcome)] = []
        for candidate in work {
            let arn = candidate.listing.authority.arn ?? ""
            outcomes.append((arn, await writer.write(arn: arn, enable: true, caller: nil)))
        }
        return report(outcomes, options: options, output: output)
    }

    /// One line per CA and a summary; exit 1 when any change failed, 4 when some were refused and none failed.
    static func report(_ outcomes: [(arn: String, outcome: RenewalWriter.Outcome)], options: GlobalOptions,
                       output: CommandOutput) -> ExitStatus {
        var changed = 0, failed = 0, refused = 0
        var items: [[String: Any]] = []
        var lines = TextTable(["CA", "RESULT"])
        for (arn, outcome) in outcomes {
            var item: [String: Any] = ["arn": arn]
            switch outcome {
            case let .changed(change):
                changed += 1
                item["result"] = "changed"
                item["action"] = change.action.rawValue
                item["before"] = change.before.word
                item["after"] = change.after.word
                lines.add([arn, "\(change.summary); verified: \(change.after.word)"])
            case let .refused(refusal):
                refused += 1
                item["result"] = "refused"
                item["reason"] = refusal.description
                lines.add([arn, "refused: \(refusal.shortReason)"])
            case let .failed(error):
                failed += 1
                let message = (error as? AWSError).map { "\($0.code.rawValue): \($0.message)" } ?? "\(error)"
                item["result"] = error is ACMRenewalHalfChangeError ? "half-changed" : "failed"
                item["error"] = message
                lines.add([arn, "FAILED: \(message)"])
            }
            items.append(item)
        }
        if options.output == .json {
            output.out(JSONOutput.render(["results": items, "changed": changed, "failed": failed, "refused": refused]))
        } else {
            output.out(lines.rendered() + "\(changed) changed and verified, \(failed) failed, \(refused) refused\n")
        }
        if failed > 0 { return .failure }
        return refused > 0 ? .refused : .success
    }
}

extension WriteRefusal {
    /// A few words for a table cell.
    var shortReason: String {
        switch self {
        case .readOnly: return "read-only"
        case let .otherAccount(owner): return "account \(owner)'s CA (its resource policy decides)"
        case let .notGrantable(status): return "\(status.rawValue), not ACTIVE"
        }
    }
}
