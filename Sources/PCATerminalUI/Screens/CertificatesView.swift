import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// One CA's ACM certificates in a box of their own: the counts, a filter line, and the certificates most
/// urgent first, scrolled apart from the detail.
enum CertificatesView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ view: CertificatesViewState) {
        let theme = state.theme
        let width = min(130, state.width - 2)
        let dim = theme.style(CellStyle(dim: true))
        var lines: [StyledLine] = []
        let group = state.acmCertificates?[view.arn]
        if state.acmCertificates == nil {
            lines.append(StyledLine(state.acmError.map { "ACM's certificates could not be read: \($0.code): \($0.message)" }
                                    ?? "Reading ACM's certificates\(theme.ellipsis)", dim))
        } else if let group {
            lines.append(StyledLine("\(group.total) certificates, \(group.inUse) in use, \(group.dueWithinWindow) due within 60 days, "
                                    + "\(group.failed) renewals failed, \(group.pendingAutoRenewal) pending, \(group.ineligible) not eligible",
                                    theme.style(CellStyle(bold: true))))
        } else {
            lines.append(StyledLine("ACM manages no certificate from this CA.", dim))
        }
        if let warning = state.acmTruncationWarning {
            lines.append(StyledLine(warning, theme.style(CellStyle(foreground: .yellow))))
        }
        let filterText = view.editingFilter ? "/" + view.filter + theme.symbol("█", "_")
            : view.filter.isEmpty ? "/ filters (words AND together: failed, pca_access_denied, in use, …)" : "filter: \(view.filter)"
        lines.append(StyledLine(filterText, theme.style(CellStyle(foreground: .yellow, bold: view.editingFilter))))
        lines.append(StyledLine())
        let shown = view.shown(group, now: state.now)
        let room = max(1, state.height - 10)
        let page = shown.dropFirst(view.scroll).prefix(room)
        for certificate in page {
            lines.append(line(certificate, state: state, domainWidth: 30, indent: ""))
        }
        if shown.count > room {
            lines.append(StyledLine("\(view.scroll + 1)-\(view.scroll + page.count) of \(shown.count)", dim))
        } else if shown.isEmpty, !(group?.certificates.isEmpty ?? true) {
            lines.append(StyledLine("No certificate matches the filter; Esc clears it.", dim))
        }
        OverlayView.box(&buffer, state, title: "ACM certificates: \(view.name)", lines: lines, width: width,
                        height: min(state.height - 2, lines.count + 2))
    }

    /// One certificate as the detail and this box show it: domain, status, expiry, renewal status and reason,
    /// eligibility, what uses it.
    static func line(_ certificate: ACMCertificate, state: AppState, domainWidth: Int, indent: String) -> StyledLine {
        let theme = state.theme
        let dim = theme.style(CellStyle(dim: true))
        let (expiry, expiryStyle) = Palette.expiryCell(certificate.notAfter, now: state.now)
        let renewal = [certificate.renewalSummary?.renewalStatus, certificate.renewalSummary?.renewalStatusReason]
            .compactMap { $0 }.joined(separator: " ")
        let failed = FailedRenewal.isFailed(certificate)
        let users = certificate.inUseBy ?? []
        return StyledLine([
            (indent + SafeText.fitted(certificate.domainName ?? "-", width: domainWidth, ellipsis: theme.ellipsis, truncateMiddle: true) + " ",
             theme.style(CellStyle(bold: true))),
            (SafeText.fitted(certificate.status ?? "-", width: 8, ellipsis: "") + " ", .plain),
            (SafeText.fitted(expiry, width: 20, ellipsis: "") + " ", theme.style(expiryStyle)),
            (SafeText.fitted(renewal.isEmpty ? "-" : renewal, width: 30, ellipsis: theme.ellipsis) + " ",
             theme.style(failed ? CellStyle(foreground: .red, bold: true) : .plain)),
            (SafeText.fitted(certificate.renewalEligibility ?? "-", width: 10, ellipsis: "") + " ", dim),
            (users.isEmpty ? (certificate.isInUse ? "in use" : "not in use")
                : users.count == 1 ? "in use by \(users[0])" : "in use by \(users.count): \(users[0])", dim),
        ])
    }
}
