import Foundation
import PCAAdmin
import PCAClient

extension Reducer {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        // Behind the "terminal too small" screen nothing is visible, so no key may act blind: only quitting.
        if state.isTooSmall {
            return key == .character("q") || key == .control("c") ? requestQuit(&state) : []
        }
        if key == .control("c"), state.overlay != .confirmQuitDuringWrite {
            return requestQuit(&state)
        }
        if let prompt = state.mfaPrompt {
            return handleMFAKey(&state, prompt, key)
        }
        if let overlay = state.overlay {
            return handleOverlayKey(&state, overlay, key)
        }
        if state.editingFilter {
            return handleFilterKey(&state, key)
        }
        switch state.screen {
        case .list:
            if case let .click(_, y) = key { return clickRow(&state, y: y) }
            guard let action = KeyMap.action(for: key, in: .list) else { return [] }
            return handleListAction(&state, action)
        case let .detail(detail):
            guard let action = KeyMap.action(for: key, in: .detail) else { return [] }
            return handleDetailAction(&state, detail, action)
        }
    }

    /// A click on a table row selects it; a click on the selected row opens it, as Enter does.
    static func clickRow(_ state: inout AppState, y: Int) -> [AppEffect] {
        let position = state.scrollTop + y - ListView.firstRowY
        guard y >= ListView.firstRowY, y < ListView.firstRowY + state.tableHeight, state.visible.indices.contains(position) else {
            return []
        }
        if position == state.selected {
            return handleListAction(&state, .open)
        }
        state.selected = position
        return []
    }

    static func handleListAction(_ state: inout AppState, _ action: Action) -> [AppEffect] {
        let page = state.tableHeight
        switch action {
        case .moveUp: moveSelection(&state, by: -1)
        case .moveDown: moveSelection(&state, by: 1)
        case .pageUp: moveSelection(&state, by: -page)
        case .pageDown: moveSelection(&state, by: page)
        case .halfPageUp: moveSelection(&state, by: -max(1, page / 2))
        case .halfPageDown: moveSelection(&state, by: max(1, page / 2))
        case .top: moveSelection(&state, to: 0)
        case .bottom: moveSelection(&state, to: state.visible.count - 1)
        case .open:
            guard let row = state.selectedRow else { return [] }
            state.screen = .detail(DetailState(arn: row.arn))
            return [.loadDetail(arn: row.arn)]
        case .back:
            if !state.filter.isEmpty {
                state.filter = ""
                recomputeVisible(&state, keepSelection: true, resort: false)
            }
        case .configurePermissions:
            if !state.marked.isEmpty { return openBulkDialog(&state) }
            guard let row = state.selectedRow else { return [] }
            return openDialog(&state, row)
        case .filter:
            state.editingFilter = true
        case .nextMatch, .previousMatch:
            guard !state.visible.isEmpty else { return [] }
            if state.filter.isEmpty { showMessage(&state, "No filter: press / to filter, then n and N go through its rows") }
            let step = action == .nextMatch ? 1 : state.visible.count - 1
            moveSelection(&state, to: (state.selected + step) % state.visible.count)
        case .retryRenewals:
            guard let row = state.selectedRow else { return [] }
            return retryFromScreen(&state, arn: row.arn)
        case .issueCertificate:
            guard let row = state.selectedRow else { return [] }
            return openIssueDialog(&state, arn: row.arn)
        case .configureSharing:
            return []
        case .retryFailedAccounts:
            return retryEstateFailures(&state)
        case .showCertificates:
            guard let row = state.selectedRow else { return [] }
            state.overlay = .certificates(CertificatesViewState(arn: row.arn, name: row.name))
        case .toggleMark:
            guard let row = state.selectedRow else { return [] }
            if state.marked.remove(row.arn) == nil { state.marked.insert(row.arn) }
            // As in Midnight Commander: mark and move on, so Space Space Space marks three rows.
            moveSelection(&state, by: 1)
        case .markAll:
            let rows = state.rows
            state.marked.formUnion(state.visible.map { rows[$0].arn })
            showMessage(&state, "\(state.marked.count) marked. p grants ACM renewal on them; u clears the marks.")
        case .clearMarks:
            state.marked.removeAll()
        case .nextSort:
            let shown = ListColumn.allCases.filter { !state.hiddenColumns.contains($0) }
            let next = shown.first { $0.rawValue > state.sort.column.rawValue } ?? .name
            state.sort = SortOrder(column: next, ascending: true)
            recomputeVisible(&state, keepSelection: true)
        case .reverseSort:
            state.sort.ascending.toggle()
            recomputeVisible(&state, keepSelection: true)
        case let .sortBy(column):
            state.sort = state.sort.column == column ? SortOrder(column: column, ascending: !state.sort.ascending)
                : SortOrder(column: column, ascending: true)
            recomputeVisible(&state, keepSelection: true)
        case .refresh:
            // Who we are is read again too when it failed before (a cancelled MFA prompt, expired keys).
            return (state.header.account == nil ? [.loadIdentity] : []) + startReload(&state)
        case .copyARN, .copyCommand:
            guard let row = state.selectedRow else { return [] }
            return copy(&state, action, arn: row.arn, renewal: row.renewal)
        case .quit, .forceQuit:
            return requestQuit(&state)
        case .help, .activity, .pickProfile, .pickRegion, .command, .toggleReadOnly:
            return openGlobalOverlay(&state, action)
        }
        return []
    }

    static func handleFilterKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        switch key {
        case .enter:
            state.editingFilter = false
            state.filterHintShown = true
            let unknown = FilterExpression(state.filter).unknownFields
            if !unknown.isEmpty {
                let fields = FilterExpression.Field.allCases.map(\.rawValue).joined(separator: ", ")
                showMessage(&state, "No filter field '\(unknown[0])'. Fields: \(fields)", kind: .warning, seconds: 10)
            }
        case .escape:
            state.editingFilter = false
            state.filterHintShown = true
            state.filter = ""
        case .backspace, .delete:
            if !state.filter.isEmpty { state.filter.removeLast() }
        case let .character(c):
            state.filter.append(c)
        default:
            return []
        }
        recomputeVisible(&state, keepSelection: false, resort: false)
        return []
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        moveSelection(&state, to: state.selected + delta)
    }

    static func moveSelection(_ state: inout AppState, to index: Int) {
        state.selected = index
        clampSelection(&state)
    }

    /// Keeps the selection on a row and the row on screen.
    static func clampSelection(_ state: inout AppState) {
        state.selected = max(0, min(state.selected, state.visible.count - 1))
        let height = state.tableHeight
        if state.selected < state.scrollTop { state.scrollTop = state.selected }
        if state.selected >= state.scrollTop + height { state.scrollTop = state.selected - height + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, state.visible.count - height)))
    }

    /// After the rows were replaced (their old indices dropped): sort and filter them again, with the cursor on
    /// `arn` when it is still shown, at the top otherwise.
    static func recomputeVisible(_ state: inout AppState, reselecting arn: String?) {
        recomputeVisible(&state, keepSelection: false)
        if let arn, let position = state.visible.firstIndex(where: { state.rows[$0].arn == arn }) {
            state.selected = position
            clampSelection(&state)
        }
    }

    /// Applies the sort (when `resort`, or when rows came or went) and the filter. Filtering only narrows the
    /// sorted order, so typing in the filter never sorts. `keepSelection` keeps the same CA selected when it
    /// is still shown.
    static func recomputeVisible(_ state: inout AppState, keepSelection: Bool, resort: Bool = true) {
        let selectedARN = keepSelection ? state.selectedRow?.arn : nil
        if resort || state.ordered.count != state.rows.count {
            state.ordered = sortedIndices(state)
        }
        let expression = FilterExpression(state.filter)
        let (account, now) = (state.header.account, state.now)
        if expression.needsShownText {
            // Built once per row (and again only when the row, the account or the day changes).
            for index in state.rows.indices { state.rows[index].refreshShown(account: account, now: now) }
        }
        let rows = state.rows
        state.visible = expression.isEmpty ? state.ordered
            : state.ordered.filter { expression.matches(rows[$0], account: account, now: now) }
        if let selectedARN, let position = state.visible.firstIndex(where: { rows[$0].arn == selectedARN }) {
            state.selected = position
        } else if !keepSelection {
            state.selected = 0
            state.scrollTop = 0
        }
        clampSelection(&state)
    }

    static func sortedIndices(_ state: AppState) -> [Int] {
        let order = state.sort
        let rows = state.rows
        let keys = rows.map { sortKey($0, order.column, now: state.now, account: state.header.account, acm: state.acmCertificates) }
        return rows.indices.sorted { lhs, rhs in
            if keys[lhs] != keys[rhs] { return order.ascending ? keys[lhs] < keys[rhs] : keys[lhs] > keys[rhs] }
            return rows[lhs].sortName < rows[rhs].sortName
        }
    }

    /// A comparable key per column. Expiry sorts by date, missing last; names naturally (`CA 2` before
    /// `CA 10`); ACM renewal and readiness by severity, what needs work first.
    static func sortKey(_ row: CARecord, _ column: ListColumn, now: Date, account: String?,
                        acm: [String: CACertificates]? = nil) -> SortKey {
        let authority = row.authority
        switch column {
        case .name: return .text(row.sortName)
        case .id: return .text(authority.id ?? "")
        case .type: return .text(authority.type?.rawValue ?? "")
        case .status: return .text(authority.status?.rawValue ?? "")
        case .renewal: return .number(Double(renewalSeverity(row, account: account)))
        case .readiness: return .number(Double(readinessSeverity(row.readiness(callerAccount: account, now: now))))
        case .expiry: return .number(authority.notAfter?.timeIntervalSince1970 ?? .greatestFiniteMagnitude)
        case .key: return .text(authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "")
        case .mode: return .text(authority.usageMode?.rawValue ?? "")
        case .owner: return .text(authority.ownerAccount ?? "")
        case .signing: return .text(authority.certificateAuthorityConfiguration?.signingAlgorithm?.rawValue ?? "")
        case .account: return .text((row.account ?? "") + (row.accountLabel ?? ""))
        case .region: return .text(row.region ?? "")
        case .acmCerts:
            // Most failed renewals first, then most certificates.
            let group = acm?[row.arn]
            return .number(-Double((group?.failed ?? 0) * 1_000_000 + (group?.total ?? 0)))
        }
    }

    enum SortKey: Comparable {
        case number(Double)
        case text(String)

    }

    /// Off first, then partial, unknown, still loading, enabled; another account's CA (N/A) last.
    static func renewalSeverity(_ row: CARecord, account: String?) -> Int {
        if row.isOtherAccount(account) { return 5 }
        switch row.renewal {
        case .disabled?: return 0
        case .partial?: return 1
        case .unknown?: return 2
        case nil: return 3
        case .enabled?: return 4
        }
    }

    /// BLOCKED, OFF, PARTIAL, UNKNOWN before READY; N/A last.
    static func readinessSeverity(_ readiness: RenewalReadiness?) -> Int {
        switch readiness {
        case .blocked?: return 0
        case .off?: return 1
        case .partial?: return 2
        case .unknown?: return 3
        case nil: return 4
        case .ready?: return 5
        case .notApplicable?: return 6
        }
    }

    /// `c` and `C`: what `Clipboard` lets through, or the reason nothing was copied.
    static func copy(_ state: inout AppState, _ action: Action, arn: String, renewal: ACMRenewalState?) -> [AppEffect] {
        let checked = action == .copyARN ? Clipboard.arn(arn)
            : Clipboard.command(renewal: renewal, arn: arn, region: state.header.region)
        switch checked {
        case let .failure(refusal):
            showMessage(&state, "Nothing copied: \(refusal.reason)", kind: .error)
            return []
        case let .success(text):
            let note = "(OSC 52: the terminal must allow clipboard writes; in tmux, set-clipboard on)"
            showMessage(&state, action == .copyARN ? "Copied the ARN \(note)" : "Copied: \(text.prefix(40))… \(note)",
                        kind: .success)
            return [.copyToClipboard(text)]
        }
    }
}
