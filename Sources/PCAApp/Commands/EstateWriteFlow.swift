import Foundation
import PCAAdmin
import PCAClient

/// `acm-renewal enable --all-off` over an estate: each account-region is loaded, planned and (after one
/// confirmation for all) changed through the one write pipeline with that account's own connection, so each
/// change is gated by that account's read-only setting and journaled with its account and the role used. An
/// account that cannot be read is named and makes the exit status say so; it never stops the others.
struct EstateWriteFlow {
    var context: CommandContext
    var choice: EstateChoice
    var filter: FilterExpression

    /// One account-region's share of the change.
    struct AccountPlan {
        var target: EstateTarget
        var pipeline: WritePipeline
        var plan: [PlannedChange]
    }

    func run() async throws -> ExitStatus {
        let options = context.options
        var parts: InventoryLoader.Parts = [.permissions]
        if filter.needsTags { parts.insert(.tags) }
        if filter.needsACM { parts.insert(.acm) }
        let loaded = await context.loadEstate(choice, parts: parts)
        let failed = loaded.filter { $0.failureReason != nil }
        var accounts: [AccountPlan] = []
        for result in loaded {
            guard let inventory = result.inventory, let connection = result.target.connection else { continue }
            let pipeline = pipeline(for: result.target, connection: connection)
            let plan = await pipeline.plan(WriteTargets.allOff(inventory, filter: filter), intent: .enableRenewal)
            accounts.append(AccountPlan(target: result.target, pipeline: pipeline, plan: plan))
        }
        let planned = WriteSummary(plan: accounts.flatMap(\.plan))
        if options.dryRun {
            showPlan(accounts, failed: failed, summary: planned, dryRun: true)
            EstateFailureOutput.report(failed, command: "acm-renewal enable", to: context.output)
            return failed.isEmpty ? .success : .failure
        }
        if options.output != .json { showPlan(accounts, failed: failed, summary: planned, dryRun: false) }
        EstateFailureOutput.report(failed, command: "acm-renewal enable", to: context.output)
        let sends = accounts.contains { $0.plan.contains(where: \.sendsRequests) }
        if sends, !options.yes {
            guard context.output.isInteractive, let confirm = context.output.confirm else {
                throw CommandFailure(.usage, "acm-renewal enable changes AWS; without a terminal to confirm on, pass --yes")
            }
            let count = accounts.filter { $0.plan.contains(where: \.sendsRequests) }.count
            guard confirm("Grant ACM renewal on \(planned.toChange) CAs in \(count) account-regions (\(planned.planWords))?") else {
                throw CommandFailure(.refused, "cancelled; nothing was sent")
            }
        }
        var done: [(AccountPlan, [WriteResult])] = []
        for account in accounts {
            var results = await account.pipeline.apply(account.plan.filter { $0.kind != .nothing })
            results += account.plan.filter { $0.kind == .nothing }.map { change in
                WriteResult(change: change, status: .unchanged,
                            renewalChange: change.target.renewal.map { ACMRenewalChange(action: .unchanged, before: $0, after: $0) })
            }
            done.append((account, results))
        }
        return report(done, failed: failed)
    }

    /// The account's own pipeline: its connection, its read-only setting (the command line, the profile's,
    /// the estate's or the account's), the one journal.
    private func pipeline(for target: EstateTarget, connection: AccountConnection) -> WritePipeline {
        let settings = ProfileSettings.load(profile: target.label, environment: context.environment)
        let estateReadOnly = target.readOnly || choice.isReadOnly(account: target.account, label: target.label)
        return WritePipeline(connection: connection,
                             readOnly: ReadOnlyMode(commandLine: context.options.readOnly, profileConfig: settings.readOnly,
                                                    estateConfig: estateReadOnly),
                             journal: Journal(path: Journal.defaultPath(environment: context.environment, demo: context.options.demo)),
                             calls: context.calls)
    }

