import Foundation
import PCAAdmin
import PCAClient
import PCAX509

extension Reducer {
    static func openIssueDialog(_ state: inout AppState, arn: String) -> [AppEffect] {
        guard let index = state.rowIndexByARN[arn] else { return [] }
        state.overlay = .issue(IssueDialogState(arn: arn, name: state.rows[index].name))
        return []
    }

    /// The issuance the dialog describes, planned by the one planner; nil until a CSR is read.
    public static func issuePlan(_ dialog: IssueDialogState, state: AppState) -> PlannedChange? {
        guard case let .success(csr)? = dialog.csr, let index = state.rowIndexByARN[dialog.arn] else { return nil }
        var target = WriteTarget(record: state.rows[index])
        target.authority = state.rows[index].authority
        let request = IssuanceRequest(csr: csr, csrPath: dialog.csrPath, template: dialog.template,
                                      validity: .days(Int(dialog.validityDays) ?? 0), signingAlgorithm: dialog.algorithm)
        target.issuance = request
        return WritePlanner.plan(target, intent: .issueCertificate, context: gateContext(state, arn: dialog.arn), now: state.now)
    }

    /// Why Issue cannot be pressed, or nil.
    public static func issueBlockReason(_ dialog: IssueDialogState, state: AppState) -> String? {
        if dialog.csrPath.isEmpty { return "Type the path of a CSR file (Tab completes)." }
        guard let csr = dialog.csr else { return "Reading the CSR…" }
        if case let .failure(error) = csr { return "The CSR cannot be read: \(error.message)" }
        guard let days = Int(dialog.validityDays), days > 0 else { return "The validity is a whole number of days." }
        _ = days
        guard let change = issuePlan(dialog, state: state) else { return "Reading the CSR…" }
        if let refusal = change.refusal { return refusal.description }
        if case let .unreadable(reason) = change.kind { return reason }
        return nil
    }

    static func handleIssueKey(_ state: inout AppState, _ dialog: IssueDialogState, _ key: Key) -> [AppEffect] {
        var dialog = dialog
        switch dialog.phase {
        case .issuing:
            return []
        case .issued, .failed:
            if [.enter, .escape, .character("q")].contains(key) { state.overlay = nil }
            return []
        case .editing:
            break
        }
        var effects: [AppEffect] = []
        let fields = IssueDialogState.Field.allCases
        let position = fields.firstIndex(of: dialog.focus) ?? 0
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .down:
            dialog.focus = fields[(position + 1) % fields.count]
        case .up, .backTab:
            dialog.focus = fields[(position + fields.count - 1) % fields.count]
        case .tab:
            if dialog.focus == .csrPath || dialog.focus == .outPath {
                // Tab completes a path, as a shell does.
                let text = dialog.focus == .csrPath ? dialog.csrPath : dialog.outPath
                effects.append(.completePath(text))
            } else {
                dialog.focus = fields[(position + 1) % fields.count]
            }
        case .left, .right:
            let step = key == .right ? 1 : -1
            switch dialog.focus {
            case .template:
                dialog.templateIndex = (dialog.templateIndex + step + CertificateTemplate.all.count) % CertificateTemplate.all.count
            case .algorithm:
                // nil (the CA's own), then each algorithm.
                let count = IssueDialogState.algorithms.count + 1
                let current = dialog.algorithmIndex.map { $0 + 1 } ?? 0
                let next = (current + step + count) % count
                dialog.algorithmIndex = next == 0 ? nil : next - 1
            case .issue, .cancel:
                dialog.focus = dialog.focus == .issue ? .cancel : .issue
            default:
                break
            }
        case .backspace, .delete:
            edit(&dialog) { if !$0.isEmpty { $0.removeLast() } }
            if dialog.focus == .csrPath { dialog.csr = nil }
        case let .character(character):
            guard [.csrPath, .validity, .outPath].contains(dialog.focus) else { return [] }
            if dialog.focus == .validity, !character.isNumber { return [] }
            edit(&dialog) { $0.append(character) }
            if dialog.focus == .csrPath { dialog.csr = nil }
        case .enter:
            switch dialog.focus {
            case .cancel:
                state.overlay = nil
                return []
            case .issue:
                if let reason = issueBlockReason(dialog, state: state) {
                    showMessage(&state, reason, kind: .warning, seconds: 10)
                    return []
                }
                guard let change = issuePlan(dialog, state: state) else { return [] }
                dialog.phase = .issuing
                state.overlay = .issue(dialog)
                return [.applyChanges([change], readOnly: state.readOnlyMode,
                                      purpose: .issue(saveTo: dialog.outPath.isEmpty ? nil : dialog.outPath))]
            default:
                dialog.focus = fields[position + 1]
            }
        default:
            return []
        }
        if dialog.focus != .csrPath, dialog.csr == nil, !dialog.csrPath.isEmpty {
            effects.append(.readCSR(path: dialog.csrPath))
        }
        state.overlay = .issue(dialog)
        return effects
    }

    private static func edit(_ dialog: inout IssueDialogState, _ change: (inout String) -> Void) {
        switch dialog.focus {
        case .csrPath: change(&dialog.csrPath)
        case .validity: change(&dialog.validityDays)
        case .outPath: change(&dialog.outPath)
        default: break
        }
    }

    static func csrRead(_ state: inout AppState, path: String, _ result: Result<CertificationRequest, ErrorExplanation>) {
        guard case var .issue(dialog) = state.overlay, dialog.csrPath == path else { return }
        dialog.csr = result
        if case let .success(csr) = result, dialog.outPath.isEmpty {
            // Save beside the CSR, named after it, unless the admin says otherwise.
            let base = path.hasSuffix(".csr") ? String(path.dropLast(4)) : path
            dialog.outPath = base + ".crt"
            _ = csr
        }
        state.overlay = .issue(dialog)
    }

    static func pathsCompleted(_ state: inout AppState, prefix: String, _ paths: [String]) {
        guard case var .issue(dialog) = state.overlay else { return }
        let field = dialog.focus == .outPath ? dialog.outPath : dialog.csrPath
        guard field == prefix else { return }
        let completed = paths.count == 1 ? paths[0] : commonPrefix(paths).count > prefix.count ? commonPrefix(paths) : prefix
        if dialog.focus == .outPath { dialog.outPath = completed } else {
            dialog.csrPath = completed
            dialog.csr = nil
        }
        dialog.completions = paths.count > 1 ? Array(paths.prefix(6)) : []
        state.overlay = .issue(dialog)
    }

    private static func commonPrefix(_ paths: [String]) -> String {
        guard var prefix = paths.first else { return "" }
        for path in paths.dropFirst() {
            while !path.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    static func issueFinished(_ state: inout AppState, arn: String, _ result: Result<IssueOutcome, ErrorExplanation>) {
        guard case var .issue(dialog) = state.overlay, dialog.arn == arn else {
            if case let .success(outcome) = result { showMessage(&state, "Issued \(outcome.certificateArn)", kind: .success) }
            return
        }
        switch result {
        case let .success(outcome): dialog.phase = .issued(outcome)
        case let .failure(error): dialog.phase = .failed(error)
        }
        state.overlay = .issue(dialog)
    }
}
