import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// The detail's History section (who changed the CA, from CloudTrail) and the line that names the last grant
/// removal where ACM renewal is OFF, PARTIAL or failing with PCA_ACCESS_DENIED.
enum HistoryLines {
    /// Events shown in the detail; `pca-tui history CA` shows them all.
    static let shown = 12

    static func events(_ loaded: CADetail, state: AppState, label: CellStyle) -> [StyledLine] {
        let theme = state.theme
        switch loaded.history {
        case nil:
            return []
        case let .failure(error):
            return [StyledLine("  " + SafeText.escaped(quietNote(error)), label)]
        case let .success(history):
            guard !history.events.isEmpty else {
                return [StyledLine("  No changes in CloudTrail's last \(days(history)) days.", label)]
            }
            var lines: [StyledLine] = []
            let width = max(20, state.width - 10)
            for event in history.events.prefix(shown) {
                let when = event.time.map { String(AWSTimestamp.iso8601($0).prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "-"
                var head: [(String, CellStyle)] = [("  " + when + "  ", label), (SafeText.escaped(event.who), theme.style(CellStyle(bold: true))),
                                                   ("  " + event.name, .plain)]
                if let code = event.errorCode {
                    head.append(("  refused: " + SafeText.escaped(code), theme.style(CellStyle(foreground: .red))))
                }
                if let ip = event.sourceIPAddress { head.append(("  from " + SafeText.escaped(ip), label)) }
                lines.append(StyledLine(head))
                for text in TextWrap.wrap(SafeText.escaped(event.change), width: width) {
                    lines.append(StyledLine("      " + text))
                }
            }
            let more = history.events.count - shown
            if more > 0 || history.truncated {
                lines.append(StyledLine("  \(max(more, 0)) more\(history.truncated ? " (and older ones unread)" : ""): "
                                        + "pca-tui history \(shortID(history.certificateAuthorityArn)) shows them all", label))
            }
            return lines
        }
    }

    static func grantRemoval(_ loaded: CADetail, readiness: RenewalReadiness, certificates: CACertificates?, state: AppState,
                             label: CellStyle) -> [StyledLine] {
        guard CAHistory.grantRemovalMatters(readiness: readiness, certificates: certificates),
              case let .success(history)? = loaded.history, let removal = history.lastGrantRemoval else { return [] }
        let words = "DeletePermission by \(removal.who)" + (removal.time.map { " at \(AWSTimestamp.iso8601($0))" } ?? "")
            + (removal.sourceIPAddress.map { " from \($0)" } ?? "")
        return [StyledLine([("  Removed    ", label),
                            (SafeText.escaped(words), state.theme.style(CellStyle(foreground: .yellow)))])]
    }

    /// CloudTrail refused (no cloudtrail:LookupEvents) is one quiet line; other failures say what happened.
    static func quietNote(_ error: ErrorExplanation) -> String {
        error.code.hasPrefix("AccessDenied") ? "CloudTrail not readable (needs cloudtrail:LookupEvents)"
            : "CloudTrail could not be read: \(error.code): \(error.message)"
    }

    static func days(_ history: CAHistory) -> Int {
        Int((history.end.timeIntervalSince(history.start) / 86_400).rounded())
    }

    static func shortID(_ arn: String) -> String {
        String((arn.split(separator: "/").last ?? "").prefix(8))
    }
}
