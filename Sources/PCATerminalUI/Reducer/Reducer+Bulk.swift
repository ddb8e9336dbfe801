import Foundation
import PCAAdmin
import PCAClient

extension Reducer {
    /// Opens the bulk dialog for the marked CAs, with what saving would do to each (the one planner).
    static func openBulkDialog(_ state: inout AppState) -> [AppEffect] {
        var seen = Set<String>()
        let changes = state.ordered.map { state.rows[$0] }.filter { state.marked.contains($0.arn) && seen.insert($0.arn).inserted }
            .map { WritePlanner.plan(WriteTarget(record: $0), intent: .enableRenewal, context: gateContext(state, arn: $0.arn), now: state.now) }
        state.overlay = .bulk(BulkState(items: changes.map(BulkState.Item.init)))
        return []
    }

    static func handleBulkKey(_ state: inout AppState, _ bulk: BulkState, _ key: Key) -> [AppEffect] {
        var bulk = bulk
        switch (bulk.phase, key) {
        case (.running, .escape), (.running, .character("q")):
            // The dialog can always be left: the changes go on, one CA after another, and the rows show them.
            state.overlay = nil
            showMessage(&state, "The bulk change goes on; each row shows its verified state as it finishes.", seconds: 10)
            return []
        case (.running, _):
            return []
        case (.finished, .character("r")):
            return retryAfterBulk(&state, bulk)
        case (.finished, .enter), (.finished, .escape), (.finished, .character("q")):
            state.overlay = nil
            return []
        case (.review, .escape), (.review, .character("q")), (.review(.cancel), .enter):
            state.overlay = nil
            return []
        case let (.review(focus), .tab), let (.review(focus), .backTab), let (.review(focus), .left), let (.review(focus), .right):
            bulk.phase = .review(focus == .apply ? .cancel : .apply)
        case (.review(.apply), .enter):
            let work = bulk.toChange.map(\.arn)
            guard !work.isEmpty else {
                showMessage(&state, "Nothing to change on the marked CAs", kind: .warning)
                return []
            }
            bulk.phase = .running
            state.overlay = .bulk(bulk)
            // Refused items go too: the pipeline journals each refusal and sends nothing for it.
            let changes = bulk.items.map(\.change).filter { $0.kind != .nothing }
            return [.applyChanges(changes, readOnly: state.readOnlyMode, purpose: .bulk)]
        case (_, .up), (_, .character("k")):
            bulk.scroll = max(0, bulk.scroll - 1)
        case (_, .down), (_, .character("j")):
            bulk.scroll = min(max(0, bulk.items.count - 1), bulk.scroll + 1)
        default:
            return []
        }
        state.overlay = .bulk(bulk)
        return []
    }

    /// After a bulk grant: retry the failed renewals of every CA that was granted, each planned and gated.
    static func retryAfterBulk(_ state: inout AppState, _ bulk: BulkState) -> [AppEffect] {
        let granted = bulk.items.filter { if case .done = $0.outcome { return true } else { return false } }
        let changes = granted.compactMap { retryPlan(arn: $0.arn, state: state) }.filter { $0.sendsRequests || $0.refusal != nil }
        guard !changes.isEmpty else {
            showMessage(&state, "No failed renewal to retry on the granted CAs")
            return []
        }
        state.overlay = nil
        let count = changes.reduce(0) { $0 + $1.steps.count }
        showMessage(&state, "Retrying \(count) failed renewals on \(changes.count) CAs…", seconds: 10)
        return [.applyChanges(changes, readOnly: state.readOnlyMode, purpose: .retry)]
    }

    /// One CA of a bulk save finished: its row shows the verified state; the others go on.
    static func bulkItemFinished(_ state: inout AppState, arn: String, result: Result<ACMRenewalChange, ErrorExplanation>) {
        if case let .success(change) = result {
            updateRow(&state, arn: arn) { $0.renewal = change.after ?? .unknown(reason: "changed, not verified") }
            state.marked.remove(arn)
        }
        guard case var .bulk(bulk) = state.overlay, let index = bulk.items.firstIndex(where: { $0.arn == arn }),
              bulk.items[index].needsWork else { return }
        switch result {
        case let .success(change): bulk.items[index].outcome = .done(change)
        case let .failure(error): bulk.items[index].outcome = .failed(error)
        }
        let pending = bulk.toChange.contains { $0.outcome == .waiting }
        if !pending {
            bulk.phase = .finished
            showMessage(&state, "ACM renewal: \(bulk.doneCount) changed and verified, \(bulk.failedCount) failed",
                        kind: bulk.failedCount == 0 ? .success : .error, seconds: 10)
        }
        state.overlay = .bulk(bulk)
    }
}
