import Foundation
import PCAClient

/// `acm-renewal status|enable|disable ARN [--yes]`.
enum RenewalCommand {
    static func run(_ command: [String], session: Session, options: GlobalOptions, environment: [String: String],
                    calls: CallRecorder, output: CommandOutput) async throws -> ExitStatus {
        guard command.count >= 2, ["status", "enable", "disable"].contains(command[1]) else {
            throw CommandFailure(.usage, "acm-renewal needs status, enable or disable, then a CA ARN")
        }
        guard command.count == 3 else {
            throw CommandFailure(.usage, command.count < 3 ? "acm-renewal \(command[1]) needs a CA ARN"
                                 : "unexpected argument '\(command[3])'")
        }
        let verb = command[1]
        let arn = command[2]
        if verb == "status" {
            return try await status(arn: arn, client: session.client, options: options, output: output)
        }
        let enable = verb == "enable"
        let settings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
        for warning in settings.warnings {
            output.err("pca-tui: warning: \(ProfileSettings.path(environment: environment)): \(warning)\n")
        }
        let readOnly = ReadOnlyMode(commandLine: options.readOnly, profileConfig: settings.readOnly)
        // The rule is asked before the confirmation too, so nobody is asked to confirm a change that is refused.
        if let refusal = WriteRule.refusal(readOnly: readOnly, ownerAccount: nil, callerAccount: nil, status: nil) {
            throw CommandFailure(.refused, "\(refusal.description); refusing to \(verb) ACM renewal, nothing was changed")
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal \(verb) changes AWS; without a terminal to confirm on, pass --yes")
            }
            let question = enable
                ? "Grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions on \(arn)?"
                : "Revoke ACM's access to \(arn)? ACM will no longer renew the certificates it issued from this CA."
            guard confirm(question) else { throw CommandFailure(.refused, "cancelled; nothing was changed") }
        }
        let writer = RenewalWriter(session: session, readOnly: readOnly,
                                   audit: AuditLog(path: AuditLog.defaultPath(environment: environment, demo: options.demo)),
                                   calls: calls)
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
