import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// Boxes drawn over the current screen: the dialog, help, the activity log, pickers, confirmations.
enum OverlayView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ overlay: Overlay) {
        switch overlay {
        case let .dialog(dialog): DialogView.draw(&buffer, state, dialog)
        case let .bulk(bulk): BulkView.draw(&buffer, state, bulk)
        case let .issue(dialog): IssueView.draw(&buffer, state, dialog)
        case let .sharing(dialog): SharingView.draw(&buffer, state, dialog)
        case let .certificates(view): CertificatesView.draw(&buffer, state, view)
        case let .help(scroll): HelpView.draw(&buffer, state, scroll: scroll)
        case let .activity(scroll): ActivityView.draw(&buffer, state, scroll: scroll)
        case let .picker(picker): drawPicker(&buffer, state, picker)
        case .command: break
        case .confirmAllowWrites:
            let lines = [StyledLine("Allow changes for profile \(state.header.profile)?", CellStyle(bold: true)),
                         StyledLine(""),
                         StyledLine("Saving in the permissions dialog will then change AWS."),
                         StyledLine("Press y to allow changes; any other key keeps read-only on.")]
            box(&buffer, state, title: "Turn read-only off", lines: lines, width: 64)
        case .confirmQuitDuringWrite:
            let lines = [StyledLine("A change is being written to AWS.", CellStyle(bold: true)),
                         StyledLine(""),
                         StyledLine("Quitting now could leave it half done. pca-tui can finish it,"),
                         StyledLine("journal it, and then quit; no further change starts."),
                         StyledLine("Press y to quit after it; any other key keeps pca-tui open.")]
            box(&buffer, state, title: "Quit during a change?", lines: lines, width: 68)
        }
    }

    static func drawMFAPrompt(_ buffer: inout ScreenBuffer, _ state: AppState, _ prompt: MFAPromptState) {
        let field = prompt.code + state.theme.symbol("▏", "_")
        let lines = [StyledLine("Profile \(state.header.profile) needs a code from your MFA device.", CellStyle(bold: true)),
                     StyledLine(""),
                     StyledLine("Device  \(SafeText.escaped(prompt.serial))"),
                     StyledLine("Code    \(field)", state.theme.style(CellStyle(foreground: .yellow, bold: true))),
                     StyledLine(""),
                     StyledLine("Enter to continue, Esc to cancel (the calls that need it then fail).")]
        box(&buffer, state, title: "MFA code", lines: lines, width: 76)
    }

    /// A bordered box centred on screen with `lines` inside; returns its frame (x, y, width, height).
    @discardableResult
    static func box(_ buffer: inout ScreenBuffer, _ state: AppState, title: String, lines: [StyledLine], width: Int,
                    height: Int? = nil) -> (x: Int, y: Int, width: Int, height: Int) {
        let theme = state.theme
        let boxWidth = min(width, state.width - 2)
        let boxHeight = min(height ?? (lines.count + 2), state.height - 2)
        let x = (state.width - boxWidth) / 2
        let y = max(1, (state.height - boxHeight) / 2)
        let border = theme.style(CellStyle(foreground: .cyan, bold: true))
        // The rows behind the box are cleared across the whole width, so no column of the list shows beside it.
        buffer.fill(x: 0, y: y, width: state.width, height: boxHeight)
        let horizontal = String(repeating: theme.horizontal, count: max(0, boxWidth - 2))
        buffer.put(theme.symbol("┌", "+") + horizontal + theme.symbol("┐", "+"), x: x, y: y, style: border)
        buffer.put(theme.symbol("└", "+") + horizontal + theme.symbol("┘", "+"), x: x, y: y + boxHeight - 1, style: border)
        for row in (y + 1)..<(y + boxHeight - 1) {
            buffer.put(theme.vertical, x: x, y: row, style: border)
            buffer.put(theme.vertical, x: x + boxWidth - 1, y: row, style: border)
        }
        buffer.put(" \(title) ", x: x + 2, y: y, style: border, limit: boxWidth - 4)
        for (offset, line) in lines.prefix(boxHeight - 2).enumerated() {
            buffer.draw(line, x: x + 2, y: y + 1 + offset, width: boxWidth - 4, ellipsis: theme.ellipsis)
        }
        return (x, y, boxWidth, boxHeight)
    }

    static func drawPicker(_ buffer: inout ScreenBuffer, _ state: AppState, _ picker: PickerState) {
        let visible = max(1, min(picker.items.count, state.height - 8))
        let top = max(0, min(picker.selected - visible / 2, picker.items.count - visible))
        var lines: [StyledLine] = []
        for index in top..<min(picker.items.count, top + visible) {
            let selected = index == picker.selected
            let current = picker.items[index] == (picker.purpose == .profile ? state.header.profile : state.header.region)
            let text = (selected ? state.theme.marker + " " : "  ") + picker.items[index] + (current ? "  (current)" : "")
            lines.append(StyledLine(text, state.theme.style(CellStyle(bold: selected, reverse: selected))))
        }
        lines.append(StyledLine("Enter switches and reloads; Esc cancels", state.theme.style(CellStyle(dim: true))))
        box(&buffer, state, title: picker.purpose == .profile ? "Switch profile" : "Switch region", lines: lines, width: 50)
    }
}

