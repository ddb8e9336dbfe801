import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// The Configure sharing dialog: whom, read or read-and-issue, add or remove; the statements removed and added,
/// the equivalent AWS CLI command, and what a cross-account renewal also needs.
enum SharingView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ dialog: SharingDialogState) {
        let theme = state.theme
        let width = min(110, state.width - 2)
        let dim = theme.style(CellStyle(dim: true))
        let bad = theme.style(CellStyle(foreground: .red, bold: true))
        let good = theme.style(CellStyle(foreground: .green, bold: true))
        var lines: [StyledLine] = [StyledLine("\(SafeText.escaped(dialog.name)): who may use this CA from another account",
                                              CellStyle(bold: true)), StyledLine()]
        func focused(_ field: SharingDialogState.Field) -> CellStyle {
            theme.style(CellStyle(reverse: dialog.focus == field && dialog.phase == .editing))
        }
        let cursor = dialog.focus == .principal ? theme.symbol("▏", "_") : ""
        lines.append(StyledLine([("Account or organization  ", dim), (SafeText.escaped(dialog.principal) + cursor, focused(.principal)),
                                 ("  12-digit account id, or o-...", dim)]))
        lines.append(StyledLine([("May issue                ", dim),
                                 (theme.symbol(dialog.issue ? "[✓]" : "[ ]", dialog.issue ? "[x]" : "[ ]")
                                    + " IssueCertificate (EndEntityCertificate/V1 only)", focused(.issue))]))
        lines.append(StyledLine([("Change                   ", dim),
                                 ("‹ \(dialog.adding ? "share (add its statements)" : "unshare (remove its statements)") ›", focused(.action))]))
        lines.append(StyledLine())
        if case let .failure(error) = dialog.parsedPrincipal, !dialog.principal.isEmpty {
            lines.append(StyledLine(SafeText.escaped("\(error)"), bad))
        }
        if let plan = Reducer.sharingPlan(dialog, state: state) {
            lines.append(StyledLine("Plan: \(SafeText.escaped(plan.words))", plan.refusal == nil ? .plain : bad))
            for note in plan.notes {
                for piece in TextWrap.wrap(SafeText.escaped(note), width: width - 6) { lines.append(StyledLine("  " + piece, dim)) }
            }
            var diff: [StyledLine] = []
            for line in plan.policyDiff ?? [] {
                let style = line.hasPrefix("+") ? theme.style(CellStyle(foreground: .green)) : line.hasPrefix("-") ? bad : dim
                for piece in TextWrap.breakWord(SafeText.escaped(line), width: width - 8) { diff.append(StyledLine("  " + piece, style)) }
            }
            let room = max(4, state.height - 26)
            lines += diff.prefix(room)
            if diff.count > room { lines.append(StyledLine("  … \(diff.count - room) more lines: --dry-run of 'pca-tui share' prints all", dim)) }
            if plan.sendsRequests, plan.refusal == nil {
                lines.append(StyledLine("Equivalent AWS CLI (policy.json holds the policy after the change, shown above):", dim))
                for command in plan.awsCLICommands(region: state.header.region) {
                    for piece in TextWrap.breakWord(SafeText.escaped(command), width: width - 6) { lines.append(StyledLine("  " + piece, dim)) }
                }
            }
        }
        let acmNote = "ACM in the other account renews these certificates only with this policy in place and ACM's "
            + "service-linked role (AWSServiceRoleForCertificateManager) in that account."
        for piece in TextWrap.wrap(acmNote, width: width - 4) { lines.append(StyledLine(piece, dim)) }
        switch dialog.phase {
        case .editing:
            lines.append(StyledLine([("[ Apply ]", theme.style(CellStyle(bold: true, reverse: dialog.focus == .apply))), ("  ", .plain),
                                     ("[ Cancel ]", theme.style(CellStyle(reverse: dialog.focus == .cancel)))]))
        case .saving:
            lines.append(StyledLine("Saving… then reading GetPolicy back to verify.", theme.style(CellStyle(foreground: .yellow))))
        case let .saved(words):
            lines.append(StyledLine(theme.symbol("✓ ", "OK ") + SafeText.escaped(words), good))
            lines.append(StyledLine("Enter closes.", dim))
        case let .failed(error):
            lines.append(StyledLine(theme.symbol("✗ ", "X ") + "Not saved: \(error.code)", bad))
            lines.append(StyledLine(SafeText.escaped(error.explanation)))
            if !error.message.isEmpty { lines.append(StyledLine("  " + SafeText.escaped(error.message), dim)) }
            lines.append(StyledLine("Enter closes.", dim))
        }
        OverlayView.box(&buffer, state, title: "Configure sharing", lines: lines, width: width)
    }
}
