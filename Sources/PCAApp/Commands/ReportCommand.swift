import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine
import PCATerminalText

/// `report`: every CA of the estate (accounts and regions: profiles, every profile, or an organization) with
/// its readiness and days to expiry, for compliance checks and cron. Exit 3 when any CA is not READY or
/// expires within --warn-days; 1 when an account or region could not be read.
struct ReportCommand: PCACommand {
    static let signature = CommandSignature(
        name: "report", abstract: "every CA across accounts and regions, for compliance checks (exit 3 on findings)",
        options: CommandCatalog.estate + [
                  OptionDeclaration("warn-days", value: "N", help: "days before expiry that count as a finding (default 30)"),
                  .flag("strict", help: "another account's CA (N/A) and a DELETED CA count as findings too"),
                  .flag("no-acm", help: "leave out ACM's certificate counts")],
        discussion: """
            Every CA across the estate's accounts and regions (--profiles, --all-profiles, --organization,
            --regions, --estate NAME) with its readiness, days to expiry and, for a finding, why (no ACM grant,
            partial: ... missing, expires in 12d, not ACTIVE). Exit status 3 when any CA is a finding; 1 when an
            account or region could not be read (the others are still reported, the failure named).
            """)
    static let needsSession = false

    init(arguments: [String], options: GlobalOptions) throws {
        try Self.noArguments(arguments)
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let options = context.options
        let results = await context.loadEstate(try context.estateChoice() ?? EstateChoice(),
                                               parts: ListCommand.parts(withACM: !options.noACM))
        return await Self.show(results, options: options, output: context.output)
    }

    struct Row {
        var profile: String
        var region: String
        var listing: CAListing
        /// The last DeletePermission CloudTrail knows for a CA whose renewal it may explain.
        var lastGrantRemoval: CAHistoryEvent?
    }

    static func show(_ results: [EstateResult], options: GlobalOptions, output: CommandOutput) async -> ExitStatus {
        var rows: [Row] = []
        var notes: [String] = []
        for result in results {
            let listings = result.inventory.map { ListCommand.listings($0, withACM: !options.noACM) } ?? []
            let removals = await grantRemovals(for: listings, target: result.target, notes: &notes)
            rows += listings.map { Row(profile: result.target.label, region: result.target.region, listing: $0,
                                       lastGrantRemoval: removals[$0.authority.arn ?? ""]) }
        }
        let errors = results.filter { $0.failureReason != nil }
        let now = Date()
        let strict = options.strict
        let findings = rows.filter { isFinding($0.listing, warnDays: options.warnDays, now: now, strict: strict) }
        switch options.output ?? .text {
        case .json: output.out(json(rows, errors: errors, findings: findings.count, warnDays: options.warnDays, now: now, strict: strict,
                                    notes: notes))
        case .csv: output.out(csv(rows, warnDays: options.warnDays, now: now, strict: strict))
        case .text: output.out(text(rows, warnDays: options.warnDays, now: now, strict: strict))
        }
        for note in notes {
            output.err("pca-tui: report: note: \(SafeText.escaped(note))\n")
        }
        EstateFailureOutput.report(errors, command: "report", to: output)
        if !errors.isEmpty { return .failure }
        return findings.isEmpty ? .success : .findings
    }

    /// The last grant removal of each CA whose renewal it may explain, from one CloudTrail lookup for the
    /// account and region; none is looked up when no CA needs it. CloudTrail unreadable (no
    /// cloudtrail:LookupEvents) is one note, not an error.
    static func grantRemovals(for listings: [CAListing], target: EstateTarget, notes: inout [String]) async -> [String: CAHistoryEvent] {
        let wanted = Set(listings.filter { CAHistory.grantRemovalMatters(readiness: $0.readiness, certificates: $0.acm) }
            .compactMap(\.authority.arn))
        guard !wanted.isEmpty, case let .connection(connection) = target.access, let cloudTrail = connection.cloudTrail else { return [:] }
        do {
            return try await CAHistory.lastGrantRemovals(cloudTrail: cloudTrail).filter { wanted.contains($0.key) }
        } catch {
            notes.append("\(target.label) \(target.region): " + CAHistory.unreadableNote(error))
            return [:]
        }
    }

    static func isFinding(_ listing: CAListing, warnDays: Int, now: Date, strict: Bool = false) -> Bool {
        findingReason(listing, warnDays: warnDays, now: now, strict: strict) != nil
    }

    /// Why a CA is a finding (`no ACM grant`, `partial: GetCertificate missing`, `expires in 12d`, `not ACTIVE`),
    /// or nil. Another account's CA (N/A) and a DELETED CA in its restore window count only with `--strict`.
    static func findingReason(_ listing: CAListing, warnDays: Int, now: Date, strict: Bool = false) -> String? {
        let base = caFindingReason(listing, warnDays: warnDays, now: now, strict: strict)
        var acmReasons: [String] = []
        if let acm = listing.acm {
            if acm.failed > 0 {
                let reasons = acm.failedByReason.keys.sorted().joined(separator: ", ")
                acmReasons.append("\(acm.failed) ACM \(acm.failed == 1 ? "renewal" : "renewals") failed (\(reasons))")
            }
            // Certificates ACM has not renewed and that expire within --warn-days.
            let soon = acm.certificates.filter { certificate in
                guard certificate.status == "ISSUED", let notAfter = certificate.notAfter else { return false }
                return notAfter.timeIntervalSince(now) < Double(warnDays) * 86_400
            }
            if let first = soon.compactMap(\.notAfter).min() {
                let days = Int((first.timeIntervalSince(now) / 86_400).rounded(.down))
                acmReasons.append("\(soon.count) ACM \(soon.count == 1 ? "certificate expires" : "certificates expire") within \(warnDays)d (first in \(days)d)")
            }
        }
        let all = [base].compactMap { $0 } + acmReasons
        return all.isEmpty ? nil : all.joined(separator: "; ")
    }

