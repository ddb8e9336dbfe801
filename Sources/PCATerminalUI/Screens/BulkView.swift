import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// The bulk Configure CA permissions dialog: the plan for each marked CA, one confirmation stating the
/// counts, then each CA's verified result.
enum BulkView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ bulk: BulkState) {
        let theme = state.theme
        let width = min(110, state.width - 2)
        let inner = width - 4
        let dim = theme.style(CellStyle(dim: true))
        let bold = theme.style(CellStyle(bold: true))
        var lines: [StyledLine] = []
        func wrapped(_ text: String, _ style: CellStyle = .plain) {
            for line in TextWrap.wrap(text, width: inner) { lines.append(StyledLine(line, style)) }
        }
        wrapped("\(bulk.items.count) marked \(bulk.items.count == 1 ? "CA" : "CAs"): \(bulk.planSummary)", bold)
        lines.append(StyledLine())
        let nameWidth = min(40, max(12, inner / 3))
        let room = max(1, state.height - 12)
        let top = min(bulk.scroll, max(0, bulk.items.count - room))
        for item in bulk.items.dropFirst(top).prefix(room) {
            let (text, style) = describe(item, phase: bulk.phase, theme: theme)
            let name = SafeText.fitted(item.name, width: nameWidth, ellipsis: theme.ellipsis, truncateMiddle: true)
            lines.append(StyledLine([(name + "  ", bold), (SafeText.fitted(text, width: max(1, inner - nameWidth - 2), ellipsis: theme.ellipsis), theme.style(style))]))
        }
        if bulk.items.count > room {
            lines.append(StyledLine("  \(top + 1)-\(min(bulk.items.count, top + room)) of \(bulk.items.count) (\(theme.symbol("↑↓", "Up/Down")) scroll)", dim))
        }
        lines.append(StyledLine())
        let work = bulk.toChange.count
        switch bulk.phase {
        case let .review(focus):
            if work == 0 {
                wrapped("Nothing to change: every marked CA is already enabled or refused.", theme.style(CellStyle(foreground: .yellow, bold: true)))
            } else {
                wrapped("Grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions on \(work) "
                        + "\(work == 1 ? "CA" : "CAs")? Each change is verified with ListPermissions and written to the audit log; "
                        + "a failure on one CA does not stop the others.")
            }
            lines.append(StyledLine([("[ Grant to \(work) \(work == 1 ? "CA" : "CAs") ]", theme.style(CellStyle(bold: work > 0, reverse: focus == .apply, dim: work == 0))),
                                     ("  ", .plain), ("[ Cancel ]", theme.style(CellStyle(reverse: focus == .cancel)))]))
        case .running:
            let finished = bulk.doneCount + bulk.failedCount
            wrapped("Saving\(theme.ellipsis) \(finished) of \(work) done", theme.style(CellStyle(foreground: .yellow, bold: true)))
        case .finished:
            let style = bulk.failedCount == 0 ? CellStyle(foreground: .green, bold: true) : CellStyle(foreground: .red, bold: true)
            wrapped("Done: \(bulk.doneCount) changed and verified, \(bulk.failedCount) failed. Enter closes.", theme.style(style))
        }
        OverlayView.box(&buffer, state, title: "Configure CA permissions: \(bulk.items.count) marked", lines: lines, width: width)
    }

    static func describe(_ item: BulkState.Item, phase: BulkState.Phase, theme: Theme) -> (String, CellStyle) {
        switch item.outcome {
        case let .done(change):
            return (theme.symbol("✓ ", "[+] ") + change.summary + "; verified", CellStyle(foreground: .green))
        case let .failed(error):
            return (theme.symbol("✗ ", "[x] ") + "\(error.code): \(error.message)", CellStyle(foreground: .red, bold: true))
        case .waiting:
            break
        }
        let running = phase != .review(.apply) && phase != .review(.cancel)
        switch item.plan {
        case .grant: return (running ? "granting" + theme.ellipsis : "grant the three actions", running ? CellStyle(foreground: .yellow) : .plain)
        case .repair: return (running ? "repairing" + theme.ellipsis : "repair the partial grant (delete, then create)", CellStyle(foreground: .yellow))
        case .nothing: return ("nothing: already enabled", CellStyle(dim: true))
        case let .refused(reason): return ("refused: \(reason)", CellStyle(foreground: .magenta))
        }
    }
}
