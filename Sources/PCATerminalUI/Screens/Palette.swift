import Foundation
import PCAAdmin
import PCAClient

/// The words, symbols and colours of states, so each is readable without colour too.
enum Palette {
    /// The console's word for the status; `short` fits the list's 12 columns (`Pending cert`).
    static func statusWord(_ status: CAStatus?, short: Bool = false) -> String {
        switch status {
        case .pendingCertificate? where short: return "Pending cert"
        case let status?: return status.consoleWord
        case nil: return "-"
        }
    }

    static func statusStyle(_ status: CAStatus?) -> CellStyle {
        switch status {
        case .active?: return CellStyle(foreground: .green)
        case .pendingCertificate?, .creating?: return CellStyle(foreground: .yellow)
        case .disabled?: return CellStyle(foreground: .magenta)
        case .expired?, .failed?: return CellStyle(foreground: .red, bold: true)
        case .deleted?: return CellStyle(dim: true)
        default: return .plain
        }
    }

    static func renewalCell(_ renewal: ACMRenewalState?, theme: Theme) -> (String, CellStyle) {
        switch renewal {
        case nil: return (theme.symbol("… loading", ". loading"), CellStyle(dim: true))
        case .enabled?: return (theme.symbol("✓ enabled", "[+] enabled"), CellStyle(foreground: .green, bold: true))
        case .partial?: return (theme.symbol("◐ partial", "[~] partial"), CellStyle(foreground: .yellow, bold: true))
        case .disabled?: return (theme.symbol("✗ off", "[x] off"), CellStyle(foreground: .red))
        case .unknown?: return (theme.symbol("? unknown", "[?] unknown"), CellStyle(dim: true))
        }
    }

    /// Another account's CA: its grant is not this account's to read or change.
    static func notApplicableCell(theme: Theme) -> (String, CellStyle) {
        (theme.symbol("– n/a", "[-] n/a"), CellStyle(dim: true))
    }

    static func readinessStyle(_ readiness: RenewalReadiness?) -> CellStyle {
        switch readiness {
        case .ready?: return CellStyle(foreground: .green, bold: true)
        case .partial?: return CellStyle(foreground: .yellow, bold: true)
        case .off?: return CellStyle(foreground: .red)
        case .blocked?: return CellStyle(foreground: .magenta)
        default: return CellStyle(dim: true)
        }
    }

    /// `2026-12-22 in 22d`, highlighted under 30 days and red once past.
    static func expiryCell(_ notAfter: Date?, now: Date) -> (String, CellStyle) {
        let text = ExpiryText.words(notAfter, now: now)
        guard let notAfter else { return (text, CellStyle(dim: true)) }
        if notAfter <= now { return (text, CellStyle(foreground: .red, bold: true)) }
        if ExpiryText.wholeDays(until: notAfter, now: now) < ExpiryText.soonDays {
            return (text, CellStyle(foreground: .yellow, bold: true, underline: true))
        }
        return (text, .plain)
    }

    static func messageStyle(_ kind: StatusMessage.Kind) -> CellStyle {
        switch kind {
        case .info: return CellStyle(foreground: .cyan)
        case .success: return CellStyle(foreground: .green, bold: true)
        case .warning: return CellStyle(foreground: .yellow, bold: true)
        case .error: return CellStyle(foreground: .red, bold: true)
        }
    }
}
