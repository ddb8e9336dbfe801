import Foundation
import PCAAdmin
import PCAClient

/// How every write command goes: plan (the one planner), show the plan, stop there for `--dry-run`, ask
/// (unless `--yes`), apply through the one pipeline, report each result, and exit with the table's code.
/// Enable, disable, `--all-off` and retry differ only in their targets and their question.
struct WriteCommandFlow {
    var context: CommandContext
    var intent: WriteIntent

    func run(targets: [WriteTarget], question: (WriteSummary) -> String) async throws -> ExitStatus {
        let session = try context.requiredSession
        let options = context.options
        let output = context.output
        let pipeline = Self.pipeline(session: session, context: context)
        let plan = await pipeline.plan(targets, intent: intent)
        let planned = WriteSummary(plan: plan)
        if options.dryRun {
            showPlan(plan, summary: planned, dryRun: true)
            return .success
        }
        if options.output != .json, plan.count > 1 || plan.contains(where: { !$0.notes.isEmpty || $0.policyDiff != nil }) {
            showPlan(plan, summary: planned, dryRun: false)
        }
        let work = plan.filter { $0.kind != .nothing }
        if plan.count == 1, case let .unreadable(reason) = plan[0].kind {
            throw CommandFailure(.failure, "cannot read \(plan[0].target.arn): \(reason); nothing was sent")
        }
        if plan.count == 1, let refusal = plan[0].refusal {
            // The refusal is journaled like any other; one CA refused is the command refused.
            _ = await pipeline.apply(plan)
            throw CommandFailure(.refused, "\(refusal.description) Refusing to \(intent.verb); nothing was sent.")
        }
        if work.contains(where: \.sendsRequests), !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "\(intent.commandName) changes AWS; without a terminal to confirm on, pass --yes")
            }
            guard confirm(question(planned)) else { throw CommandFailure(.refused, "cancelled; nothing was sent") }
        }
        var results = await pipeline.apply(work)
        results += plan.filter { $0.kind == .nothing }.map { change in
            WriteResult(change: change, status: .unchanged,
                        renewalChange: change.target.renewal.map { ACMRenewalChange(action: .unchanged, before: $0, after: $0) })
        }
        return try report(results, region: session.region)
    }

    static func pipeline(session: Session, context: CommandContext) -> WritePipeline {
        let settings = ProfileSettings.load(profile: session.profileLabel, environment: context.environment)
        return WritePipeline(connection: session.connection,
                             readOnly: ReadOnlyMode(commandLine: context.options.readOnly, profileConfig: settings.readOnly),
                             journal: Journal(path: Journal.defaultPath(environment: context.environment, demo: context.options.demo)),
                             calls: context.calls)
    }

    // MARK: Showing

    private func showPlan(_ plan: [PlannedChange], summary: WriteSummary, dryRun: Bool) {
        let output = context.output
        if context.options.output == .json {
            output.out(JSONOutput.render(["dryRun": dryRun, "plan": plan.map(planJSON), "summary": summary.planWords]))
            return
        }
        var table = TextTable(["NAME", "ID", "NOW", "PLAN"])
        for change in plan {
            table.add([change.target.name, Self.shortID(change.target.arn), change.currentWords, change.words])
        }
        var text = plan.isEmpty ? "No CA matches.\n" : table.rendered()
        for change in plan {
            for note in change.notes { text += "note: \(change.target.name): \(note)\n" }
            if let diff = change.policyDiff {
                text += "The resource policy of \(change.target.name), statements removed (-) and added (+):\n"
                    + diff.map { "  \($0)\n" }.joined()
            }
        }
        if dryRun {
            for change in plan where change.sendsRequests {
                text += change.awsCLICommands(region: context.session?.region ?? "").map { "  \($0)\n" }.joined()
                if let policy = change.policyToPut { text += "where policy.json holds:\n\(policy)\n" }
            }
            text += "Dry run: nothing was sent (\(summary.planWords)).\n"
        } else {
            text += "Plan: \(summary.planWords).\n"
        }
        output.out(text)
    }

    private func planJSON(_ change: PlannedChange) -> [String: Any] {
        Self.planJSON(change, region: context.session?.region ?? "")
    }

    static func planJSON(_ change: PlannedChange, region: String) -> [String: Any] {
        var item: [String: Any] = ["arn": change.target.arn, "plan": change.words, "kind": change.kindWord,
                                   "awsCliCommands": change.awsCLICommands(region: region)]
        if !change.notes.isEmpty { item["notes"] = change.notes }
        if let refusal = change.refusal { item["reason"] = refusal.description }
        if let diff = change.policyDiff { item["policyDiff"] = diff }
        if let policy = change.policyToPut { item["policy"] = policy }
        return item
    }

    /// One line per CA (the single-CA form keeps its short text), the summary, and the exit status.
    private func report(_ results: [WriteResult], region: String) throws -> ExitStatus {
        let output = context.output
        let summary = WriteSummary(results: results)
        var verdict = summary.verdict
        if intent == .retryRenewals { verdict = Self.retryVerdict(results, summary: summary) }
        for result in results {
            if let warning = result.journalWarning { output.err("pca-tui: warning: \(warning)\n") }
            if results.count > 1, case let .failed(error as ACMRenewalHalfChangeError, _) = result.status {
                output.err("pca-tui: \(error.description)\n")
            }
        }
        if results.count == 1, intent != .retryRenewals, case let .failed(error, _) = results[0].status {
            // One CA that failed is the command failed: the error on stderr (and one JSON document), as AWS said it.
            if let half = error as? ACMRenewalHalfChangeError { throw CommandFailure(.failure, half.description) }
            throw error
        }
        if context.options.output == .json, results.count == 1, intent != .retryRenewals {
            output.out(JSONOutput.render(resultJSON(results[0])))
        } else if context.options.output == .json {
            output.out(JSONOutput.render(["results": results.map(resultJSON), "summary": summary.resultWords,
                                          "changed": summary.changed, "notVerified": summary.notVerified,
                                          "failed": summary.failed, "refused": summary.refused,
                                          "unreadable": summary.unreadable, "skipped": summary.skipped]))
        } else if results.count == 1, intent != .retryRenewals, let only = results.first {
            output.out(Self.singleText(only))
        } else if intent == .retryRenewals {
            output.out(Self.retryText(results))
        } else {
            var table = TextTable(["CA", intent == .retryRenewals ? "CERTIFICATE" : "PLAN", "RESULT"])
            for result in results {
                if intent == .retryRenewals, !result.retried.isEmpty {
                    for item in result.retried { table.add([result.change.target.name, item.domainName, Self.words(item)]) }
                } else {
                    table.add([result.change.target.arn, result.change.words, result.summary])
                }
            }
            output.out(table.rendered() + summary.resultWords + "\n")
        }
        return Self.exitStatus(verdict)
    }

    static func singleText(_ result: WriteResult) -> String {
        switch result.status {
        case .done:
            guard let change = result.renewalChange, let after = change.after else { return result.summary + "\n" }
            return "\(change.summary)\nVerified with ListPermissions: \(after.description)\n"
        case let .refused(refusal):
            return "Refused: \(refusal.description) Nothing was sent.\n"
        default:
            return result.summary + "\n"
        }
    }

    private func resultJSON(_ result: WriteResult) -> [String: Any] {
        Self.resultJSON(result)
    }

    static func resultJSON(_ result: WriteResult) -> [String: Any] {
        var item: [String: Any] = ["arn": result.change.target.arn, "certificateAuthorityArn": result.change.target.arn,
                                   "plan": result.change.words, "result": result.word, "summary": result.summary,
                                   "verified": { if case .done = result.status { return true } else { return false } }(),
                                   "requestIds": result.requestIDs]
        if let change = result.policyChange {
            item["policyBefore"] = change.before.text ?? NSNull()
            item["policyAfter"] = change.after.map { $0.text ?? NSNull() } ?? NSNull()
            item["sharedWith"] = change.after?.summary?.jsonObjects ?? []
        }
        if let change = result.renewalChange {
            item["action"] = change.action.rawValue
            item["before"] = change.before.word
            item["after"] = change.after?.word ?? NSNull()
        }
        switch result.status {
        case let .refused(refusal): item["reason"] = refusal.description
        case let .unreadable(reason): item["reason"] = reason
        case let .failed(error, sent):
            item["error"] = ErrorWords.short(error)
            item["sent"] = sent
        case let .notVerified(reason): item["error"] = reason
        default: break
        }
        if !result.retried.isEmpty {
            item["certificates"] = result.retried.map { retried -> [String: Any] in
                var object: [String: Any] = ["arn": retried.certificateArn, "domainName": retried.domainName, "renewed": retried.renewed]
                switch retried.result {
                case let .success(summary): object["renewal"] = summary.map(RetriedCertificate.words) ?? NSNull()
                case let .failure(error): object["error"] = ErrorWords.short(error)
                }
                return object
            }
        }
        return item
    }

    /// Each certificate's renewal read back, then "2 renewed, 1 still failing".
    static func retryText(_ results: [WriteResult]) -> String {
        let items = results.flatMap(\.retried)
        var text = ""
        if !items.isEmpty {
            var table = TextTable(["CA", "CERTIFICATE", "RESULT"])
            for result in results {
                for item in result.retried { table.add([result.change.target.name, item.domainName, words(item)]) }
            }
            text = table.rendered()
        }
        for result in results where result.retried.isEmpty {
            if case .unchanged = result.status, result.change.notes.isEmpty {
                text += "No failed renewal among the ACM certificates of \(result.change.target.name); nothing to retry.\n"
            } else {
                text += "\(result.change.target.name): \(result.summary)\n"
            }
            for note in result.change.notes { text += "note: \(note)\n" }
        }
        let renewed = items.filter(\.renewed).count
        if !items.isEmpty { text += "\(renewed) renewed, \(items.count - renewed) still failing\n" }
        return text
    }

    private static func words(_ item: RetriedCertificate) -> String {
        switch item.result {
        case let .success(summary): return summary.map(RetriedCertificate.words) ?? "renewal asked; not read back"
        case let .failure(error): return "FAILED: \(ErrorWords.short(error))"
        }
    }

    /// A retry whose renewals still fail after it did not do what was asked.
    private static func retryVerdict(_ results: [WriteResult], summary: WriteSummary) -> WriteSummary.Verdict {
        let items = results.flatMap(\.retried)
        let renewed = items.filter(\.renewed).count
        guard renewed < items.count else { return summary.verdict }
        return renewed == 0 ? .failed : .partlyDone
    }

    static func exitStatus(_ verdict: WriteSummary.Verdict) -> ExitStatus {
        switch verdict {
        case .done: return .success
        case .changedNotVerified: return .notVerified
        case .partlyDone: return .partial
        case .failed: return .failure
        case .nothingSent: return .refused
        }
    }

    static func shortID(_ arn: String) -> String {
        String((arn.split(separator: "/").last.map(String.init) ?? arn).prefix(8))
    }
}

