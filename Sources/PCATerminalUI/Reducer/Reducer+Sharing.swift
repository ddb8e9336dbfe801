import Foundation
import PCAAdmin
import PCAClient

extension Reducer {
    /// `o` in a CA's detail: the dialog starts from the policy the detail read.
    static func openSharingDialog(_ state: inout AppState, _ detail: DetailState) -> [AppEffect] {
        guard case let .success(loaded)? = detail.detail else {
            showMessage(&state, "The CA is still loading", kind: .warning)
            return []
        }
        guard case let .success(text) = loaded.policy else {
            showMessage(&state, "The resource policy could not be read, so sharing cannot be planned", kind: .warning)
            return []
        }
        let name = state.rowIndexByARN[detail.arn].map { state.rows[$0].name } ?? detail.arn
        state.overlay = .sharing(SharingDialogState(arn: detail.arn, name: name, policy: text.map(AttachedPolicy.text) ?? .none))
        return []
    }

    /// The share or unshare the dialog describes, planned by the one planner; nil until the principal is valid.
    public static func sharingPlan(_ dialog: SharingDialogState, state: AppState) -> PlannedChange? {
        guard case let .success(principal) = dialog.parsedPrincipal else { return nil }
        var target: WriteTarget
        if let index = state.rowIndexByARN[dialog.arn] {
            target = WriteTarget(record: state.rows[index])
        } else {
            target = WriteTarget(arn: dialog.arn, name: dialog.name)
        }
        target.sharing = SharingGrant(principal: principal, issue: dialog.issue)
        target.policy = dialog.policy
        return WritePlanner.plan(target, intent: dialog.adding ? .share : .unshare, context: gateContext(state, arn: dialog.arn), now: state.now)
    }

    static func handleSharingKey(_ state: inout AppState, _ dialog: SharingDialogState, _ key: Key) -> [AppEffect] {
        var dialog = dialog
        switch dialog.phase {
        case .saving:
            return []
        case .saved, .failed:
            if [.enter, .escape, .character("q")].contains(key) { state.overlay = nil }
            return []
        case .editing:
            break
        }
        let fields = SharingDialogState.Field.allCases
        let position = fields.firstIndex(of: dialog.focus) ?? 0
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .down, .tab:
            dialog.focus = fields[(position + 1) % fields.count]
        case .up, .backTab:
            dialog.focus = fields[(position + fields.count - 1) % fields.count]
        case .character(" ") where dialog.focus == .issue:
            dialog.issue.toggle()
        case .character(" ") where dialog.focus == .action, .left, .right:
            if dialog.focus == .action { dialog.adding.toggle() }
            if [.apply, .cancel].contains(dialog.focus) { dialog.focus = dialog.focus == .apply ? .cancel : .apply }
        case .backspace, .delete:
            if dialog.focus == .principal, !dialog.principal.isEmpty { dialog.principal.removeLast() }
        case let .character(character):
            guard dialog.focus == .principal, character.isLetter || character.isNumber || character == "-" else { return [] }
            dialog.principal.append(character)
        case .enter:
            switch dialog.focus {
            case .cancel:
                state.overlay = nil
                return []
            case .apply:
                guard let change = sharingPlan(dialog, state: state) else {
                    if case let .failure(error) = dialog.parsedPrincipal { showMessage(&state, "\(error)", kind: .warning) }
                    return []
                }
                if let refusal = change.refusal {
                    showMessage(&state, refusal.description, kind: .warning, seconds: 10)
                    return [.applyChanges([change], readOnly: state.readOnlyMode, purpose: .sharing)]
                }
                guard change.sendsRequests else {
                    showMessage(&state, change.words)
                    return []
                }
                dialog.phase = .saving
                state.overlay = .sharing(dialog)
                return [.applyChanges([change], readOnly: state.readOnlyMode, purpose: .sharing)]
            default:
                dialog.focus = fields[position + 1]
            }
        default:
            return []
        }
        state.overlay = .sharing(dialog)
        return []
    }

    static func sharingFinished(_ state: inout AppState, arn: String, _ result: Result<String, ErrorExplanation>) -> [AppEffect] {
        guard case var .sharing(dialog) = state.overlay, dialog.arn == arn, dialog.phase == .saving else { return [] }
        switch result {
        case let .success(words): dialog.phase = .saved(words)
        case let .failure(error): dialog.phase = .failed(error)
        }
        state.overlay = .sharing(dialog)
        // The detail reads the policy again, so "Shared with" shows what AWS holds now.
        if case let .detail(detail) = state.screen, detail.arn == arn { return [.loadDetail(arn: arn)] }
        return []
    }
}