    /// `222233334444 (Payments Workload) us-east-1, role OrganizationAccountAccessRole`.
    static func heading(_ target: EstateTarget) -> String {
        "\(target.accountWords) \(target.region)" + (target.role.map { ", role \($0.split(separator: "/").last ?? "")" } ?? "")
    }

    private func showPlan(_ accounts: [AccountPlan], failed: [EstateResult], summary: WriteSummary, dryRun: Bool) {
        let output = context.output
        if context.options.output == .json {
            output.out(JSONOutput.render([
                "dryRun": dryRun, "summary": summary.planWords, "errors": failed.map(EstateFailureOutput.json),
                "accounts": accounts.map { account -> [String: Any] in
                    ["account": account.target.account ?? NSNull(), "accountName": account.target.label,
                     "region": account.target.region, "role": account.target.role ?? NSNull(),
                     "readOnly": account.pipeline.readOnly.isOn,
                     "plan": account.plan.map { WriteCommandFlow.planJSON($0, region: account.target.region) }]
                },
            ]))
            return
        }
        var text = ""
        for account in accounts {
            text += "Account \(Self.heading(account.target)):\n"
            guard !account.plan.isEmpty else {
                text += "  no CA matches\n"
                continue
            }
            var table = TextTable(["NAME", "ID", "NOW", "PLAN"])
            for change in account.plan {
                table.add([change.target.name, WriteCommandFlow.shortID(change.target.arn), change.currentWords, change.words])
            }
            text += table.rendered()
            for change in account.plan {
                for note in change.notes { text += "note: \(change.target.name): \(note)\n" }
            }
            if dryRun {
                for change in account.plan where change.sendsRequests {
                    text += change.awsCLICommands(region: account.target.region).map { "  \($0)\n" }.joined()
                }
            }
        }
        for result in failed {
            text += "Account \(Self.heading(result.target)): not read: \(result.failureReason ?? "")\n"
        }
        let scope = "\(accounts.count) account-regions" + (failed.isEmpty ? "" : ", \(failed.count) not read")
        text += dryRun ? "Dry run: nothing was sent (\(summary.planWords); \(scope)).\n" : "Plan: \(summary.planWords); \(scope).\n"
        output.out(text)
    }

    private func report(_ done: [(AccountPlan, [WriteResult])], failed: [EstateResult]) -> ExitStatus {
        let output = context.output
        let all = done.flatMap(\.1)
        let summary = WriteSummary(results: all)
        for result in all {
            if let warning = result.journalWarning { output.err("pca-tui: warning: \(warning)\n") }
        }
        if context.options.output == .json {
            output.out(JSONOutput.render([
                "summary": summary.resultWords, "changed": summary.changed, "failed": summary.failed,
                "refused": summary.refused, "unreadable": summary.unreadable, "errors": failed.map(EstateFailureOutput.json),
                "results": done.flatMap { account, results in
                    results.map { result -> [String: Any] in
                        var item = WriteCommandFlow.resultJSON(result)
                        item["account"] = account.target.account ?? NSNull()
                        item["accountName"] = account.target.label
                        item["region"] = account.target.region
                        item["role"] = account.target.role ?? NSNull()
                        return item
                    }
                },
            ]))
        } else {
            var table = TextTable(["ACCOUNT", "REGION", "CA", "PLAN", "RESULT"])
            for (account, results) in done {
                for result in results {
                    table.add([account.target.accountWords, account.target.region, result.change.target.name, result.change.words,
                               result.summary])
                }
            }
            output.out(table.rendered() + summary.resultWords
                       + (failed.isEmpty ? "" : "; \(failed.count) account-regions not read") + "\n")
        }
        let status = WriteCommandFlow.exitStatus(summary.verdict)
        guard !failed.isEmpty else { return status }
        // An account that could not be read is work not done: never a plain success.
        return status == .success || status == .notVerified ? (all.isEmpty ? .failure : .partial) : status
    }
}