/// The Configure CA permissions dialog, as the console's Actions > Configure CA permissions.
enum DialogView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ dialog: DialogState) {
        let theme = state.theme
        let width = min(84, state.width - 2)
        let inner = width - 4
        let dim = theme.style(CellStyle(dim: true))
        let warn = theme.style(CellStyle(foreground: .yellow, bold: true))
        let bad = theme.style(CellStyle(foreground: .red, bold: true))
        let good = theme.style(CellStyle(foreground: .green, bold: true))
        var lines: [StyledLine] = []
        func wrapped(_ text: String, _ style: CellStyle = .plain, indent: String = "") {
            for line in TextWrap.wrap(text, width: inner - DisplayWidth.of(indent)) {
                lines.append(StyledLine(indent + line, style))
            }
        }
        lines.append(StyledLine([("CA      ", dim), (dialog.name, theme.style(CellStyle(bold: true)))]))
        lines.append(StyledLine([("Status  ", dim), (Palette.statusWord(dialog.status), theme.style(Palette.statusStyle(dialog.status)))]))
        var currentText: String
        switch dialog.current {
        case nil: currentText = "reading permissions…"
        case let current?: currentText = current.description
        }
        var (_, currentStyle) = Palette.renewalCell(dialog.current, theme: theme)
        if let owner = dialog.ownerAccount, let account = state.header.account, owner != account {
            currentText = "N/A: account \(owner)'s CA, shared with this account. ACM renewal for it goes through the "
                + "CA's resource policy in account \(owner)."
            currentStyle = CellStyle(dim: true)
        }
        for (index, piece) in TextWrap.wrap(currentText, width: max(1, inner - 8)).enumerated() {
            lines.append(StyledLine([(index == 0 ? "Now     " : "        ", dim), (piece, theme.style(currentStyle))]))
        }
        lines.append(StyledLine())

        let box = dialog.checked ? "[x]" : "[ ]"
        let focused = dialog.focus == .checkbox && dialog.phase == .editing
        lines.append(StyledLine([(box + " Authorize ACM access to renew certificates requested by this account",
                                  theme.style(CellStyle(bold: true, reverse: focused)))]))
        wrapped("Grants principal acm.amazonaws.com: IssueCertificate, GetCertificate, ListPermissions", dim, indent: "    ")
        if case .partial? = dialog.current {
            wrapped("A partial grant is in place. Saving with the box ticked replaces it with the full grant.", warn)
        }
        if dialog.status == .pendingCertificate {
            wrapped("The CA is PENDING_CERTIFICATE: the grant can be set now, but ACM renews only once the CA is ACTIVE.", warn)
        }
        let headLines = lines
        let commands = CLICommand.forDialog(current: dialog.current, enable: dialog.checked, arn: dialog.arn,
                                            region: state.header.region)
        if dialog.current == nil {
            lines = [StyledLine(), StyledLine("Equivalent AWS CLI command: (reading the permissions…)", dim)]
        } else if commands.isEmpty {
            lines = [StyledLine(), StyledLine("Equivalent AWS CLI command: none, nothing would change", dim)]
        } else {
            lines = [StyledLine(), StyledLine(commands.count == 1 ? "Equivalent AWS CLI command:" : "Equivalent AWS CLI commands:", dim)]
            for command in commands { wrapped(command, .plain, indent: "  ") }
        }
        let commandLines = lines
        lines = [StyledLine()]

