import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine
import PCATerminalText

/// `pca-tui history CA`: who changed the CA, from CloudTrail's event history (the last 90 days at most).
struct HistoryCommand: PCACommand {
    static let signature = CommandSignature(
        name: "history", abstract: "who changed the CA: grants, policies, status, issuance (CloudTrail, 90 days)",
        arguments: "CA", options: [OptionDeclaration("days", value: "N", help: "how far back to read (1 to 90, default 90)")],
        discussion: """
            CloudTrail's LookupEvents for the CA's ARN, ACM Private CA's events only: CreatePermission,
            DeletePermission, PutPolicy (what changed against the policy before it), DeletePolicy,
            UpdateCertificateAuthority, RevokeCertificate, IssueCertificate and DeleteCertificateAuthority, newest
            first, with who, from where, and the error code of refused attempts. Needs cloudtrail:LookupEvents;
            CloudTrail answers two lookups a second, so a busy CA takes a few seconds. Text, json or csv.
            """)

    var ca: String
    var days: Int

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
        days = options.days
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let arn = try await context.resolve([ca])[0]
        let session = try context.requiredSession
        guard let cloudTrail = session.cloudTrail else { throw CommandFailure(.failure, "no CloudTrail client for this session") }
        let history = try await CAHistory.load(arn: arn, cloudTrail: cloudTrail, days: days)
        context.output.out(Self.render(history, format: context.options.output ?? .text))
        return .success
    }

    static func render(_ history: CAHistory, format: GlobalOptions.OutputFormat) -> String {
        switch format {
        case .json: return JSONOutput.render(json(history))
        case .csv: return csv(history)
        case .text: return text(history)
        }
    }

    static let csvColumns = ["eventTime", "eventName", "who", "identityType", "sourceIPAddress", "change", "errorCode",
                             "errorMessage", "eventId"]

    static func csv(_ history: CAHistory) -> String {
        var lines = [csvColumns.joined(separator: ",")]
        for event in history.events {
            let fields = [event.time.map(AWSTimestamp.iso8601) ?? "", event.name, event.who, event.identityType ?? "",
                          event.sourceIPAddress ?? "", event.change, event.errorCode ?? "", event.errorMessage ?? "", event.eventID]
            lines.append(fields.map(ReportCommand.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ history: CAHistory) -> String {
        let span = "\(AWSTimestamp.iso8601(history.start)) to \(AWSTimestamp.iso8601(history.end))"
        guard !history.events.isEmpty else { return "No changes to this CA in CloudTrail from \(span).\n" }
        var table = TextTable(["TIME", "WHO", "SOURCE IP", "EVENT", "WHAT CHANGED", "ERROR"])
        for event in history.events {
            table.add([event.time.map(AWSTimestamp.iso8601) ?? "-", event.who, event.sourceIPAddress ?? "-", event.name,
                       event.change, event.errorCode ?? ""])
        }
        var footer = "\n\(history.events.count) events from \(span)"
        if history.truncated { footer += " (more were left unread: narrow --days)" }
        if let removal = history.lastGrantRemoval { footer += "\nLast grant removal: " + SafeText.escaped(grantRemovalWords(removal)) }
        return table.rendered() + footer + "\n"
    }

    /// "jdoe at 2025-01-01T00:00:00Z from 198.51.100.23 (acm.amazonaws.com)", for the report and the detail.
    static func grantRemovalWords(_ event: CAHistoryEvent) -> String {
        "DeletePermission by \(event.who)" + (event.time.map { " at \(AWSTimestamp.iso8601($0))" } ?? "")
            + (event.sourceIPAddress.map { " from \($0)" } ?? "") + (event.principal.map { " (\($0))" } ?? "")
    }

    static func json(_ history: CAHistory) -> [String: Any] {
        [
            "certificateAuthorityArn": history.certificateAuthorityArn,
            "startTime": AWSTimestamp.iso8601(history.start), "endTime": AWSTimestamp.iso8601(history.end),
            "truncated": history.truncated, "events": history.events.map(json),
            "lastGrantRemoval": history.lastGrantRemoval.map(json) ?? NSNull(),
        ]
    }

    static func json(_ event: CAHistoryEvent) -> [String: Any] {
        var object: [String: Any] = [
            "eventId": event.eventID, "eventName": event.name, "eventTime": event.time.map(AWSTimestamp.iso8601) ?? NSNull(),
            "who": event.who, "change": event.change,
        ]
        let optional: [(String, String?)] = [
            ("identityType", event.identityType), ("identityArn", event.identityARN), ("accountId", event.accountID),
            ("sourceIPAddress", event.sourceIPAddress), ("userAgent", event.userAgent), ("errorCode", event.errorCode),
            ("errorMessage", event.errorMessage), ("certificateAuthorityArn", event.certificateAuthorityArn),
            ("principal", event.principal), ("sourceAccount", event.sourceAccount), ("unreadable", event.unreadable),
        ]
        for (key, value) in optional { object[key] = value ?? NSNull() }
        object["actions"] = event.actions
        return object
    }
}
