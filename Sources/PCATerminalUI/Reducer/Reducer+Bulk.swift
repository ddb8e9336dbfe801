import Foundation
import PCAClient

extension Reducer {
    /// Opens the bulk dialog for the marked CAs, with what saving would do to each.
    static func openBulkDialog(_ state: inout AppState) -> [AppEffect] {
        let rows = state.ordered.map { state.rows[$0] }.filter { state.marked.contains($0.arn) }
        let items = rows.map { row -> BulkState.Item in
            BulkState.Item(arn: row.arn, name: row.name, plan: bulkPlan(row, state: state))
        }
        state.overlay = .bulk(BulkState(items: items))
        return []
    }

    /// The write rule first (read-only, another account, not ACTIVE), then what the grant state needs.
    static func bulkPlan(_ row: CARow, state: AppState) -> BulkState.Plan {
        if let refusal = WriteRule.refusal(readOnly: state.readOnlyMode, ownerAccount: row.authority.ownerAccount,
                                           callerAccount: state.header.account, status: row.authority.status ?? CAStatus(rawValue: "UNKNOWN")) {
            switch refusal {
            case .readOnly: return .refused("read-only")
            case let .otherAccount(owner): return .refused("account \(owner)'s CA: its resource policy decides")
            case let .notGrantable(status): return .refused("\(status.rawValue), not ACTIVE")
            }
        }
        switch row.renewal {
        case .enabled?: return .nothing
        case .partial?: return .repair
        default: return .grant
        }
    }

    static func handleBulkKey(_ state: inout AppState, _ bulk: BulkState, _ key: Key) -> [AppEffect] {
        var bulk = bulk
        switch (bulk.phase, key) {
        case (.running, _):
            return []
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
            return [.saveBulk(arns: work, readOnly: state.readOnlyMode)]
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

    /// One CA of a bulk save finished: its row shows the verified state; the others go on.
    static func bulkItemFinished(_ state: inout AppState, arn: String, result: Result<ACMRenewalChange, ErrorExplanation>) {
        if case let .success(change) = result {
            updateRow(&state, arn: arn) { $0.renewal = change.after }
            state.marked.remove(arn)
        }
        guard case var .bulk(bulk) = state.overlay, let index = bulk.items.firstIndex(where: { $0.arn == arn }) else { return }
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
