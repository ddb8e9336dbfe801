import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine

/// `pca-tui certificates CA`: the ACM certificates the CA issued and ACM renews through it, most urgent first,
/// with their renewal status and reason.
struct CertificatesCommand: OneCACommand {
    static let signature = CommandSignature(
        name: "certificates", abstract: "the ACM certificates the CA issued, with their renewal status", arguments: "CA",
        options: CommandCatalog.estate,
        discussion: """
            Most urgent first: domain, status, expiry, renewal status and reason (PCA_ACCESS_DENIED when the CA
            lacks the grant), eligibility, what uses it; then the counts. Needs acm:ListCertificates and
            acm:DescribeCertificate. Text, json or csv.
            """)

    var ca: String

    func run(_ context: CommandContext) async throws -> ExitStatus {
        guard let choice = try context.estateChoice() else {
            return try await Self.show(try await context.resolve([ca])[0], session: context.requiredSession,
                                       options: context.options, output: context.output)
        }
        let (arn, target) = try await Self.find(ca, in: await context.estate(choice), concurrency: context.options.concurrency)
        guard let connection = target.connection else { throw CommandFailure(.failure, "no connection to \(target.accountWords)") }
        let all = try await Self.certificates(of: arn, connection: connection, concurrency: context.options.concurrency)
        let group = CACertificates(certificateAuthorityArn: arn, certificates: all.certificates.filter { $0.certificateAuthorityArn == arn },
                                   now: Date())
        return try Self.show(group, truncatedAt: all.truncatedAt, arn: arn, target: target, options: context.options, output: context.output)
    }

    /// The one CA of the estate that `word` names (its ARN, id or the id's first 8 characters), and the
    /// account-region it is in. Account-regions that cannot be read are named when the CA is not found.
    static func find(_ word: String, in estate: Estate, concurrency: Int) async throws -> (String, EstateTarget) {
        var found: [(String, EstateTarget)] = []
        var unread: [String] = []
        for target in estate.targets {
            guard let connection = target.connection else {
                if case let .unavailable(reason) = target.access { unread.append("\(target.accountWords) \(target.region): \(reason)") }
                continue
            }
            do {
                for authority in try await InventoryLoader(connection: connection, concurrency: concurrency).authorities() {
                    let arn = authority.arn ?? ""
                    let id = authority.id ?? ""
                    if arn == word || id == word || (word.count >= 8 && id.hasPrefix(word)) { found.append((arn, target)) }
                }
            } catch {
                unread.append("\(target.accountWords) \(target.region): \(ErrorWords.short(error))")
            }
        }
        // A CA shared with other accounts is listed there too: the owner's listing is the one to read.
        var seen = Set<String>()
        let owners = found.filter { arn, target in target.account.map { arn.contains(":\($0):") } ?? false }
        let unique = (owners + found).filter { seen.insert($0.0).inserted }
        guard unique.count <= 1 else {
            throw CommandFailure(.usage, "'\(word)' names \(unique.count) CAs in the estate: "
                                 + unique.map(\.0).joined(separator: ", ") + "; give the ARN")
        }
        guard let only = unique.first else {
            throw CommandFailure(.failure, "no CA '\(word)' in the estate's \(estate.targets.count) account-regions"
                                 + (unread.isEmpty ? "" : "; not read: " + unread.joined(separator: "; ")))
        }
        return only
    }

    static func show(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        try await run(arn, session: session, options: options, output: output)
    }

    /// The CA's ACM certificates, and the count at which ACM's listing was cut short, if it was.
    static func load(_ arn: String, session: Session, options: GlobalOptions) async throws -> (certificates: CACertificates, truncatedAt: Int?) {
        let all = try await certificates(of: arn, connection: session.connection, concurrency: options.concurrency)
        return (CACertificates(certificateAuthorityArn: arn, certificates: all.certificates.filter { $0.certificateAuthorityArn == arn },
                               now: Date()), all.truncatedAt)
    }

    /// ACM's certificates, those of the CA `arn` (and the failed renewals) described in full, so that what uses
    /// each one and why a renewal failed are shown; the rest as SearchCertificates gives them (see
    /// `ACMCertificateReader`). The CAs the caller can list say who issued what; if they cannot be listed, every
    /// certificate is described.
    static func certificates(of arn: String, connection: AccountConnection, concurrency: Int) async throws -> ACMCertificateListing {
        try await ACMCertificateReader(acm: connection.acm, concurrency: concurrency).read(listingIssuersWith: connection) { certificate in
            certificate.certificateAuthorityArn == arn || FailedRenewal.isFailed(certificate)
        }
    }

    static func run(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let (group, truncatedAt) = try await load(arn, session: session, options: options)
        return try show(group, truncatedAt: truncatedAt, arn: arn, target: nil, options: options, output: output)
    }

    /// With `target` (an estate's), the JSON names the account and region too.
    static func show(_ group: CACertificates, truncatedAt: Int?, arn: String, target: EstateTarget?, options: GlobalOptions,
                     output: CommandOutput) throws -> ExitStatus {
        let now = Date()
        switch options.output ?? .text {
        case .json:
            var document: [String: Any] = ["certificateAuthorityArn": arn, "summary": summary(group),
                                           "truncated": truncatedAt != nil, "truncatedAt": truncatedAt ?? NSNull(),
                                           "certificates": group.certificates.map { json($0, now: now) }]
            if let target {
                document["account"] = target.account ?? NSNull()
                document["accountName"] = target.label
                document["region"] = target.region
            }
            output.out(JSONOutput.render(document))
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
        let expires = ExpiryText.words(certificate.notAfter, now: now)
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
}
