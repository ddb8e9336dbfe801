import Foundation
import PCAAdmin
import PCAClient
import PCATerminalText

/// The lines of the CA detail screen; the reducer uses their count to bound scrolling.
public enum DetailLines {
    public static func build(_ detail: DetailState, state: AppState) -> [StyledLine] {
        let theme = state.theme
        let label = theme.style(CellStyle(dim: true))
        let heading = theme.style(CellStyle(foreground: .cyan, bold: true, underline: true))
        guard let result = detail.detail else { return [StyledLine("Loading \(detail.arn)…", label)] }
        let loaded: CADetail
        switch result {
        case let .failure(error):
            return [StyledLine("\(error.code): \(error.message)", theme.style(CellStyle(foreground: .red, bold: true))),
                    StyledLine(error.explanation), StyledLine("Hint: \(error.hint)", label)]
        case let .success(value):
            loaded = value
        }
        let authority = loaded.authority
        var lines: [StyledLine] = []
        func section(_ title: String) {
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine(title, heading))
        }
        // Long values (ARNs, CNAMEs) wrap under the value column instead of being cut.
        let valueWidth = max(10, state.width - 2 - 22)
        func field(_ name: String, _ value: String?, _ style: CellStyle = .plain) {
            guard let value, !value.isEmpty else { return }
            // An ARN breaks after a / or :, never inside a token; text with spaces wraps at words.
            let safe = SafeText.escaped(value)
            let pieces = safe.contains(" ") ? TextWrap.wrap(safe, width: valueWidth) : TextWrap.breakWord(safe, width: valueWidth)
            for (index, piece) in pieces.enumerated() {
                let title = index == 0 ? SafeText.fitted(name, width: 20, ellipsis: "") : String(repeating: " ", count: 20)
                lines.append(StyledLine([("  " + title, label), (piece, theme.style(style))]))
            }
        }
        func time(_ date: Date?) -> String? { date.map(AWSTimestamp.iso8601) }

        section("General")
        field("ARN", authority.arn)
        field("Owner account", authority.ownerAccount)
        field("Type", authority.type?.rawValue)
        field("Status", Palette.statusWord(authority.status), Palette.statusStyle(authority.status))
        field("Failure reason", authority.failureReason?.rawValue, CellStyle(foreground: .red))
        field("Created", time(authority.createdAt))
        field("Last state change", time(authority.lastStateChangeAt))
        field("Serial", authority.serial)
        field("Valid from", time(authority.notBefore))
        let expiry = Palette.expiryCell(authority.notAfter, now: state.now)
        field("Valid until", authority.notAfter == nil ? nil : expiry.0, expiry.1)
        field("Key algorithm", authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue)
        field("Signing algorithm", authority.certificateAuthorityConfiguration?.signingAlgorithm?.rawValue)
        field("Key storage", authority.keyStorageSecurityStandard?.rawValue)
        field("Usage mode", authority.usageMode?.rawValue)
        field("Restorable until", time(authority.restorableUntil), CellStyle(foreground: .yellow))

        section("ACM renewal")
        let owner = authority.ownerAccount ?? ""
        let shared = state.header.account.map { !owner.isEmpty && $0 != owner } ?? false
        switch loaded.permissions {
        case _ where shared:
            let (symbol, style) = Palette.notApplicableCell(theme: theme)
            lines.append(StyledLine([("  " + symbol + "  ", theme.style(style)),
                                     ("Account \(owner)'s CA, shared with this account (AWS RAM).", .plain)]))
            for text in TextWrap.wrap("ACM renewal of the certificates this account requested from it goes through the CA's "
                                      + "resource policy in account \(owner) (and ACM's service-linked role here), not through "
                                      + "permissions granted from this account.", width: max(20, state.width - 8)) {
                lines.append(StyledLine("  " + text, label))
            }
        case let .success(permissions):
            let renewal = ACMRenewalState(permissions: permissions)
            let readiness = RenewalReadiness(authority: authority, renewal: renewal, callerAccount: state.header.account,
                                             now: state.now)
            let (symbol, style) = Palette.renewalCell(renewal, theme: theme)
            lines.append(StyledLine([("  " + symbol + "  ", theme.style(style)), (renewal.description, .plain)]))
            lines.append(StyledLine([("  Readiness  ", label), (readiness.description, theme.style(Palette.readinessStyle(readiness)))]))
            if let failure = readiness.acmFailureReason {
                lines.append(StyledLine([("  ACM        ", label), ("renewal failure to expect: \(failure)", .plain)]))
            }
            lines += HistoryLines.grantRemoval(loaded, readiness: readiness, certificates: state.acmCertificates?[detail.arn],
                                               state: state, label: label)
        case let .failure(error):
            lines.append(StyledLine("  Permissions could not be read: \(error.code): \(error.message)",
                                    theme.style(CellStyle(foreground: .red))))
        }

