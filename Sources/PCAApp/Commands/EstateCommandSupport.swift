import Foundation
import PCAAdmin
import PCAClient

extension CommandContext {
    /// The estate the options choose (`--profiles`, `--organization`, `--estate`, ...), or nil for the
    /// session's one account and region.
    func estateChoice() throws -> EstateChoice? {
        try EstateChoice.resolve(options: options, environment: environment)
    }

    /// The estate of `choice`, every call recorded like the session's.
    func estate(_ choice: EstateChoice) async -> Estate {
        let calls = self.calls
        return await EstateBuilder.build(choice, options: options, environment: environment, observer: { calls.append($0) })
    }

    /// The session's one account and region as an estate of one.
    func singleTarget() throws -> EstateTarget {
        let session = try requiredSession
        return EstateTarget(account: nil, label: session.profileLabel, region: session.region,
                            access: .connection(session.connection))
    }

    /// Loads every target of the estate the options choose; the notes of left-out accounts go to stderr.
    func loadEstate(_ choice: EstateChoice, parts: InventoryLoader.Parts) async -> [EstateResult] {
        let estate = await estate(choice)
        for note in estate.notes { output.err("pca-tui: note: \(note)\n") }
        return await EstateLoader(estate: estate, concurrency: options.concurrency).load(parts)
    }
}

/// How the commands show an account and region that could not be read.
enum EstateFailureOutput {
    /// `{"account": ..., "accountName": ..., "region": ..., "role": ..., "reason": ...}`.
    static func json(_ result: EstateResult) -> [String: Any] {
        ["account": result.target.account ?? NSNull(), "accountName": result.target.label, "region": result.target.region,
         "role": result.target.role ?? NSNull(), "reason": result.failureReason ?? NSNull()]
    }

    /// `pca-tui: list: 222233334444 (Payments Workload) us-east-1: AccessDenied: ...`, one line each.
    static func report(_ results: [EstateResult], command: String, to output: CommandOutput) {
        for result in results {
            guard let reason = result.failureReason else { continue }
            output.err("pca-tui: \(command): \(result.target.accountWords) \(result.target.region): \(reason)\n")
        }
    }
}