        switch dialog.phase {
        case .editing:
            if let reason = Reducer.saveBlockReason(dialog, state: state) {
                wrapped(reason, dialog.current == nil ? dim : warn)
            }
            let blocked = Reducer.saveBlockReason(dialog, state: state) != nil
            var saveStyle = CellStyle(bold: !blocked, reverse: dialog.focus == .save, dim: blocked)
            if blocked && dialog.focus == .save { saveStyle.dim = false }
            lines.append(StyledLine([("[ Save ]", theme.style(saveStyle)), ("  ", .plain),
                                     ("[ Cancel ]", theme.style(CellStyle(reverse: dialog.focus == .cancel)))]))
        case let .confirmingRevoke(focus):
            wrapped("Revoke ACM's access to this CA?", bad)
            // The blast radius, in plain words: what ACM renews from this CA and when the first renewal breaks.
            if let group = state.acmCertificates?[dialog.arn] {
                wrapped(group.blastRadius(now: state.now), bad)
            } else if let error = state.acmError {
                wrapped("ACM's certificates of this CA could not be read (\(error.code)): every certificate ACM issued "
                        + "from it stops renewing.", warn)
            } else if state.acmCertificates != nil {
                wrapped("ACM manages no certificate from this CA: revoking breaks no renewal today.", .plain)
            } else {
                wrapped("ACM's certificates are still loading: what revoking breaks is not known yet. Keep, and wait "
                        + "for the ACM CERTS column, to see it.", warn)
            }
            wrapped("ACM will no longer renew the certificates this CA issued for this account: they expire unless "
                    + "someone reissues each one by hand.", .plain)
            lines.append(StyledLine([("[ Revoke ]", theme.style(CellStyle(foreground: .red, bold: true, reverse: focus == .revoke))),
                                     ("  ", .plain), ("[ Keep ]", theme.style(CellStyle(reverse: focus == .keep))),
                                     ("   Tab switches", dim)]))
        case .saving:
            lines.append(StyledLine("Saving… then reading ListPermissions back to verify.", warn))
        case let .saved(change):
            if let after = change.after {
                lines.append(StyledLine(theme.symbol("✓ ", "OK ") + "Saved and verified with ListPermissions.", good))
                wrapped(change.summary.prefix(1).uppercased() + change.summary.dropFirst() + ".", .plain)
                wrapped("Now: " + after.description, .plain)
            } else {
                lines.append(StyledLine(theme.symbol("? ", "? ") + "Changed, not verified: AWS accepted the change, "
                                        + "but reading it back failed. Reading it again…", warn))
                wrapped(change.summary.prefix(1).uppercased() + change.summary.dropFirst() + ".", .plain)
            }
            retryLines(dialog, state: state).forEach { wrapped($0.0, $0.1) }
            lines.append(StyledLine("Enter closes.", dim))
        case let .failed(error):
            lines.append(StyledLine(theme.symbol("✗ ", "X ") + "Not saved: \(error.code)", bad))
            wrapped(error.explanation, .plain)
            if !error.message.isEmpty { wrapped(error.message, dim, indent: "  ") }
            wrapped("Hint: " + error.hint, warn)
            if let requestID = error.requestID { lines.append(StyledLine("Request id: \(requestID)", dim)) }
            lines.append(StyledLine("Enter closes.", dim))
        }
        OverlayView.box(&buffer, state, title: "Configure CA permissions",
                        lines: fit(head: headLines, optional: commandLines, tail: lines, room: state.height - 4), width: width)
    }

    /// After a grant: the offer to retry the failed renewals, the retry in progress, or its results.
    static func retryLines(_ dialog: DialogState, state: AppState) -> [(String, CellStyle)] {
        let theme = state.theme
        switch dialog.retry {
        case nil:
            guard let failed = Reducer.retryCandidates(state, dialog), !failed.isEmpty else { return [] }
            return [("", .plain), ("\(failed.count) certificates of this CA failed to renew. Granting does not renew them "
                                 + "by itself: press r to retry their renewal now (RenewCertificate).",
                                 theme.style(CellStyle(foreground: .yellow, bold: true)))]
        case let .running(count)?:
            return [("", .plain), ("Retrying the renewal of \(count) certificates\(theme.ellipsis)", theme.style(CellStyle(foreground: .yellow)))]
        case let .finished(results)?:
            var lines: [(String, CellStyle)] = [("", .plain)]
            for result in results {
                switch result.outcome {
                case let .success(summary):
                    let status = [summary?.renewalStatus, summary?.renewalStatusReason].compactMap { $0 }.joined(separator: " ")
                    let ok = summary?.renewalStatus == "SUCCESS"
                    lines.append(((ok ? theme.symbol("✓ ", "[+] ") : theme.symbol("✗ ", "[x] ")) + "\(result.domainName): \(status)",
                                  theme.style(CellStyle(foreground: ok ? .green : .red, bold: !ok))))
                case let .failure(error):
                    lines.append((theme.symbol("✗ ", "[x] ") + "\(result.domainName): \(error.code): \(error.message)",
                                  theme.style(CellStyle(foreground: .red, bold: true))))
                }
            }
            return lines
        }
    }

    /// On a short terminal the command block goes first, then the top lines: the outcome and the buttons at
    /// the bottom always stay visible.
    static func fit(head: [StyledLine], optional: [StyledLine], tail: [StyledLine], room: Int) -> [StyledLine] {
        if head.count + optional.count + tail.count <= room { return head + optional + tail }
        let compactTail = tail.filter { !$0.text.isEmpty }
        let headRoom = max(0, room - compactTail.count)
        return Array(head.prefix(headRoom)) + compactTail.suffix(room)
    }
}

