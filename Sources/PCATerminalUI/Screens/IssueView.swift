import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText
import PCAX509

/// The Issue certificate dialog: the fields, the plan in the pipeline's words, the equivalent AWS CLI command,
/// then the issued certificate.
enum IssueView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ dialog: IssueDialogState) {
        let theme = state.theme
        let width = min(100, state.width - 2)
        let dim = theme.style(CellStyle(dim: true))
        let bad = theme.style(CellStyle(foreground: .red, bold: true))
        let good = theme.style(CellStyle(foreground: .green, bold: true))
        var lines: [StyledLine] = [StyledLine("From \(SafeText.escaped(dialog.name))", CellStyle(bold: true)), StyledLine()]
        func field(_ name: String, _ value: String, _ focus: IssueDialogState.Field, hint: String = "") {
            let focused = dialog.focus == focus && dialog.phase == .editing
            let shown = SafeText.escaped(value) + (focused && [.csrPath, .validity, .outPath].contains(focus) ? theme.symbol("▏", "_") : "")
            lines.append(StyledLine([(SafeText.fitted(name, width: 18, ellipsis: ""), dim),
                                     (shown, theme.style(CellStyle(reverse: focused))), ("  " + hint, dim)]))
        }
        field("CSR file", dialog.csrPath, .csrPath, hint: "Tab completes")
        if !dialog.completions.isEmpty { lines.append(StyledLine("                  " + dialog.completions.joined(separator: "  "), dim)) }
        switch dialog.csr {
        case let .success(csr)?:
            let names = csr.requestedExtensions.subjectAlternativeNames.joined(separator: ", ")
            lines.append(StyledLine("                  \(SafeText.escaped(csr.subject.description)), \(csr.publicKey.algorithmWords)"
                                    + (names.isEmpty ? "" : ", \(SafeText.escaped(names))"), good))
        case let .failure(error)?:
            lines.append(StyledLine("                  not a CSR: \(error.message)", bad))
        case nil:
            break
        }
        field("Template", "‹ \(dialog.template.name) ›", .template, hint: dialog.template.purpose)
        field("Validity (days)", dialog.validityDays, .validity)
        field("Signing algorithm", "‹ \(dialog.algorithm?.rawValue ?? "the CA's own") ›", .algorithm)
        field("Save to", dialog.outPath, .outPath, hint: "PEM, 0644; never over an existing file")
        lines.append(StyledLine())
        let plan = Reducer.issuePlan(dialog, state: state)
        if let plan {
            lines.append(StyledLine("Plan: \(SafeText.escaped(plan.words))", plan.refusal == nil ? .plain : bad))
            for note in plan.notes { lines.append(StyledLine("  " + SafeText.escaped(note), dim)) }
            if plan.refusal == nil, let command = plan.awsCLICommands(region: state.header.region).first {
                lines.append(StyledLine("Equivalent AWS CLI (the CSR as a binary file, then wait for it):", dim))
                for piece in TextWrap.breakWord(SafeText.escaped(command), width: width - 6) { lines.append(StyledLine("  " + piece, dim)) }
            }
        }
        switch dialog.phase {
        case .editing:
            lines.append(StyledLine())
            lines.append(StyledLine([("[ Issue ]", theme.style(CellStyle(bold: true, reverse: dialog.focus == .issue))), ("  ", .plain),
                                     ("[ Cancel ]", theme.style(CellStyle(reverse: dialog.focus == .cancel)))]))
        case .issuing:
            lines.append(StyledLine("Issuing… then GetCertificate until it is issued (every second, at most 60 tries).",
                                    theme.style(CellStyle(foreground: .yellow))))
        case let .issued(outcome):
            lines.append(StyledLine(theme.symbol("✓ ", "OK ") + "Issued \(SafeText.escaped(outcome.certificateArn))", good))
            if let certificate = outcome.certificate {
                for (name, value) in CertificateSummary.lines(certificate) {
                    lines.append(StyledLine([(SafeText.fitted("  " + name, width: 22, ellipsis: ""), dim), (SafeText.escaped(value), .plain)]))
                }
            }
            if let saved = outcome.savedTo { lines.append(StyledLine("Saved to \(SafeText.escaped(saved))", good)) }
            if let warning = outcome.warning { lines.append(StyledLine(SafeText.escaped(warning), theme.style(CellStyle(foreground: .yellow)))) }
            lines.append(StyledLine("Enter closes.", dim))
        case let .failed(error):
            lines.append(StyledLine(theme.symbol("✗ ", "X ") + "Not issued: \(error.code)", bad))
            lines.append(StyledLine(SafeText.escaped(error.explanation)))
            if !error.message.isEmpty { lines.append(StyledLine("  " + SafeText.escaped(error.message), dim)) }
            lines.append(StyledLine("Enter closes.", dim))
        }
        OverlayView.box(&buffer, state, title: "Issue certificate", lines: lines, width: width)
    }
}
