import Foundation
import PCAClient

extension Reducer {
    static func openDialog(_ state: inout AppState, _ row: CARow) -> [AppEffect] {
        state.overlay = .dialog(DialogState(arn: row.arn, name: row.name, status: row.authority.status,
                                            ownerAccount: row.authority.ownerAccount, current: nil))
        return [.loadDialogState(arn: row.arn)]
    }

    /// Why Save cannot be pressed, or nil when it can.
    public static func saveBlockReason(_ dialog: DialogState, state: AppState) -> String? {
        if let refusal = WriteRule.refusal(readOnly: state.readOnlyMode, ownerAccount: dialog.ownerAccount,
                                           callerAccount: state.header.account, status: dialog.status ?? CAStatus(rawValue: "UNKNOWN")) {
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
        if dialog.checked && current == .enabled { return "Nothing to change: ACM renewal is already authorized." }
        if !dialog.checked && current == .disabled { return "Nothing to change: ACM is not authorized now." }
        return nil
    }

    static func handleDialogKey(_ state: inout AppState, _ dialog: DialogState, _ key: Key) -> [AppEffect] {
        var dialog = dialog
        switch dialog.phase {
        case .saving:
            return []
        case .saved:
            if key == .character("r"), dialog.retry == nil, let failed = retryCandidates(state, dialog), !failed.isEmpty {
                // A retry is a write: the one read-only rule decides, as for the grant.
                if let refusal = WriteRule.refusal(readOnly: state.readOnlyMode, ownerAccount: nil, callerAccount: nil, status: nil) {
                    showMessage(&state, refusal.description, kind: .warning)
                    return []
                }
                dialog.retry = .running(count: failed.count)
                state.overlay = .dialog(dialog)
                return [.retryRenewals(caArn: dialog.arn, certificateArns: failed.compactMap(\.certificateArn),
                                       readOnly: state.readOnlyMode)]
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
                    return [.saveRenewal(arn: dialog.arn, enable: false, readOnly: state.readOnlyMode)]
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
                    return [.saveRenewal(arn: dialog.arn, enable: true, readOnly: state.readOnlyMode)]
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
            updateRow(&state, arn: arn) { $0.renewal = change.after }
            if case var .dialog(dialog) = state.overlay, dialog.arn == arn {
                dialog.phase = .saved(change)
                dialog.current = change.after
                dialog.checked = change.after == .enabled
                state.overlay = .dialog(dialog)
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
