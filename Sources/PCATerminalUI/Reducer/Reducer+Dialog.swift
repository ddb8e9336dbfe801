import Foundation
import PCAAdmin
import PCAClient

extension Reducer {
    static func openDialog(_ state: inout AppState, _ row: CARecord) -> [AppEffect] {
        state.overlay = .dialog(DialogState(arn: row.arn, name: row.name, status: row.authority.status,
                                            ownerAccount: row.authority.ownerAccount, current: nil))
        return [.loadDialogState(arn: row.arn)]
    }

    /// The change Save would make with the box as it is now, from the one planner.
    public static func dialogPlan(_ dialog: DialogState, state: AppState) -> PlannedChange {
        let target = WriteTarget(arn: dialog.arn, name: dialog.name, ownerAccount: dialog.ownerAccount,
                                 status: dialog.status, renewal: dialog.current)
        return WritePlanner.plan(target, intent: dialog.checked ? .enableRenewal : .disableRenewal,
                                 context: gateContext(state, arn: dialog.arn), now: state.now)
    }

    /// What the gate knows of this session.
    /// What the gate knows for a change to the CA `arn`: in an estate, the caller is the account the CA was
    /// listed in (each account's changes are made with its own credentials).
    static func gateContext(_ state: AppState, arn: String? = nil) -> WriteGate.Context {
        let listedIn = arn.flatMap { state.rowIndexByARN[$0] }.flatMap { state.rows[$0].account }
        return WriteGate.Context(readOnly: state.readOnlyMode, callerAccount: listedIn ?? state.header.account)
    }

    /// Why Save cannot be pressed, or nil when it can.
    public static func saveBlockReason(_ dialog: DialogState, state: AppState) -> String? {
        let change = dialogPlan(dialog, state: state)
        if let refusal = change.refusal {
            if case .readOnly = refusal {
                return state.readOnlyMode.canLift
                    ? "Read-only mode: changes are off. Press Esc, then W to allow them (it asks first)."
                    : "Read-only mode: changes are off for this session (--read-only on the command line)."
            }
            return refusal.description
        }
        guard let current = dialog.current else { return "Reading the current permissions…" }
        if case let .unknown(reason) = current {
            return "The current permissions could not be read: \(reason)"
        }
        if case .nothing = change.kind {
            return dialog.checked ? "Nothing to change: ACM renewal is already authorized." : "Nothing to change: ACM is not authorized now."
        }
        return nil
    }

    /// The retry of a CA's failed renewals, planned by the one planner; nil when ACM's certificates are not
    /// known or none failed.
    static func retryPlan(arn: String, state: AppState) -> PlannedChange? {
        guard let row = state.rowIndexByARN[arn].map({ state.rows[$0] }),
              let failed = state.acmCertificates?[arn]?.failedCertificates, !failed.isEmpty else { return nil }
        return WritePlanner.plan(WriteTarget(record: row, failedCertificates: failed), intent: .retryRenewals,
                                 context: gateContext(state, arn: arn), now: state.now)
    }

    /// `F` on a CA in the list or the detail: retry its failed renewals, or say why not.
    static func retryFromScreen(_ state: inout AppState, arn: String) -> [AppEffect] {
        guard state.acmCertificates != nil else {
            showMessage(&state, state.acmError.map { "ACM's certificates could not be read (\($0.code)): nothing to retry" }
                        ?? "ACM's certificates are still loading", kind: .warning)
            return []
        }
        guard let change = retryPlan(arn: arn, state: state) else {
            showMessage(&state, "No ACM certificate of this CA failed to renew")
            return []
        }
        return startRetry(&state, change)
    }

    /// Starts a planned retry, or says why it is refused.
    static func startRetry(_ state: inout AppState, _ change: PlannedChange) -> [AppEffect] {
        if let refusal = change.refusal {
            showMessage(&state, refusal.description, kind: .warning, seconds: 10)
            // The refusal is journaled like any other: the pipeline writes it and sends nothing.
            return [.applyChanges([change], readOnly: state.readOnlyMode, purpose: .retry)]
        }
        guard change.sendsRequests else {
            showMessage(&state, "No failed renewal to retry on \(change.target.name)")
            return []
        }
        if !change.notes.isEmpty { showMessage(&state, change.notes.joined(separator: "; "), kind: .warning, seconds: 10) }
        return [.applyChanges([change], readOnly: state.readOnlyMode, purpose: .retry)]
    }

