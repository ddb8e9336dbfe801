import Foundation
import PCAClient
import PCATerminalUI

/// `acm-renewal status CA`, `acm-renewal enable|disable CA... [--yes]` and
/// `acm-renewal enable --all-off [--filter EXPR] [--dry-run] [--yes]`. A CA is its ARN, its id or the id's
/// first 8 characters.
enum RenewalCommand {
    static let usage = "usage: pca-tui acm-renewal status CA | enable|disable CA... | enable --all-off [--filter EXPR] [--dry-run] [--yes] | retry CA [--yes]"

    /// Argument mistakes, found before any credential lookup.
    static func checkArguments(_ command: [String], options: GlobalOptions) throws {
        guard command.count >= 2, ["status", "enable", "disable", "retry"].contains(command[1]) else {
            throw CommandFailure(.usage, usage)
        }
        let targets = command.count - 2
        switch command[1] {
        case "status", "retry":
            guard targets == 1 else { throw CommandFailure(.usage, targets == 0 ? "acm-renewal \(command[1]) needs a CA" : usage) }
        case "enable" where options.allOff:
            guard targets == 0 else { throw CommandFailure(.usage, "enable --all-off takes no CA; narrow it with --filter EXPR") }
        default:
            guard targets >= 1 else { throw CommandFailure(.usage, "acm-renewal \(command[1]) needs a CA (or, for enable, --all-off)") }
            if options.allOff { throw CommandFailure(.usage, "--all-off goes with enable only; disable takes an explicit list of CAs") }
        }
        if options.filter != nil, !options.allOff { throw CommandFailure(.usage, "--filter goes with enable --all-off") }
        if let filter = options.filter, let unknown = FilterExpression(filter).unknownFields.first {
            let fields = FilterExpression.Field.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(.usage, "no filter field '\(unknown)'; fields: \(fields)")
        }
    }

    static func run(_ command: [String], session: Session, options: GlobalOptions, environment: [String: String],
                    calls: CallRecorder, output: CommandOutput) async throws -> ExitStatus {
        try checkArguments(command, options: options)
        let verb = command[1]
        let client = session.client
        if verb == "status" {
            return try await status(arn: try await CAResolver.resolve(command[2], client: client), client: client,
                                    options: options, output: output)
        }
        if verb == "retry" {
            return try await CertificatesCommand.retry(try await CAResolver.resolve(command[2], client: client), session: session,
                                                       options: options, environment: environment, calls: calls, output: output)
        }
        let enable = verb == "enable"
        let settings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
        let readOnly = ReadOnlyMode(commandLine: options.readOnly, profileConfig: settings.readOnly)
        // The rule is asked before the confirmation too, so nobody is asked to confirm a change that is refused.
        if let refusal = WriteRule.refusal(readOnly: readOnly, ownerAccount: nil, callerAccount: nil, status: nil) {
            throw CommandFailure(.refused, "\(refusal.description); refusing to \(verb) ACM renewal, nothing was changed")
        }
        let writer = RenewalWriter(session: session, readOnly: readOnly,
                                   audit: AuditLog(path: AuditLog.defaultPath(environment: environment, demo: options.demo)),
                                   calls: calls)
        if options.allOff {
            return try await BulkRenewal.run(session: session, writer: writer, options: options, output: output)
        }
        let arns = try await CAResolver.resolve(Array(command.dropFirst(2)), client: client)
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal \(verb) changes AWS; without a terminal to confirm on, pass --yes")
            }
            let subject = arns.count == 1 ? arns[0] : "\(arns.count) CAs"
            let question = enable
                ? "Grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions on \(subject)?"
                : "Revoke ACM's access to \(subject)? ACM will no longer renew the certificates it issued from "
                    + (arns.count == 1 ? "this CA." : "these CAs.")
            guard confirm(question) else { throw CommandFailure(.refused, "cancelled; nothing was changed") }
        }
        if arns.count == 1 {
            return try await single(arns[0], enable: enable, verb: verb, writer: writer, options: options, output: output)
        }
        var outcomes: [(arn: String, outcome: RenewalWriter.Outcome)] = []
        for arn in arns {
            // One CA's failure never stops the others.
            outcomes.append((arn, await writer.write(arn: arn, enable: enable, caller: nil)))
        }
        return BulkRenewal.report(outcomes, options: options, output: output)
    }

    private static func single(_ arn: String, enable: Bool, verb: String, writer: RenewalWriter, options: GlobalOptions,
                               output: CommandOutput) async throws -> ExitStatus {
        switch await writer.write(arn: arn, enable: enable, caller: nil) {
        case let .refused(refusal):
            throw CommandFailure(.refused, "\(refusal.description) Refusing to \(verb) ACM renewal; nothing was changed.")
        case let .failed(error as ACMRenewalHalfChangeError):
            throw CommandFailure(.failure, error.description)
        case let .failed(error):
            throw error
        case let .changed(change):
            if options.output == .json {
                output.out(JSONOutput.render(["certificateAuthorityArn": arn, "action": change.action.rawValue,
                                              "before": change.before.word, "after": change.after.word,
                                              "verified": true, "summary": change.summary]))
            } else {
                output.out("\(change.summary)\nVerified with ListPermissions: \(change.after.description)\n")
            }
            return .success
        }
    }

    /// The state; exit 1 when the permissions cannot be read, with the reason (JSON: still one document).
    private static func status(arn: String, client: PCAClient, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let state = await client.acmRenewalState(arn: arn)
        var object: [String: Any] = ["certificateAuthorityArn": arn, "acmRenewal": state.word, "summary": state.description]
        if case let .partial(_, missing) = state { object["acmRenewalMissing"] = missing.map(\.rawValue) }
        guard case let .unknown(reason) = state else {
            output.out(options.output == .json ? JSONOutput.render(object) : "\(state.word): \(state.description)\n")
            return .success
        }
        if options.output == .json {
            object["error"] = reason
            output.out(JSONOutput.render(object))
            output.err("pca-tui: cannot read the permissions: \(reason)\n")
            return .failure
        }
        throw CommandFailure(.failure, "cannot read the permissions: \(reason)")
    }
}