        section("ACM certificates")
        lines += acmLines(detail.arn, state: state, label: label)

        section("CA certificate")
        if let certificate = loaded.caCertificate {
            for (name, value) in CertificateSummary.lines(certificate) { field(name, value) }
        } else {
            lines.append(StyledLine("  " + SafeText.escaped(loaded.caCertificateNote ?? "none yet"), label))
        }

        section("Subject")
        let components = authority.certificateAuthorityConfiguration?.subject?.distinguishedNameComponents ?? []
        if components.isEmpty { lines.append(StyledLine("  (none)", label)) }
        for component in components { field(component.key, component.value) }

        section("Permissions")
        switch loaded.permissions {
        case let .success(permissions):
            if permissions.isEmpty { lines.append(StyledLine("  No permissions on this CA.", label)) }
            for permission in permissions {
                field("Principal", permission.principal ?? "-", CellStyle(bold: true))
                field("Actions", (permission.actions ?? []).map(\.rawValue).joined(separator: ", "))
                field("Source account", permission.sourceAccount)
                field("Created", time(permission.createdAt))
            }
        case let .failure(error):
            lines.append(StyledLine("  \(error.code): \(error.message)", theme.style(CellStyle(foreground: .red))))
        }

        section("Shared with")
        lines += DetailView.sharedWithLines(loaded, label: label)

        if loaded.history != nil {
            section("History")
            lines += HistoryLines.events(loaded, state: state, label: label)
        }

        section("Resource policy")
        switch loaded.policy {
        case _ where shared:
            for text in TextWrap.wrap("Readable only by the owner, account \(owner). For ACM to renew this account's "
                                      + "certificates, that policy must allow this account acm-pca:IssueCertificate, "
                                      + "acm-pca:GetCertificate and acm-pca:ListPermissions on the CA.", width: max(20, state.width - 8)) {
                lines.append(StyledLine("  " + text, label))
            }
        case .success(nil):
            lines.append(StyledLine("  none", label))
        case let .success(policy?):
            for text in prettyJSON(policy) { lines.append(StyledLine("  " + text)) }
        case let .failure(error):
            lines.append(StyledLine("  \(error.code): \(error.message)", theme.style(CellStyle(foreground: .red))))
        }

        section("Tags")
        switch loaded.tags {
        case let .success(tags):
            if tags.isEmpty { lines.append(StyledLine("  none", label)) }
            for tag in tags { lines.append(StyledLine("  \(tag.key) = \(tag.value ?? "")")) }
        case let .failure(error):
            lines.append(StyledLine("  \(error.code): \(error.message)", theme.style(CellStyle(foreground: .red))))
        }