    /// The CA's own finding, before its ACM certificates are counted.
    static func caFindingReason(_ listing: CAListing, warnDays: Int, now: Date, strict: Bool) -> String? {
        let days = listing.daysToExpiry(now: now)
        switch listing.readiness {
        case .notApplicable:
            return strict ? "another account's CA (its resource policy decides)" : nil
        case _ where listing.authority.status == .deleted:
            return strict ? "DELETED (restorable)" : nil
        case .off:
            return "no ACM grant"
        case let .partial(missing):
            return "partial: \(missing.map(\.rawValue).joined(separator: ", ")) missing"
        case .unknown:
            return "permissions unreadable"
        case .blocked:
            if let days, days < 0 { return "expired" }
            if listing.authority.status != .active { return "not ACTIVE (\(listing.authority.status?.rawValue ?? "unknown"))" }
            return "expires in \(days ?? 0)d"
        case .ready:
            if let days, days < warnDays { return "expires in \(days)d" }
            return nil
        }
    }

    static func json(_ rows: [Row], errors: [EstateResult], findings: Int, warnDays: Int, now: Date, strict: Bool,
                     notes: [String] = []) -> String {
        let items = rows.map { row -> [String: Any] in
            var object = row.listing.jsonObject(now: now)
            object["profile"] = row.profile
            object["region"] = row.region
            let reason = findingReason(row.listing, warnDays: warnDays, now: now, strict: strict)
            object["finding"] = reason != nil
            object["lastGrantRemoval"] = row.lastGrantRemoval.map(grantRemovalJSON) ?? NSNull()
            object["findingReason"] = reason ?? NSNull()
            return object
        }
        return JSONOutput.render([
            "generatedAt": AWSTimestamp.iso8601(now), "warnDays": warnDays, "findings": findings,
            "certificateAuthorities": items,
            "notes": notes,
            "errors": errors.map { error -> [String: Any] in
                var item = EstateFailureOutput.json(error)
                item["profile"] = error.target.label
                item["message"] = error.failureReason ?? ""
                return item
            },
        ])
    }

    static let csvColumns = ["profile", "region", "account", "arn", "commonName", "type", "status", "acmRenewal",
                             "renewalReadiness", "daysToExpiry", "notAfter", "finding", "findingReason", "lastGrantRemoval"]

    static func csv(_ rows: [Row], warnDays: Int, now: Date, strict: Bool) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for row in rows {
            let authority = row.listing.authority
            let fields = [row.profile, row.region, authority.ownerAccount ?? "", authority.arn ?? "",
                          authority.commonName ?? "", authority.type?.rawValue ?? "", authority.status?.rawValue ?? "",
                          row.listing.renewalWord, row.listing.readiness.word,
                          row.listing.daysToExpiry(now: now).map(String.init) ?? "",
                          authority.notAfter.map(AWSTimestamp.iso8601) ?? "",
                          isFinding(row.listing, warnDays: warnDays, now: now, strict: strict) ? "true" : "false",
                          findingReason(row.listing, warnDays: warnDays, now: now, strict: strict) ?? "",
                          row.lastGrantRemoval.map(HistoryCommand.grantRemovalWords) ?? ""]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
    /// Control characters are escaped first (`SafeText`), so a field never carries an escape sequence.
    static func grantRemovalJSON(_ event: CAHistoryEvent) -> [String: Any] {
        ["who": event.who, "eventTime": event.time.map(AWSTimestamp.iso8601) ?? NSNull(), "eventId": event.eventID,
         "sourceIPAddress": event.sourceIPAddress ?? NSNull(), "principal": event.principal ?? NSNull(),
         "identityArn": event.identityARN ?? NSNull()]
    }

    static func csvField(_ value: String) -> String {
        var text = SafeText.escaped(value)
        if let first = text.first, "=+-@".contains(first), Int(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(_ rows: [Row], warnDays: Int, now: Date, strict: Bool) -> String {
        var table = TextTable(["ACCOUNT", "REGION", "NAME", "STATUS", "ACM RENEWAL", "READINESS", "DAYS LEFT", "FINDING"])
        for row in rows {
            let authority = row.listing.authority
            let account = row.listing.record.account.map { $0 == row.profile ? $0 : "\($0) \(row.profile)" } ?? row.profile
            table.add([account, row.region, authority.commonName ?? "-", authority.status?.consoleWord ?? "-",
                       row.listing.renewalWord, row.listing.readiness.word,
                       row.listing.daysToExpiry(now: now).map(String.init) ?? "-",
                       findingReason(row.listing, warnDays: warnDays, now: now, strict: strict) ?? ""])
        }
        let count = rows.filter { isFinding($0.listing, warnDays: warnDays, now: now, strict: strict) }.count
        let removals = rows.compactMap { row in
            row.lastGrantRemoval.map { "Last grant removal on \(row.listing.authority.commonName ?? row.listing.authority.arn ?? "-"): "
                + HistoryCommand.grantRemovalWords($0) }
        }
        return table.rendered() + removals.map { "\n" + SafeText.escaped($0) }.joined() + "\n\(rows.count) CAs, \(count) findings (not READY, or expiring within \(warnDays) days"
            + (strict ? "; N/A and DELETED included" : "; --strict also counts N/A and DELETED") + ")\n"
    }
}
