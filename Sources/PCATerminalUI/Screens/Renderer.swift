import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// Draws the state into a screen buffer. Work is proportional to what is visible, not to the list size.
public enum Renderer {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if state.isTooSmall {
            drawTooSmall(&buffer, state)
            return buffer
        }
        HeaderView.draw(&buffer, state)
        switch state.screen {
        case .list: ListView.draw(&buffer, state)
        case let .detail(detail): DetailView.draw(&buffer, state, detail)
        }
        FooterView.draw(&buffer, state)
        if let overlay = state.overlay {
            OverlayView.draw(&buffer, state, overlay)
        }
        if let prompt = state.mfaPrompt {
            OverlayView.drawMFAPrompt(&buffer, state, prompt)
        }
        return buffer
    }

    static func drawTooSmall(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let text = "Terminal too small (\(state.width)x\(state.height)). pca-tui needs at least "
            + "\(AppState.minimumWidth)x\(AppState.minimumHeight). Enlarge it, or press q to quit."
        let lines = TextWrap.wrap(text, width: max(1, state.width))
        let top = max(0, (state.height - lines.count) / 2)
        for (offset, line) in lines.prefix(state.height).enumerated() {
            buffer.put(line, x: max(0, (state.width - DisplayWidth.of(line)) / 2), y: top + offset,
                       style: state.theme.style(CellStyle(foreground: .yellow, bold: true)))
        }
    }
}

enum HeaderView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let theme = state.theme
        let bar = theme.style(CellStyle(foreground: .black, background: state.header.banner ?? .cyan, reverse: !theme.color))
        buffer.fill(x: 0, y: 0, width: state.width, height: 1, style: bar)
        var line = StyledLine()
        var bold = bar
        bold.bold = true
        line.segments.append((" pca-tui ", bold))
        line.segments.append((" account ", bar))
        line.segments.append((state.header.account ?? "…", bold))
        line.segments.append(("  region ", bar))
        line.segments.append((state.header.region, bold))
        if let source = state.header.credentialSource, source != "demo", !source.contains("profile \(state.header.profile)") {
            line.segments.append(("  credentials ", bar))
            line.segments.append((source, bold))
        } else {
            line.segments.append(("  profile ", bar))
            line.segments.append((state.header.profile, bold))
        }
        line.segments.append(("  endpoint ", bar))
        line.segments.append((state.header.endpoint, bold))
        if state.readOnly {
            let badge = " READ-ONLY "
            let badgeStyle = theme.style(CellStyle(foreground: .white, background: .red, bold: true, reverse: !theme.color))
            let room = state.width - DisplayWidth.of(badge)
            buffer.draw(line, x: 0, y: 0, width: max(0, room - 1), ellipsis: theme.ellipsis)
            buffer.put(badge, x: room, y: 0, style: badgeStyle)
        } else {
            buffer.draw(line, x: 0, y: 0, width: state.width, ellipsis: theme.ellipsis)
        }
        var second = StyledLine(" caller ", theme.style(CellStyle(dim: true)))
        second.segments.append((state.header.callerARN ?? "…", .plain))
        let progress = progressText(state)
        let progressWidth = DisplayWidth.of(progress.0)
        buffer.draw(second, x: 0, y: 1, width: state.width - progressWidth - 1, ellipsis: theme.ellipsis)
        buffer.put(progress.0, x: state.width - progressWidth, y: 1, style: theme.style(progress.1))
    }

    static func progressText(_ state: AppState) -> (String, CellStyle) {
        switch state.progress {
        case .idle: return ("", .plain)
        case .listing: return ("listing CAs… ", CellStyle(foreground: .yellow))
        case let .permissions(done, total):
            if state.estate != nil { return ("accounts and regions \(done)/\(total) ", CellStyle(foreground: .yellow)) }
            return ("permissions \(done)/\(total) ", CellStyle(foreground: .yellow))
        case let .tags(done, total): return ("tags \(done)/\(total) ", CellStyle(foreground: .yellow, dim: true))
        case let .loaded(at):
            let refresh = state.autoRefresh.map { ", every \(Int($0)) s" } ?? ""
            if let estate = state.estate {
                let failed = estate.failures.isEmpty ? "" : ", \(estate.failures.count) failed"
                return ("\(state.rows.count) CAs in \(estate.accountCount) accounts, \(estate.regionCount) regions "
                        + "(\(estate.answered.count - estate.failures.count) answered\(failed)), loaded \(clock(at))\(refresh) ",
                        estate.failures.isEmpty ? CellStyle(dim: true) : CellStyle(foreground: .red))
            }
            return ("\(state.rows.count) CAs, loaded \(clock(at))\(refresh) ", CellStyle(dim: true))
        case let .failed(error): return ("load failed: \(error.code) ", CellStyle(foreground: .red, bold: true))
        }
    }

    static func clock(_ date: Date) -> String {
        let text = AWSTimestamp.iso8601(date)
        return String(text.dropFirst(11).prefix(8)) + "Z"
    }
}