    static func handleDialogKey(_ state: inout AppState, _ dialog: DialogState, _ key: Key) -> [AppEffect] {
        var dialog = dialog
        switch dialog.phase {
        case .saving:
            // Keys wait for the result, but quitting is always possible: it asks first, as on the list.
            return key == .character("q") ? requestQuit(&state) : []
        case .saved:
            if key == .character("r"), dialog.retry == nil, retryCandidates(state, dialog)?.isEmpty == false,
               let change = retryPlan(arn: dialog.arn, state: state) {
                // A retry is a write: the one planner and gate decide, as for the grant.
                let effects = startRetry(&state, change)
                if change.sendsRequests, change.refusal == nil {
                    dialog.retry = .running(count: change.steps.count)
                    state.overlay = .dialog(dialog)
                }
                return effects
            }
            if case .running? = dialog.retry { return [] }
            if key == .enter || key == .escape || key == .character("q") { state.overlay = nil }
            return []
        case .failed:
            if key == .enter || key == .escape || key == .character("q") { state.overlay = nil }
            return []
        case let .confirmingRevoke(focus):
            switch key {
            case .tab, .backTab, .left, .right, .up, .down:
                dialog.phase = .confirmingRevoke(focus == .keep ? .revoke : .keep)
            case .enter:
                if focus == .revoke {
                    dialog.phase = .saving
                    state.overlay = .dialog(dialog)
                    return [.applyChanges([dialogPlan(dialog, state: state)], readOnly: state.readOnlyMode, purpose: .dialog)]
                }
                dialog.phase = .editing
            case .escape:
                dialog.phase = .editing
            default:
                return []
            }
            state.overlay = .dialog(dialog)
            return []
        case .editing:
            break
        }
        let order: [DialogState.Focus] = [.checkbox, .save, .cancel]
        let position = order.firstIndex(of: dialog.focus) ?? 0
        switch key {
        case .tab, .down, .right:
            dialog.focus = order[(position + 1) % order.count]
        case .backTab, .up, .left:
            dialog.focus = order[(position + order.count - 1) % order.count]
        case .character(" "):
            dialog.checked.toggle()
        case .escape, .character("q"):
            state.overlay = nil
            return []
        case .enter:
            // Enter presses the default button, as in dialog(1), whiptail and Midnight Commander: Save (Space
            // ticks the box). It never undoes a tick just made.
            switch dialog.focus {
            case .cancel:
                state.overlay = nil
                return []
            case .checkbox, .save:
                if let reason = saveBlockReason(dialog, state: state) {
                    showMessage(&state, reason, kind: .warning)
                    return []
                }
                if dialog.checked {
                    dialog.phase = .saving
                    state.overlay = .dialog(dialog)
                    return [.applyChanges([dialogPlan(dialog, state: state)], readOnly: state.readOnlyMode, purpose: .dialog)]
                }
                dialog.phase = .confirmingRevoke(.keep)
            }
        default:
            return []
        }
        state.overlay = .dialog(dialog)
        return []
    }

    static func saveFinished(_ state: inout AppState, arn: String, result: Result<ACMRenewalChange, ErrorExplanation>) -> [AppEffect] {
        switch result {
        case let .success(change):
            // Changed but not verified: the row's state is not known until it is read again.
            updateRow(&state, arn: arn) { $0.renewal = change.after ?? .unknown(reason: "changed, not verified") }
            if case var .dialog(dialog) = state.overlay, dialog.arn == arn {
                dialog.phase = .saved(change)
                dialog.current = change.after
                dialog.checked = change.after == .enabled
                state.overlay = .dialog(dialog)
                if change.after == nil { return [.loadDialogState(arn: arn)] }
            }
            if case let .detail(detail) = state.screen, detail.arn == arn {
                return [.loadDetail(arn: arn)]
            }
            return []
        case let .failure(error):
            guard case var .dialog(dialog) = state.overlay, dialog.arn == arn else {
                showMessage(&state, "\(error.code): \(error.explanation)", kind: .error)
                return []
            }
            dialog.phase = .failed(error)
            state.overlay = .dialog(dialog)
            // Read the permissions again, so the dialog shows what is really in place now.
            return [.loadDialogState(arn: arn)]
        }
    }

    /// After a grant: the CA's certificates whose renewal failed, which a retry would renew now.
    static func retryCandidates(_ state: AppState, _ dialog: DialogState) -> [ACMCertificate]? {
        guard case let .saved(change) = dialog.phase, change.after == .enabled else { return nil }
        return state.acmCertificates?[dialog.arn]?.failedCertificates
    }
}
