import Foundation
import PCAClient

/// `pca-tui certificates CA`: the ACM certificates the CA issued and ACM renews through it, most urgent first,
/// with their renewal status and reason; and `acm-renewal retry CA`: renew every failed one now.
enum CertificatesCommand {
    /// The CA's ACM certificates, and the count at which ACM's listing was cut short, if it was.
    static func load(_ arn: String, session: Session, options: GlobalOptions) async throws -> (certificates: CACertificates, truncatedAt: Int?) {
        let all = try await session.acm.privateCertificates(concurrency: options.concurrency)
        return (CACertificates(certificateAuthorityArn: arn, certificates: all.certificates.filter { $0.certificateAuthorityArn == arn },
                               now: Date()), all.truncatedAt)
    }

    static func run(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let (group, truncatedAt) = try await load(arn, session: session, options: options)
        let now = Date()
        switch options.output ?? .text {
        case .json:
            output.out(JSONOutput.render(["certificateAuthorityArn": arn, "summary": summary(group),
                                          "truncated": truncatedAt != nil, "truncatedAt": truncatedAt ?? NSNull(),
                                          "certificates": group.certificates.map { json($0, now: now) }]))
        case .csv:
            var lines = [csvColumns.joined(separator: ",")]
            for certificate in group.certificates {
                lines.append(row(certificate, now: now).map(ReportCommand.csvField).joined(separator: ","))
            }
            output.out(lines.joined(separator: "\n") + "\n")
        case .text:
            var table = TextTable(["DOMAIN", "STATUS", "EXPIRES", "RENEWAL", "ELIGIBLE", "IN USE BY"])
            for certificate in group.certificates {
                let fields = row(certificate, now: now)
                table.add([fields[1], fields[2], fields[4], fields[5], fields[6], fields[7]])
            }
            let failed = group.failedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            output.out((group.certificates.isEmpty ? "ACM manages no certificate from this CA.\n" : table.rendered())
                       + "\n\(group.total) certificates, \(group.inUse) in use, \(group.dueWithinWindow) due within "
                       + "\(CACertificates.renewalWindowDays) days, \(group.failed) renewals failed"
                       + (failed.isEmpty ? "" : " (\(failed))") + ", \(group.pendingAutoRenewal) pending, "
                       + "\(group.ineligible) not eligible\n")
        }
        if let warning = ACMCertificateListing(certificates: [], truncatedAt: truncatedAt).truncationWarning {
            output.err("pca-tui: warning: \(warning)\n")
            return .failure
        }
        return .success
    }

    static let csvColumns = ["arn", "domainName", "status", "notAfter", "expires", "renewal", "eligibility", "inUseBy"]

    /// The fields of one certificate, as the table and the CSV show them.
    static func row(_ certificate: ACMCertificate, now: Date) -> [String] {
        let expires = certificate.notAfter.map { date -> String in
            let days = Int((date.timeIntervalSince(now) / 86_400).rounded(.down))
            return "\(AWSTimestamp.iso8601(date).prefix(10)) (\(days < 0 ? "expired" : "in \(days)d"))"
        } ?? "-"
        let renewal = [certificate.renewalSummary?.renewalStatus, certificate.renewalSummary?.renewalStatusReason]
            .compactMap { $0 }.joined(separator: " ")
        let users = certificate.inUseBy ?? []
        let inUse = users.isEmpty ? "-" : users.count == 1 ? users[0] : "\(users.count): \(users[0]) …"
        return [certificate.certificateArn ?? "", certificate.domainName ?? "-", certificate.status ?? "-",
                certificate.notAfter.map(AWSTimestamp.iso8601) ?? "", expires, renewal.isEmpty ? "-" : renewal,
                certificate.renewalEligibility ?? "-", inUse]
    }