enum FooterView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let theme = state.theme
        let statusY = state.height - 2
        let keysY = state.height - 1
        var room = state.width
        if let indicator = ListView.scrollIndicator(state), state.overlay == nil {
            let text = " " + indicator
            room = state.width - DisplayWidth.of(text)
            buffer.put(text, x: room, y: statusY, style: theme.style(CellStyle(dim: true)))
        }
        func status(_ text: String, _ style: CellStyle) {
            // A text longer than the line ends in an ellipsis; the activity log (L) keeps errors whole.
            buffer.put(SafeText.fitted(text, width: max(1, room - 1), ellipsis: theme.ellipsis).trimmingTrailingBlanks(),
                       x: 0, y: statusY, style: theme.style(style))
        }
        if state.editingFilter {
            let input = "/" + state.filter
            buffer.put(input, x: 0, y: statusY, style: theme.style(CellStyle(foreground: .yellow, bold: true)), limit: room)
            let cursorX = 1 + DisplayWidth.of(SafeText.escaped(state.filter))
            buffer.put(theme.symbol("█", "_"), x: cursorX, y: statusY)
            if !state.filterHintShown, state.filter.isEmpty {
                let space = max(0, room - cursorX - 1)
                buffer.put(SafeText.fitted("  " + FilterExpression.syntaxHint, width: space, ellipsis: theme.ellipsis),
                           x: cursorX + 1, y: statusY, style: theme.style(CellStyle(dim: true)))
            }
        } else if case let .command(text) = state.overlay {
            buffer.put(":" + text, x: 0, y: statusY, style: theme.style(CellStyle(foreground: .yellow, bold: true)), limit: room)
        } else if let message = state.message {
            status(message.text, Palette.messageStyle(message.kind))
        } else if case let .failed(error) = state.progress {
            status("\(error.code): \(error.message) — \(error.hint)", CellStyle(foreground: .red, bold: true))
        } else if case .list = state.screen, !state.filter.isEmpty || !state.marked.isEmpty {
            var parts: [String] = []
            if !state.filter.isEmpty { parts.append("filter: \(state.filter)  (\(state.visible.count) of \(state.rows.count); n/N next, Esc clears)") }
            if !state.marked.isEmpty { parts.append("\(state.marked.count) marked (p grants to all, u clears)") }
            status(parts.joined(separator: "   "), CellStyle(foreground: .yellow))
        }
        let shown = theme.unicode ? hints(state)
            : hints(state).replacingOccurrences(of: "↑↓", with: "Up/Down").replacingOccurrences(of: "…", with: "...")
        buffer.fill(x: 0, y: keysY, width: state.width, height: 1, style: theme.style(CellStyle(reverse: true)))
        buffer.put(" " + shown, x: 0, y: keysY, style: theme.style(CellStyle(reverse: true)), limit: state.width)
    }

    /// The keys of what is on screen: the prompt or box on top, else the screen.
    static func hints(_ state: AppState) -> String {
        if state.mfaPrompt != nil { return "type the code  Enter continue  Esc cancel" }
        if state.editingFilter { return "type to filter  Enter keep  Esc clear  (acm:off ready:!READY tag:k=v …)" }
        switch state.overlay {
        case let .dialog(dialog)?:
            switch dialog.phase {
            case .confirmingRevoke: return "Tab switch  Enter press  Esc back"
            case .saving: return "saving" + state.theme.ellipsis
            case .saved, .failed: return "Enter close"
            case .editing: return "Space tick  Tab next  Enter press (default: Save)  Esc cancel"
            }
        case let .bulk(bulk)?:
            switch bulk.phase {
            case .review: return "Tab switch  Enter press  ↑↓ scroll  Esc cancel"
            case .running: return "saving" + state.theme.ellipsis + "  Esc hide (the changes go on)"
            case .finished: return "↑↓ scroll  r retry failed renewals  Enter close"
            }
        case let .certificates(view)?:
            return view.editingFilter ? "type to filter  Enter keep  Esc clear" : "↑↓ scroll  / filter  Esc close"
        case .help?: return "↑↓ scroll  Esc close"
        case .activity?: return "↑↓ scroll  Esc close"
        case .picker?: return "↑↓ choose  Enter switch  Esc cancel"
        case .command?: return "profile NAME  region NAME  show/hide COLUMN  refresh SECONDS|off  q  Enter run  Esc cancel"
        case .confirmAllowWrites?: return "y allow changes  any other key keeps read-only"
        case .confirmQuitDuringWrite?: return "y quit after the change  any other key stays"
        case let .sharing(dialog)?:
            switch dialog.phase {
            case .editing: return "↑↓ Tab field  Space tick  ←→ share/unshare  Enter next / press  Esc cancel"
            case .saving: return "saving" + state.theme.ellipsis
            case .saved, .failed: return "Enter close"
            }
        case let .issue(dialog)?:
            switch dialog.phase {
            case .editing: return "↑↓ field  Tab complete path  ←→ choose  Enter next / press  Esc cancel"
            case .issuing: return "issuing" + state.theme.ellipsis
            case .issued, .failed: return "Enter close"
            }
        case nil: break
        }
        switch state.screen {
        case .list: return "Enter detail  p permissions  Space mark  / filter  s sort  r reload  F retry renewals  i issue  ? help  q quit"
        case .detail: return "↑↓ scroll  p permissions  a ACM certificates  F retry  i issue  o sharing  r reload  Esc back  ? help"
        }
    }
}

extension String {
    func trimmingTrailingBlanks() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