/// Every key binding, from the same table the program uses.
enum HelpView {
    static func lines(_ state: AppState) -> [StyledLine] {
        let theme = state.theme
        var lines: [StyledLine] = []
        for context in KeyContext.allCases {
            lines.append(StyledLine(context.rawValue, theme.style(CellStyle(foreground: .cyan, bold: true))))
            for binding in KeyMap.bindings where binding.context == context {
                let keys = binding.keys.map { theme.unicode ? $0.label : $0.asciiLabel }.joined(separator: " ")
                lines.append(StyledLine([("  " + SafeText.fitted(keys, width: 22, ellipsis: theme.ellipsis), theme.style(CellStyle(bold: true))),
                                         (binding.summary, .plain)]))
            }
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Audit log of every change: \(state.auditLogPath)", theme.style(CellStyle(dim: true))))
        lines.append(StyledLine("Per-profile settings: \(state.configPath)", theme.style(CellStyle(dim: true))))
        return lines
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, scroll: Int) {
        let all = lines(state)
        let height = state.height - 2
        let room = max(1, height - 2)
        let start = max(0, min(scroll, all.count - room))
        OverlayView.box(&buffer, state, title: "Help: keys (Esc closes)", lines: Array(all.dropFirst(start)),
                        width: 80, height: height)
    }
}

/// Recent API calls: time, operation, CA, duration, result, request id. No secret is ever recorded. Below
/// 110 columns a call takes two lines, so the request id is never cut.
enum ActivityView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, scroll: Int) {
        let theme = state.theme
        let inner = state.width - 6
        let wide = inner >= 110
        let resultWidth = wide ? max(12, inner - 8 - 1 - 28 - 1 - 16 - 1 - 5 - 2 - 36 - 1) : max(8, inner - 8 - 1 - 22 - 1 - 12 - 1 - 5 - 2)
        let header = wide
            ? "TIME     OPERATION                    CA               " + "   MS  " + SafeText.fitted("RESULT", width: resultWidth) + " REQUEST ID"
            : "TIME     OPERATION              CA              MS  RESULT"
        var lines = [StyledLine(header, theme.style(CellStyle(bold: true)))]
        if state.activity.isEmpty { lines.append(StyledLine("No API calls yet.", theme.style(CellStyle(dim: true)))) }
        let perRecord = wide ? 1 : 2
        let room = max(1, (state.height - 5) / perRecord)
        let start = max(0, min(scroll, state.activity.count - room))
        for record in state.activity.dropFirst(start).prefix(room) {
            let time = String(AWSTimestamp.iso8601(record.startedAt).dropFirst(11).prefix(8))
            let result = record.errorCode ?? "OK \(record.statusCode ?? 200)"
            let retries = record.attempts > 1 ? " (\(record.attempts) tries)" : ""
            let style = theme.style(record.succeeded ? .plain : CellStyle(foreground: .red))
            let ms = SafeText.fitted(String(Int(record.duration * 1000)), width: 5, ellipsis: "", alignRight: true)
            let ca = caLabel(record.resourceARN, state: state)
            if wide {
                lines.append(StyledLine(SafeText.fitted(time, width: 8, ellipsis: "") + " "
                    + SafeText.fitted(record.operation, width: 28, ellipsis: theme.ellipsis) + " "
                    + SafeText.fitted(ca, width: 16, ellipsis: theme.ellipsis, truncateMiddle: true) + " " + ms + "  "
                    + SafeText.fitted(result + retries, width: resultWidth, ellipsis: theme.ellipsis) + " "
                    + (record.requestID ?? "-"), style))
            } else {
                lines.append(StyledLine(SafeText.fitted(time, width: 8, ellipsis: "") + " "
                    + SafeText.fitted(record.operation, width: 22, ellipsis: theme.ellipsis) + " "
                    + SafeText.fitted(ca, width: 12, ellipsis: theme.ellipsis, truncateMiddle: true) + " " + ms + "  "
                    + SafeText.fitted(result + retries, width: resultWidth, ellipsis: theme.ellipsis), style))
                lines.append(StyledLine("         request id " + (record.requestID ?? "-"), theme.style(CellStyle(dim: true))))
            }
        }
        OverlayView.box(&buffer, state, title: "Activity log (Esc closes)", lines: lines, width: state.width - 2,
                        height: state.height - 2)
    }

    /// The CA a call was about: its name when listed, else its short id; "-" for calls about no CA.
    static func caLabel(_ arn: String?, state: AppState) -> String {
        guard let arn, !arn.isEmpty else { return "-" }
        if let index = state.rowIndexByARN[arn] { return state.rows[index].name }
        return String(arn.split(separator: "/").last?.prefix(8) ?? "-")
    }
}
