import Foundation
import PCAAdmin
import PCAClient

extension Reducer {
    /// The estate's accounts and regions are known: ACCOUNT and REGION show when there is more than one.
    static func estateStarted(_ state: inout AppState, _ targets: [EstateTargetSummary]) {
        // A reload keeps the cursor on the CA it was on, as a single account's reload does.
        let selectedARN = state.selectedRow?.arn
        let previous = state.estate?.failures ?? [:]
        var overview = EstateOverview(targets: targets)
        // A reload keeps the failures shown until each target answers again.
        overview.failures = previous.filter { id, _ in targets.contains { $0.id == id } }
        state.estate = overview
        // Rows of no target of this estate (a single account's, a target no longer in it) go; the targets'
        // rows stay until each answers again, so a reload does not blank the table.
        let ids = Set(targets.map(\.id))
        state.rows.removeAll { row in row.estateTargetID.map { !ids.contains($0) } ?? true }
        state.rowIndexByARN = Dictionary(state.rows.enumerated().map { ($1.arn, $0) }, uniquingKeysWith: { first, _ in first })
        state.visible = []
        state.ordered = []
        recomputeVisible(&state, reselecting: selectedARN)
        if overview.accountCount > 1 { state.hiddenColumns.remove(.account) }
        if overview.regionCount > 1 { state.hiddenColumns.remove(.region) }
        state.progress = .listing
    }

    /// One target answered: its rows are replaced by what it listed, the other targets' rows stay.
    static func estateTargetLoaded(_ state: inout AppState, _ target: EstateTargetSummary, _ records: [CARecord]) {
        let selectedARN = state.selectedRow?.arn
        let known = Set(records.map(\.arn))
        var rows = state.rows.filter { $0.estateTargetID != target.id && !known.contains($0.arn) }
        var fresh = records
        for index in fresh.indices {
            fresh[index].index()
            fresh[index].refreshShown(account: fresh[index].account, now: state.now)
        }
        rows += fresh
        state.rows = rows
        state.rowIndexByARN = Dictionary(state.rows.enumerated().map { ($1.arn, $0) }, uniquingKeysWith: { first, _ in first })
        state.visible = []
        state.ordered = []
        state.estate?.failures[target.id] = nil
        state.estate?.answered.insert(target.id)
        recomputeVisible(&state, reselecting: selectedARN)
        estateProgress(&state)
    }

    static func estateProgress(_ state: inout AppState) {
        guard let estate = state.estate else { return }
        let done = estate.answered.count
        state.progress = done >= estate.targets.count ? .loaded(at: state.now) : .permissions(done: done, total: estate.targets.count)
        // As a single account's list does once its tags are in: the next auto-refresh counts from a whole load.
        if done >= estate.targets.count, let interval = state.autoRefresh { state.nextRefreshAt = state.now.addingTimeInterval(interval) }
    }

    static func estateACMLoaded(_ state: inout AppState, targetID: String, _ result: Result<ACMCertificateListing, ErrorExplanation>) {
        switch result {
        case let .success(listing):
            let groups = CACertificates.group(listing.certificates, now: state.now)
            var merged = state.acmCertificates ?? [:]
            for index in state.rows.indices where state.rows[index].estateTargetID == targetID {
                let arn = state.rows[index].arn
                let group = groups[arn] ?? CACertificates(certificateAuthorityArn: arn, certificates: [], now: state.now)
                merged[arn] = group
                state.rows[index].acm = group
            }
            state.acmCertificates = merged
            if let warning = listing.truncationWarning { showMessage(&state, warning, kind: .warning, seconds: 30) }
        case let .failure(error):
            if state.acmCertificates == nil { state.acmError = error }
        }
    }

    /// `t`: load the failed accounts and regions again.
    static func retryEstateFailures(_ state: inout AppState) -> [AppEffect] {
        guard let estate = state.estate, !estate.failures.isEmpty else {
            showMessage(&state, "No account or region failed to load")
            return []
        }
        let ids = estate.failedTargets.map(\.0.id)
        for id in ids { state.estate?.answered.remove(id) }
        estateProgress(&state)
        showMessage(&state, "Loading \(ids.count) failed \(ids.count == 1 ? "account" : "accounts") again…")
        return [.retryEstateTargets(generation: state.generation, ids)]
    }
}
