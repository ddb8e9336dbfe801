import PCAAdmin
import Foundation
import PCATerminalText

/// The CA table.
enum ListView {
    /// Screen row of the first table row: header (2 lines), then the column titles.
    static let firstRowY = 3

    struct Column {
        var column: ListColumn
        var width: Int
    }

    /// Fixed widths; the name takes what is left. Narrow terminals drop columns from the end of `dropOrder`.
    static let fixedWidths: [ListColumn: Int] = [.id: 8, .type: 4, .status: 12, .renewal: 11, .readiness: 9,
                                                 .expiry: 19, .key: 13, .mode: 7, .owner: 12, .signing: 15, .acmCerts: 9,
                                                 .account: 24, .region: 14]
    /// Optional columns first, then mode, key, id, type, the ACM certificate count; expiry goes last.
    static let dropOrder: [ListColumn] = [.signing, .owner, .mode, .key, .id, .type, .region, .acmCerts, .account, .expiry]
    static let minimumNameWidth = 22
    /// How narrow the name may get before the expiry column is given up.
    static let smallestNameWidth = 14

    /// The columns that fit. Columns named with `:show` (`pinned`) are left out only after every other
    /// optional one; the name takes the width that is left.
    static func layout(width totalWidth: Int, unicode: Bool, hidden: Set<ListColumn> = ListColumn.hiddenByDefault,
                       pinned: Set<ListColumn> = []) -> [Column] {
        var shown = ListColumn.allCases.filter { !hidden.contains($0) }
        func needed(_ columns: [ListColumn], name: Int) -> Int {
            2 + name + columns.filter { $0 != .name }.reduce(0) { $0 + columnWidth($1, unicode: unicode) + 1 }
        }
        let order = dropOrder.filter { !pinned.contains($0) && $0 != .expiry } + dropOrder.filter { pinned.contains($0) && $0 != .expiry }
        for column in order where needed(shown, name: minimumNameWidth) > totalWidth {
            shown.removeAll { $0 == column }
        }
        if needed(shown, name: smallestNameWidth) > totalWidth {
            shown.removeAll { $0 == .expiry }
        }
        let nameWidth = max(4, totalWidth - needed(shown, name: 0))
        return shown.map { Column(column: $0, width: $0 == .name ? nameWidth : columnWidth($0, unicode: unicode)) }
    }

    private static func columnWidth(_ column: ListColumn, unicode: Bool) -> Int {
        // "[+] enabled" is two columns wider than "✓ enabled"; every title keeps room for its sort arrow.
        max((fixedWidths[column] ?? 0) + (column == .renewal && !unicode ? 2 : 0), column.title.count + 1)
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState) {
        drawEstateFailures(&buffer, state)
        let theme = state.theme
        let columns = layout(width: state.width, unicode: theme.unicode, hidden: state.hiddenColumns, pinned: state.pinnedColumns)
        let titleY = firstRowY - 1
        var x = 2
        for column in columns {
            var title = SafeText.fitted(column.column.title, width: column.width - 1, ellipsis: "")
                .trimmingCharacters(in: .whitespaces)
            if state.sort.column == column.column {
                title += state.sort.ascending ? theme.symbol("▲", "^") : theme.symbol("▼", "v")
            }
            buffer.put(SafeText.fitted(title, width: column.width, ellipsis: ""), x: x, y: titleY,
                       style: theme.style(CellStyle(bold: true, underline: true)))
            x += column.width + 1
        }
        if state.rows.isEmpty {
            let text: String
            switch state.progress {
            case .listing, .idle: text = "Loading certificate authorities…"
            case let .failed(error):
                drawFailure(&buffer, state, error, y: titleY + 2)
                return
            default: text = "No private CAs in this account and region. Press R to pick another region."
            }
            buffer.put(text, x: 2, y: titleY + 2, style: theme.style(CellStyle(dim: true)))
            return
        }
        if state.visible.isEmpty {
            buffer.put("No CA matches the filter \"\(state.filter)\". Esc clears it.", x: 2, y: titleY + 2,
                       style: theme.style(CellStyle(dim: true)))
            return
        }
        let height = state.tableHeight
        let end = min(state.visible.count, state.scrollTop + height)
        for position in state.scrollTop..<end {
            let y = titleY + 1 + position - state.scrollTop
            drawRow(&buffer, state, state.rows[state.visible[position]], columns: columns, y: y,
                    selected: position == state.selected)
        }
    }

    /// An estate's accounts and regions that could not be read: one line each under the table, with the
    /// reason and the key that retries them; they never hide the others.
    static func drawEstateFailures(_ buffer: inout ScreenBuffer, _ state: AppState) {
        guard let estate = state.estate, state.estateFailureLineCount > 0 else { return }
        let theme = state.theme
        let failed = estate.failedTargets
        let firstY = firstRowY + state.tableHeight
        for (offset, (target, reason)) in failed.prefix(state.estateFailureLineCount).enumerated() {
            // The key first: a long reason is cut at the end, never the way to retry.
            var text = theme.symbol("✗ ", "X ") + target.words + " (t retries): " + reason
            if offset == state.estateFailureLineCount - 1, failed.count > state.estateFailureLineCount {
                text = "… and \(failed.count - offset) more accounts or regions failed (t retries)"
            }
            buffer.put(SafeText.fitted(text, width: state.width - 2, ellipsis: theme.ellipsis), x: 2,
                       y: firstY + offset, style: theme.style(CellStyle(foreground: .red)))
        }
    }

