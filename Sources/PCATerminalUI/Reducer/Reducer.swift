import Foundation
import PCAAdmin
import PCAClient

/// The UI's logic: takes the state and an event, changes the state, returns the effects to run. Pure:
/// no I/O, no clock (time comes in with events), so tests can drive every flow.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ event: AppEvent) -> [AppEffect] {
        switch event {
        case let .key(key):
            return handleKey(&state, key)
        case let .resize(width, height):
            state.width = width
            state.height = height
            clampSelection(&state)
            clampDetailScroll(&state)
            return []
        case let .tick(now):
            state.now = now
            if let message = state.message, message.expiresAt <= now { state.message = nil }
            if let refreshAt = state.nextRefreshAt, refreshAt <= now {
                // Not under an open dialog or overlay: try again shortly instead.
                guard state.overlay == nil else {
                    state.nextRefreshAt = now.addingTimeInterval(5)
                    return []
                }
                return startReload(&state)
            }
            return []
        case let .identityLoaded(identity):
            state.header.account = identity.account
            state.header.callerARN = identity.arn
            return []
        case let .credentialSourceKnown(source):
            state.header.credentialSource = source
            return []
        case let .identityFailed(error):
            state.header.callerARN = "unknown (\(error.code))"
            return []
        case let .listLoaded(generation, authorities):
            guard generation == state.generation else { return [] }
            replaceRows(&state, authorities)
            state.progress = authorities.isEmpty ? .loaded(at: state.now) : .permissions(done: 0, total: authorities.count)
            return []
        case let .listFailed(generation, error):
            guard generation == state.generation else { return [] }
            state.progress = .failed(error)
            return []
        case let .sharedLoaded(generation, records):
            guard generation == state.generation else { return [] }
            for var record in records where state.rowIndexByARN[record.arn] == nil {
                record.index()
                state.rows.append(record)
                state.rowIndexByARN[record.arn] = state.rows.count - 1
            }
            recomputeVisible(&state, keepSelection: true)
            return []
        case let .renewalsLoaded(generation, results, done, total):
            guard generation == state.generation else { return [] }
            for result in results {
                guard let index = state.rowIndexByARN[result.arn] else { continue }
                state.rows[index].renewal = result.state
                // The filter's text for the row, built now while answers arrive one by one, not on a keystroke.
                state.rows[index].refreshShown(account: state.header.account, now: state.now)
            }
            state.progress = .permissions(done: done, total: total)
            if done >= total { state.progress = .tags(done: 0, total: total) }
            // Sorted by renewal state: re-sort in steps while answers stream in, not on every answer.
            if [.renewal, .readiness].contains(state.sort.column), done == total || done % 256 == 0 {
                recomputeVisible(&state, keepSelection: true)
            }
            return []
        case let .tagsLoaded(generation, results, done, total):
            guard generation == state.generation else { return [] }
            for result in results {
                guard let index = state.rowIndexByARN[result.arn] else { continue }
                state.rows[index].setTags(result.tags)
            }
            state.progress = done >= total ? .loaded(at: state.now) : .tags(done: done, total: total)
            if !state.filter.isEmpty { recomputeVisible(&state, keepSelection: true, resort: false) }
            if done >= total, let interval = state.autoRefresh { state.nextRefreshAt = state.now.addingTimeInterval(interval) }
            return []
        case let .detailLoaded(arn, result):
            guard case var .detail(detail) = state.screen, detail.arn == arn else { return [] }
            detail.detail = result
            state.screen = .detail(detail)
            if case let .success(loaded) = result {
                let account = state.header.account
                updateRow(&state, arn: arn) { row in
                    row.authority = loaded.authority
                    // Another account's CA keeps its N/A: the grants read there are not this account's story.
                    if case let .success(permissions) = loaded.permissions, !row.isOtherAccount(account) {
                        row.renewal = ACMRenewalState(permissions: permissions)
                    }
                    if case let .success(tags) = loaded.tags { row.setTags(tags) }
                }
            }
            clampDetailScroll(&state)
            return []
        case let .dialogStateLoaded(arn, renewal):
            guard case var .dialog(dialog) = state.overlay, dialog.arn == arn else { return [] }
            let wasReading = dialog.current == nil
            dialog.current = renewal
            if wasReading { dialog.checked = renewal == .enabled || isPartial(renewal) }
            state.overlay = .dialog(dialog)
            let account = state.header.account
            updateRow(&state, arn: arn) { row in
                if !row.isOtherAccount(account) { row.renewal = renewal }
            }
            return []
        case let .acmCertificatesLoaded(generation, result):
            guard generation == state.generation else { return [] }
            switch result {
            case let .success(listing):
                let groups = CACertificates.group(listing.certificates, now: state.now)
                state.acmCertificates = groups
                state.acmError = nil
                state.acmTruncationWarning = listing.truncationWarning
                if let warning = listing.truncationWarning { showMessage(&state, warning, kind: .warning, seconds: 30) }
                // The record holds them too, for the filter's certs: field, as the commands' records do.
                for index in state.rows.indices {
                    let arn = state.rows[index].arn
                    state.rows[index].acm = groups[arn] ?? CACertificates(certificateAuthorityArn: arn, certificates: [], now: state.now)
                }
                if !state.filter.isEmpty { recomputeVisible(&state, keepSelection: true, resort: false) }
            case let .failure(error):
                state.acmCertificates = nil
                state.acmError = error
                state.acmTruncationWarning = nil
            }
            return []
        case let .renewalsRetried(caArn, results):
            if case var .dialog(dialog) = state.overlay, dialog.arn == caArn {
                dialog.retry = .finished(results)
                state.overlay = .dialog(dialog)
            }
            let renewed = results.filter { (try? $0.outcome.get())??.renewalStatus == "SUCCESS" }.count
            showMessage(&state, "Renewal retried: \(renewed) of \(results.count) renewed", kind: renewed == results.count ? .success : .warning)
            return [.loadACMCertificates(generation: state.generation)]
        case let .saveFinished(arn, result):
            return saveFinished(&state, arn: arn, result: result)
        case let .bulkItemFinished(arn, result):
            bulkItemFinished(&state, arn: arn, result: result)
            return []
        case let .apiCall(record):
            state.activity.append(record)
            if state.activity.count > AppState.activityLimit {
                state.activity.removeFirst(state.activity.count - AppState.activityLimit)
            }
            return []
        case let .sessionSwitched(header, readOnly):
            state.header = header
            state.readOnlyMode = readOnly
            state.screen = .list
            state.overlay = nil
            // Another profile or region is another estate: the old rows must not pass for the new one's, nor the
            // old account's ACM certificates (until the new ones arrive, ACM reads as not loaded, not as none).
            replaceRows(&state, [])
            state.acmCertificates = nil
            state.acmError = nil
            state.acmTruncationWarning = nil
            showMessage(&state, "Switched to \(header.profile) in \(header.region)", kind: .success)
            return [.loadIdentity] + startReload(&state)
        case let .sessionSwitchFailed(error):
            showMessage(&state, "\(error.code): \(error.message)", kind: .error)
            return []
        case let .mfaCodeNeeded(serial):
            state.mfaPrompt = MFAPromptState(serial: serial)
            state.editingFilter = false
            return []
        case let .writesInFlight(count):
            state.writesInFlight = count
            if count == 0, state.quitAfterWrites {
                state.quitting = true
                return [.quit]
            }
            return []
        case let .signalDuringWrite(pending):
            // The change may have ended between the signal and this event (its writesInFlight(0) came first):
            // nothing is left to wait for, and no later event would end the program.
            guard state.writesInFlight > 0 else {
                state.quitting = true
                return [.quit]
            }
            state.quitAfterWrites = true
            showMessage(&state, "Finishing \(pending.joined(separator: "; ")) before exiting (again within 2 s forces the exit)",
                        kind: .warning, seconds: 30)
            return []
        case let .csrRead(path, result):
            csrRead(&state, path: path, result)
            return []
        case let .pathsCompleted(prefix, paths):
            pathsCompleted(&state, prefix: prefix, paths)
            return []
        case let .estateStarted(generation, targets):
            guard generation == state.generation else { return [] }
            estateStarted(&state, targets)
            return []
        case let .estateTargetLoaded(generation, target, records):
            guard generation == state.generation else { return [] }
            estateTargetLoaded(&state, target, records)
            return []
        case let .estateTargetFailed(generation, target, reason):
            guard generation == state.generation else { return [] }
            state.estate?.failures[target.id] = reason
            state.estate?.answered.insert(target.id)
            estateProgress(&state)
            return []
        case let .estateACMLoaded(generation, targetID, result):
            guard generation == state.generation else { return [] }
            estateACMLoaded(&state, targetID: targetID, result)
            return []
        case let .sharingFinished(arn, result):
            return sharingFinished(&state, arn: arn, result)
        case let .issueFinished(arn, result):
            issueFinished(&state, arn: arn, result)
            return []
        case let .interruptedChangesFound(reports):
            guard !reports.isEmpty else { return [] }
            showMessage(&state, reports.joined(separator: " "), kind: .warning, seconds: 30)
            return []
        case .terminate:
            state.quitting = true
            return [.quit]
        }
    }

    /// `q` or Ctrl-C: quits at once, or asks first while a change is in flight (as lazygit and k9s do).
    static func requestQuit(_ state: inout AppState) -> [AppEffect] {
        guard state.writesInFlight > 0 else {
            state.quitting = true
            return [.quit]
        }
        state.overlay = .confirmQuitDuringWrite
        return []
    }

    /// A fresh load of everything; older answers still in flight are ignored.
    static func startReload(_ state: inout AppState) -> [AppEffect] {
        state.generation += 1
        state.progress = .listing
        state.nextRefreshAt = nil
        return [.loadInventory(generation: state.generation)]
    }

    static func showMessage(_ state: inout AppState, _ text: String, kind: StatusMessage.Kind = .info, seconds: TimeInterval = 6) {
        state.message = StatusMessage(text, kind: kind, expiresAt: state.now.addingTimeInterval(seconds))
    }

    static func updateRow(_ state: inout AppState, arn: String, _ change: (inout CARecord) -> Void) {
        guard let index = state.rowIndexByARN[arn] else { return }
        change(&state.rows[index])
    }

    static func isPartial(_ renewal: ACMRenewalState) -> Bool {
        if case .partial = renewal { return true }
        return false
    }

    static func replaceRows(_ state: inout AppState, _ authorities: [CertificateAuthority]) {
        let selectedARN = state.selectedRow?.arn
        if !appendRows(&state, authorities) {
            let previous = Dictionary(state.rows.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
            state.rows = authorities.map { authority in
                // Keep what is known until the new answers arrive, so a refresh does not blank the table.
                let old = previous[authority.arn ?? ""]
                if let old, old.authority == authority { return old }
                var record = CARecord(authority: authority, renewal: old?.renewal, tags: old?.tags)
                record.index()
                return record
            }
            state.rowIndexByARN = Dictionary(state.rows.enumerated().map { ($1.arn, $0) }, uniquingKeysWith: { first, _ in first })
        }
        // The old indices point into the old rows: drop them before anything reads the selection.
        state.visible = []
        state.ordered = []
        recomputeVisible(&state, reselecting: selectedARN)
    }

    /// The listing's next page: when the rows are the CAs listed so far, unchanged and each ARN once, the new
    /// CAs are appended in place, which is what rebuilding every row would give. A listing of 10,000 CAs
    /// arrives in 100 pages; rebuilding the rows and a dictionary of them for each page is what made the
    /// load's memory peak. False when it does not apply (a reload, a changed CA): the caller rebuilds.
    static func appendRows(_ state: inout AppState, _ authorities: [CertificateAuthority]) -> Bool {
        let count = state.rows.count
        guard count <= authorities.count, state.rowIndexByARN.count == count,
              state.rows.indices.allSatisfy({ state.rows[$0].authority == authorities[$0] }),
              authorities[count...].allSatisfy({ state.rowIndexByARN[$0.arn ?? ""] == nil }) else {
            return false
        }
        for authority in authorities[count...] {
            var record = CARecord(authority: authority)
            record.index()
            if state.rowIndexByARN[record.arn] == nil { state.rowIndexByARN[record.arn] = state.rows.count }
            state.rows.append(record)
        }
        return true
    }
}