        section("Revocation")
        let crl = authority.revocationConfiguration?.crlConfiguration
        let ocsp = authority.revocationConfiguration?.ocspConfiguration
        field("CRL", crl?.enabled == true ? "enabled" : "disabled")
        field("CRL bucket", crl?.s3BucketName)
        field("CRL CNAME", crl?.customCname)
        field("CRL validity (days)", crl?.expirationInDays.map(String.init))
        field("OCSP", ocsp?.enabled == true ? "enabled" : "disabled")
        field("OCSP CNAME", ocsp?.ocspCustomCname)
        return lines
    }

    /// The certificates ACM issued from the CA and renews through it, most urgent first.
    static func acmLines(_ arn: String, state: AppState, label: CellStyle) -> [StyledLine] {
        let theme = state.theme
        guard let groups = state.acmCertificates else {
            if let error = state.acmError {
                return [StyledLine("  ACM's certificates could not be read: \(error.code): \(error.message)",
                                   theme.style(CellStyle(foreground: .yellow))),
                        StyledLine("  They need acm:ListCertificates and acm:DescribeCertificate; nothing else depends on them.", label)]
            }
            return [StyledLine("  Reading ACM's certificates\(theme.ellipsis)", label)]
        }
        guard let group = groups[arn], group.total > 0 else {
            return [StyledLine("  ACM manages no certificate from this CA.", label)]
        }
        var lines: [StyledLine] = []
        let failed = group.failedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var summary = "\(group.total) certificates, \(group.inUse) in use, \(group.dueWithinWindow) due within 60 days, "
            + "\(group.failed) renewals failed" + (failed.isEmpty ? "" : " (\(failed))")
            + ", \(group.pendingAutoRenewal) pending, \(group.ineligible) not eligible"
        if let next = group.nextRenewal {
            let days = Int((next.timeIntervalSince(state.now) / 86_400).rounded(.down))
            summary += "; next renewal " + (days <= 0 ? "due now" : "\(AWSTimestamp.iso8601(next).prefix(10)) (in \(days)d)")
        }
        for text in TextWrap.wrap(summary, width: max(20, state.width - 6)) {
            lines.append(StyledLine("  " + text, theme.style(CellStyle(bold: true))))
        }
        if group.failed > 0 {
            lines.append(StyledLine("  Granting does not renew them by itself: after p grants, r in the dialog retries them.",
                                    theme.style(CellStyle(foreground: .yellow))))
        }
        let domainWidth = max(12, min(32, state.width / 4))
        for certificate in group.certificates {
            lines.append(CertificatesView.line(certificate, state: state, domainWidth: domainWidth, indent: "  "))
        }
        return lines
    }

    static func prettyJSON(_ text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return text.split(separator: "\n").map(String.init)
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

enum DetailView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ detail: DetailState) {
        let theme = state.theme
        let name = state.rowIndexByARN[detail.arn].map { state.rows[$0].name } ?? detail.arn
        buffer.put(" CA detail: ", x: 0, y: 2, style: theme.style(CellStyle(dim: true)))
        buffer.put(name, x: 12, y: 2, style: theme.style(CellStyle(bold: true)))
        let lines = DetailLines.build(detail, state: state)
        let height = max(1, state.height - 5)
        for (offset, line) in lines.dropFirst(detail.scroll).prefix(height).enumerated() {
            buffer.draw(line, x: 1, y: 3 + offset, width: state.width - 2)
        }
        if lines.count > height {
            let indicator = " \(detail.scroll + 1)-\(min(lines.count, detail.scroll + height)) of \(lines.count) "
            buffer.put(indicator, x: state.width - DisplayWidth.of(indicator), y: 2, style: theme.style(CellStyle(dim: true)))
        }
    }

    /// Who else may use the CA through its resource policy (accounts, organizations, the actions each may use).
    static func sharedWithLines(_ loaded: CADetail, label: CellStyle) -> [StyledLine] {
        guard case let .success(text) = loaded.policy else { return [StyledLine("  the resource policy could not be read", label)] }
        guard let text else { return [StyledLine("  no other account (no resource policy); o configures sharing", label)] }
        guard let policy = try? ResourcePolicy(text: text) else { return [StyledLine("  the policy is not readable as JSON", label)] }
        let summary = PolicySummary(policy)
        guard !summary.grants.isEmpty else { return [StyledLine("  no other account", label)] }
        return summary.lines.map { StyledLine("  " + SafeText.escaped($0)) } + [StyledLine("  o configures sharing", label)]
    }
}