    /// `1-35 of 200` when the list scrolls; drawn in the status line, not over the column titles.
    static func scrollIndicator(_ state: AppState) -> String? {
        guard case .list = state.screen, state.visible.count > state.tableHeight else { return nil }
        let end = min(state.visible.count, state.scrollTop + state.tableHeight)
        return "\(state.scrollTop + 1)-\(end) of \(state.visible.count)"
    }

    static func drawRow(_ buffer: inout ScreenBuffer, _ state: AppState, _ row: CARecord, columns: [Column], y: Int, selected: Bool) {
        let theme = state.theme
        if selected { buffer.put(theme.marker, x: 0, y: y, style: theme.style(CellStyle(bold: true))) }
        // A marked row carries a mark of its own, not just a colour.
        if state.marked.contains(row.arn) { buffer.put(theme.symbol("●", "*"), x: 1, y: y, style: theme.style(CellStyle(foreground: .cyan, bold: true))) }
        var x = 2
        for column in columns {
            let (text, style) = cell(column.column, row: row, state: state)
            // Names keep their end (`… - Web`), so CAs that differ only there stay apart.
            buffer.put(SafeText.fitted(text, width: column.width, ellipsis: theme.ellipsis, truncateMiddle: column.column == .name),
                       x: x, y: y, style: theme.style(style))
            x += column.width + 1
        }
        if selected {
            // Reverse video plus the marker: the selection never depends on colour alone.
            buffer.restyle(x: 2, y: y, width: state.width - 2) { $0.reverse = true }
        }
    }

    static func cell(_ column: ListColumn, row: CARecord, state: AppState) -> (String, CellStyle) {
        let authority = row.authority
        switch column {
        case .name:
            return (row.name, authority.status == .deleted ? CellStyle(dim: true) : CellStyle(bold: true))
        case .id: return (String((authority.id ?? "-").prefix(8)), CellStyle(dim: true))
        case .type: return (authority.type == .root ? "ROOT" : authority.type == .subordinate ? "SUB" : "-", .plain)
        case .status: return (Palette.statusWord(authority.status, short: true), Palette.statusStyle(authority.status))
        case .renewal:
            if row.isOtherAccount(state.header.account) { return Palette.notApplicableCell(theme: state.theme) }
            return Palette.renewalCell(row.renewal, theme: state.theme)
        case .readiness:
            let readiness = row.readiness(callerAccount: state.header.account, now: state.now)
            // READY with renewals that already failed still needs a retry: say so beside the verdict.
            if readiness == .ready, let failed = state.acmCertificates?[row.arn]?.failed, failed > 0 {
                return ("READY " + state.theme.symbol("✗", "x") + "\(failed)", CellStyle(foreground: .yellow, bold: true))
            }
            return (readiness?.word ?? "…", Palette.readinessStyle(readiness))
        case .expiry: return Palette.expiryCell(authority.notAfter, now: state.now)
        case .key: return (authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "-", .plain)
        case .mode:
            return (authority.usageMode == .shortLivedCertificate ? "SHORT" : authority.usageMode == nil ? "-" : "GENERAL", .plain)
        case .owner:
            let owner = authority.ownerAccount ?? "-"
            // Another account's CA stands out: its renewal goes through its resource policy.
            return (owner, owner != "-" && state.header.account.map { $0 != owner } == true ? CellStyle(bold: true) : CellStyle(dim: true))
        case .signing: return (authority.certificateAuthorityConfiguration?.signingAlgorithm?.rawValue ?? "-", .plain)
        case .acmCerts: return acmCell(row, state: state)
        case .account:
            let account = row.account ?? "-"
            let label = row.accountLabel.map { $0 == account ? "" : " \($0)" } ?? ""
            return (account + label, .plain)
        case .region: return (row.region ?? "-", .plain)
        }
    }

    /// `14 ✗3`: ACM's certificates of the CA, failed renewals marked; `?` when ACM could not be read.
    static func acmCell(_ row: CARecord, state: AppState) -> (String, CellStyle) {
        guard let groups = state.acmCertificates else {
            return state.acmError == nil ? (state.theme.symbol("…", "."), CellStyle(dim: true)) : ("?", CellStyle(dim: true))
        }
        guard let group = groups[row.arn] else { return ("0", CellStyle(dim: true)) }
        return (group.cell(failedMark: state.theme.symbol("✗", "x")),
                group.failed > 0 ? CellStyle(foreground: .red, bold: true) : .plain)
    }

    /// Why the list is empty after a failed load: the AWS error, what it means and what to do.
    static func drawFailure(_ buffer: inout ScreenBuffer, _ state: AppState, _ error: ErrorExplanation, y: Int) {
        let theme = state.theme
        let width = max(1, state.width - 4)
        var lines: [(String, CellStyle)] = [("The list could not be loaded. Press r to try again.", CellStyle(bold: true)), ("", .plain)]
        lines += TextWrap.wrap("\(error.code): \(SafeText.escaped(error.message))", width: width)
            .map { ($0, CellStyle(foreground: .red)) }
        lines += TextWrap.wrap(error.explanation, width: width).map { ($0, .plain) }
        lines += TextWrap.wrap(error.hint, width: width).map { ($0, CellStyle(dim: true)) }
        let room = max(0, state.height - 2 - y)
        for (offset, line) in lines.prefix(room).enumerated() {
            buffer.put(line.0, x: 2, y: y + offset, style: theme.style(line.1), limit: width)
        }
    }
}
