import Foundation
import PCAClient

/// `acm-renewal status|enable|disable ARN [--yes]`.
enum RenewalCommand {
    static func run(_ command: [String], session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        guard command.count >= 2, ["status", "enable", "disable"].contains(command[1]) else {
            throw CommandFailure(.usage, "acm-renewal needs status, enable or disable, then a CA ARN")
        }
        guard command.count == 3 else {
            throw CommandFailure(.usage, command.count < 3 ? "acm-renewal \(command[1]) needs a CA ARN"
                                 : "unexpected argument '\(command[3])'")
        }
        let verb = command[1]
        let arn = command[2]
        let client = session.client
        if verb == "status" {
            let state = await client.acmRenewalState(arn: arn)
            if case let .unknown(reason) = state, reason.hasPrefix("ResourceNotFound") || reason.hasPrefix("InvalidArn") {
                throw CommandFailure(.failure, reason)
            }
            if options.output == .json {
                var object: [String: Any] = ["certificateAuthorityArn": arn, "acmRenewal": state.word, "summary": state.description]
                if case let .partial(_, missing) = state { object["acmRenewalMissing"] = missing.map(\.rawValue) }
                output.out(JSONOutput.render(object))
            } else {
                output.out("\(state.word): \(state.description)\n")
            }
            return .success
        }
        let enable = verb == "enable"
        if options.readOnly {
            throw CommandFailure(.failure, "read-only mode: refusing to \(verb) ACM renewal; nothing was changed")
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "acm-renewal \(verb) changes AWS; without a terminal to confirm on, pass --yes")
            }
            let question = enable
                ? "Grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions on \(arn)?"
                : "Revoke ACM's access to \(arn)? ACM will no longer renew the certificates it issued from this CA."
            guard confirm(question) else { throw CommandFailure(.failure, "cancelled; nothing was changed") }
        }
        let change = enable ? try await client.enableACMRenewal(arn: arn) : try await client.disableACMRenewal(arn: arn)
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