    static func summary(_ group: CACertificates) -> [String: Any] {
        ["total": group.total, "inUse": group.inUse, "dueWithin60Days": group.dueWithinWindow, "failed": group.failed,
         "failedByReason": group.failedByReason, "pendingAutoRenewal": group.pendingAutoRenewal,
         "ineligible": group.ineligible,
         "nextRenewal": group.nextRenewal.map(AWSTimestamp.iso8601) ?? NSNull()]
    }

    static func json(_ certificate: ACMCertificate, now: Date) -> [String: Any] {
        [
            "arn": certificate.certificateArn ?? NSNull(), "domainName": certificate.domainName ?? NSNull(),
            "status": certificate.status ?? NSNull(), "notAfter": certificate.notAfter.map(AWSTimestamp.iso8601) ?? NSNull(),
            "renewalStatus": certificate.renewalSummary?.renewalStatus ?? NSNull(),
            "renewalStatusReason": certificate.renewalSummary?.renewalStatusReason ?? NSNull(),
            "renewalEligibility": certificate.renewalEligibility ?? NSNull(), "inUseBy": certificate.inUseBy ?? [],
        ]
    }

    /// `acm-renewal retry CA`: RenewCertificate for every failed renewal of the CA's certificates, then each
    /// read back; same confirmation rules as enable and disable; one audit line per certificate.
    static func retry(_ arn: String, session: Session, options: GlobalOptions, environment: [String: String],
                      calls: CallRecorder, output: CommandOutput) async throws -> ExitStatus {
        let settings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
        let retrier = RenewalRetrier(session: session,
                                     readOnly: ReadOnlyMode(commandLine: options.readOnly, profileConfig: settings.readOnly),
                                     audit: AuditLog(path: AuditLog.defaultPath(environment: environment, demo: options.demo)),
                                     calls: calls)
        // A retry is a write (ACM starts renewals): the one read-only rule decides first.
        if let refusal = retrier.refusal {
            throw CommandFailure(.refused, "\(refusal.description); refusing to retry renewals, nothing was sent")
        }
        // SearchCertificates finds the failed renewals without describing every certificate; where it is denied
        // the client falls back to describing them all.
        let found = try await session.acm.failedRenewals(certificateAuthorityArn: arn, concurrency: options.concurrency)
        if let warning = found.truncationWarning { output.err("pca-tui: warning: \(warning); retrying those read\n") }
        let failed = found.certificates
        guard !failed.isEmpty else {
            output.out("No failed renewal among the ACM certificates of this CA; nothing to retry.\n")
            return found.truncatedAt == nil ? .success : .failure
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal retry asks ACM to renew certificates; without a terminal to confirm on, pass --yes")
            }
            guard confirm("Retry the renewal of \(failed.count) ACM certificates of \(arn) now?") else {
                throw CommandFailure(.refused, "cancelled; nothing was sent")
            }
        }
        let outcomes = await retrier.retry(caArn: arn, certificateArns: failed.compactMap(\.certificateArn), known: failed,
                                           caller: nil)
        var table = TextTable(["CERTIFICATE", "RESULT"])
        var results: [[String: Any]] = []
        var failures = 0
        for outcome in outcomes {
            var result: [String: Any] = ["arn": outcome.certificateArn, "domainName": outcome.domainName]
            switch outcome.result {
            case let .success(summary):
                let status = summary.map(RenewalRetrier.words) ?? ""
                if !outcome.renewed { failures += 1 }
                result["renewal"] = status
                table.add([outcome.domainName, status])
            case let .failure(error):
                failures += 1
                let message = (error as? AWSError).map { "\($0.code.rawValue): \($0.message)" } ?? "\(error)"
                result["error"] = message
                table.add([outcome.domainName, "FAILED: \(message)"])
            }
            results.append(result)
        }
        if options.output == .json {
            output.out(JSONOutput.render(["certificateAuthorityArn": arn, "results": results, "failed": failures]))
        } else {
            output.out(table.rendered() + "\(outcomes.count - failures) renewed, \(failures) still failing\n")
        }
        return failures == 0 && found.truncatedAt == nil ? .success : .failure
    }
}