extension WriteIntent {
    /// `enable ACM renewal`, for messages.
    var verb: String {
        switch self {
        case .enableRenewal: return "enable ACM renewal"
        case .disableRenewal: return "disable ACM renewal"
        case .retryRenewals: return "retry renewals"
        case .issueCertificate: return "issue the certificate"
        case .share: return "share the CA"
        case .unshare: return "unshare the CA"
        }
    }

    /// The command that states this intent.
    var commandName: String {
        switch self {
        case .enableRenewal: return "acm-renewal enable"
        case .disableRenewal: return "acm-renewal disable"
        case .retryRenewals: return "acm-renewal retry"
        case .issueCertificate: return "issue"
        case .share: return "share"
        case .unshare: return "unshare"
        }
    }
}

extension PlannedChange {
    /// The state the plan started from, in the list's words.
    var currentWords: String {
        if intent == .retryRenewals { return target.failedCertificates.map { "\($0.count) failed" } ?? "?" }
        if intent == .share || intent == .unshare {
            guard let policy = target.policy else { return "?" }
            guard let summary = policy.summary else { return policy.text == nil ? "no policy" : "unreadable policy" }
            return summary.principals.isEmpty ? "shared with nobody" : "shared with " + summary.principals.map(\.description).joined(separator: ", ")
        }
        return target.renewal?.word ?? "?"
    }
}
