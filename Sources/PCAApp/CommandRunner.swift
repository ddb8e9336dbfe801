import Foundation
import PCAClient
import PCACommandLine

/// Parses the command line and runs a scriptable command. The interactive UI is started by the
/// executable itself when no command is given.
public enum CommandRunner {
    public static let commands = ["list", "describe", "permissions", "policy", "report", "acm-renewal"]

    /// Splits arguments into global options and the command with its own arguments.
    public static func parse(_ arguments: [String]) throws -> (options: GlobalOptions, command: [String], help: Bool, version: Bool) {
        let parsed = try ArgumentParser.parse(arguments, spec: GlobalOptions.spec)
        return (try GlobalOptions(parsed), parsed.positionals, parsed.has("help"), parsed.has("version"))
    }

    public static func run(command: [String], options: GlobalOptions, environment: [String: String],
                           output: CommandOutput) async -> ExitStatus {
        do {
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
                guard command.count == 3, ["status", "enable", "disable"].contains(command[1]) else {
                    throw CommandFailure(.usage, "usage: pca-tui acm-renewal status|enable|disable ARN [--yes]")
                }
            }
            let arn = name == "list" || name == "acm-renewal" ? nil : try ResourceCommands.arnArgument(command)
            let session = try Session.make(options: options, environment: environment)
            switch name {
            case "describe":
                return try await ResourceCommands.describe(arn ?? "", session: session, options: options, output: output)
            case "permissions":
                return try await ResourceCommands.permissions(arn ?? "", session: session, options: options, output: output)
            case "policy":
                return try await ResourceCommands.policy(arn ?? "", session: session, options: options, output: output)
            case "acm-renewal":
                return try await RenewalCommand.run(command, session: session, options: options, output: output)
            default:
                if command.count > 1 { throw ArgumentError.unexpectedArgument(command[1]) }
                return try await ListCommand.run(session: session, options: options, output: output)
            }
        } catch let failure as CommandFailure {
            output.err("pca-tui: \(failure.message)\n")
            return failure.status
        } catch let error as ArgumentError {
            output.err("pca-tui: \(error)\nRun 'pca-tui --help' for usage.\n")
            return .usage
        } catch let error as AWSError {
            output.err("pca-tui: \(error.code.rawValue): \(error.message)\n")
            return .failure
        } catch let error as ClientError {
            if case .invalidConfiguration = error {
                output.err("pca-tui: \(error)\n")
                return .usage
            }
            output.err("pca-tui: \(error)\n")
            return .failure
        } catch {
            output.err("pca-tui: \(error)\n")
            return .failure
        }
    }
}
