import Foundation
import PCAClient

/// `pca-tui certificates CA`: the ACM certificates the CA issued and ACM renews through it, most urgent first,
/// with their renewal status and reason; and `acm-renewal retry CA`: renew every failed one now.
enum CertificatesCommand {
    static func load(_ arn: String, session: Session, options: GlobalOptions) async throws -> CACertificates {
        let all = try await session.acm.privateCertificates(concurrency: options.concurrency)
        return CACertificates(certificateAuthorityArn: arn, certificates: all.filter { $0.certificateAuthorityArn == arn },
                              now: Date())
    }

    static func run(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let group = try await load(arn, session: session, options: options)
        let now = Date()
        switch options.output ?? .text {
        case .json:
            output.out(JSONOutput.render(["certificateAuthorityArn": arn, "summary": summary(group),
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
                      output: CommandOutput) async throws -> ExitStatus {
        // A retry is a write (ACM starts renewals): the one read-only rule decides first.
        let settings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
        let readOnly = ReadOnlyMode(commandLine: options.readOnly, profileConfig: settings.readOnly)
        if let refusal = WriteRule.refusal(readOnly: readOnly, ownerAccount: nil, callerAccount: nil, status: nil) {
            throw CommandFailure(.refused, "\(refusal.description); refusing to retry renewals, nothing was sent")
        }
        // SearchCertificates finds the failed renewals without describing every certificate; where it is denied
        // the client falls back to describing them all.
        let failed = try await session.acm.failedRenewals(certificateAuthorityArn: arn, concurrency: options.concurrency)
        guard !failed.isEmpty else {
            output.out("No failed renewal among the ACM certificates of this CA; nothing to retry.\n")
            return .success
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal retry asks ACM to renew certificates; without a terminal to confirm on, pass --yes")
            }
            guard confirm("Retry the renewal of \(failed.count) ACM certificates of \(arn) now?") else {
                throw CommandFailure(.refused, "cancelled; nothing was sent")
            }
        }
        let audit = AuditLog(path: AuditLog.defaultPath(environment: environment, demo: options.demo))
        let caller = (try? await session.client.callerIdentity().arn) ?? "unknown"
        var table = TextTable(["CERTIFICATE", "RESULT"])
        var results: [[String: Any]] = []
        var failures = 0
        for certificate in failed {
            let certificateArn = certificate.certificateArn ?? ""
            var entry = AuditLog.Entry(time: AWSTimestamp.iso8601(Date()), caller: caller, profile: session.profileLabel,
                                       region: session.region, certificateAuthorityArn: arn, action: "retry-acm-renewal",
                                       result: "success", requestIds: [])
            entry.certificateArn = certificateArn
            entry.before = certificate.renewalSummary.map { [$0.renewalStatus, $0.renewalStatusReason].compactMap { $0 }.joined(separator: " ") }
            var result: [String: Any] = ["arn": certificateArn, "domainName": certificate.domainName ?? NSNull()]
            do {
                try await session.acm.renewCertificate(arn: certificateArn)
                let after = try await session.acm.describeCertificate(arn: certificateArn)
                let status = [after.renewalSummary?.renewalStatus, after.renewalSummary?.renewalStatusReason].compactMap { $0 }
                    .joined(separator: " ")
                entry.after = status
                if after.renewalSummary?.renewalStatus == "FAILED" {
                    entry.result = "error"
                    failures += 1
                }
                result["renewal"] = status
                table.add([certificate.domainName ?? certificateArn, status])
            } catch {
                failures += 1
                let message = (error as? AWSError).map { "\($0.code.rawValue): \($0.message)" } ?? "\(error)"
                entry.result = "error"
                entry.errorMessage = message
                result["error"] = message
                table.add([certificate.domainName ?? certificateArn, "FAILED: \(message)"])
            }
            audit.append(entry)
            results.append(result)
        }
        if options.output == .json {
            output.out(JSONOutput.render(["certificateAuthorityArn": arn, "results": results, "failed": failures]))
        } else {
            output.out(table.rendered() + "\(failed.count - failures) renewed, \(failures) still failing\n")
        }
        return failures == 0 ? .success : .failure
    }
}
