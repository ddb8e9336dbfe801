import Foundation
import PCAClient
import PCACommandLine

/// Parses the command line and runs a scriptable command. The interactive UI is started by the
/// executable itself when no command is given.
public enum CommandRunner {
    public static let commands = ["list", "describe", "permissions", "policy", "certificates", "report", "acm-renewal"]

    /// Splits arguments into global options and the command with its own arguments.
    public static func parse(_ arguments: [String]) throws -> (options: GlobalOptions, command: [String], help: Bool, version: Bool) {
        let parsed = try ArgumentParser.parse(arguments, spec: GlobalOptions.spec)
        return (try GlobalOptions(parsed), parsed.positionals, parsed.has("help"), parsed.has("version"))
    }

    /// Runs the command. A failure is reported on standard error and, with `--output json` when the command
    /// printed nothing yet, also as one JSON document on standard output (`{"error": {...}, "exitStatus": N}`).
    public static func run(command: [String], options: GlobalOptions, environment: [String: String],
                           output: CommandOutput) async -> ExitStatus {
        for warning in configWarnings(options: options, environment: environment) {
            output.err("pca-tui: warning: \(warning)\n")
        }
        let printed = PrintedFlag()
        var tracked = output
        tracked.out = { text in
            printed.set()
            output.out(text)
        }
        do {
            return try await dispatch(command: command, options: options, environment: environment, output: tracked)
        } catch {
            let (status, code, message) = describe(error)
            output.err(status == .usage && error is ArgumentError
                       ? "pca-tui: \(message)\nRun 'pca-tui --help' for usage.\n" : "pca-tui: \(message)\n")
            if options.output == .json, !printed.isSet {
                var detail: [String: Any] = ["message": message]
                if let code { detail["code"] = code }
                output.out(JSONOutput.render(["error": detail, "exitStatus": Int(status.rawValue)]))
            }
            return status
        }
    }

    /// What every command reads and the user should hear about once, before the command runs: the pca-tui
    /// config's warnings and, unless on the demo, those of the AWS CLI's config and credentials files.
    static func configWarnings(options: GlobalOptions, environment: [String: String]) -> [ConfigWarning] {
        let profileWarnings = ProfileSettings.warnings(environment: environment)
        guard !options.demo else { return profileWarnings }
        return profileWarnings + SharedConfigFiles.load(environment: environment).warnings
    }

    private static func dispatch(command: [String], options: GlobalOptions, environment: [String: String],
                                 output: CommandOutput) async throws -> ExitStatus {
        guard let name = command.first else { throw CommandFailure(.usage, "no command given") }
        guard commands.contains(name) else {
            throw CommandFailure(.usage, "unknown command '\(name)'; commands: \(commands.joined(separator: ", "))")
        }
        if name == "report" {
            if command.count > 1 { throw ArgumentError.unexpectedArgument(command[1]) }
            return try await ReportCommand.run(options: options, environment: environment, output: output)
        }
        if name == "acm-renewal" {
            // Argument mistakes are reported before any credential lookup.
            try RenewalCommand.checkArguments(command, options: options)
        }
        let word = name == "list" || name == "acm-renewal" ? nil : try ResourceCommands.arnArgument(command)
        let calls = CallRecorder()
        let session = try Session.make(options: options, environment: environment, observer: { calls.append($0) })
        var arn = ""
        if let word { arn = try await CAResolver.resolve(word, client: session.client) }
        switch name {
        case "describe":
            return try await ResourceCommands.describe(arn, session: session, options: options, output: output)
        case "permissions":
            return try await ResourceCommands.permissions(arn, session: session, options: options, output: output)
        case "policy":
            return try await ResourceCommands.policy(arn, session: session, options: options, output: output)
        case "certificates":
            return try await CertificatesCommand.run(arn, session: session, options: options, output: output)
        case "acm-renewal":
            return try await RenewalCommand.run(command, session: session, options: options, environment: environment,
                                                calls: calls, output: output)
        default:
            if command.count > 1 { throw ArgumentError.unexpectedArgument(command[1]) }
            return try await ListCommand.run(session: session, options: options, output: output)
        }
    }

    /// The exit status, the error code (when there is one) and the message for a failure.
    private static func describe(_ error: Error) -> (ExitStatus, String?, String) {
        switch error {
        case let failure as CommandFailure:
            return (failure.status, nil, failure.message)
        case let error as ArgumentError:
            return (.usage, nil, "\(error)")
        case let error as AWSError:
            return (.failure, error.code.rawValue, "\(error.code.rawValue): \(error.message)")
        case let error as ClientError:
            if case .invalidConfiguration = error { return (.usage, nil, "\(error)") }
            return (.failure, nil, "\(error)")
        default:
            return (.failure, nil, "\(error)")
        }
    }
}

/// Whether a command has written to standard output yet.
private final class PrintedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
