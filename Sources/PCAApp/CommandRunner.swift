import Foundation
import PCAAdmin
import PCAAdmin
import PCAClient
import PCACommandLine

/// Parses the command line and runs a scriptable command. The interactive UI is started by the
/// executable itself when no command is given.
public enum CommandRunner {
    /// Splits arguments into options and the command's words. Each command accepts only the options it
    /// declares (and the shared ones): another is a usage error that names the command's options.
    public static func parse(_ arguments: [String]) throws -> (options: GlobalOptions, command: [String], help: Bool, version: Bool) {
        let loose = try ArgumentParser.parse(arguments, spec: CommandSignature(name: "", abstract: "", options: CommandCatalog.allOptions)
            .spec(shared: []))
        let words = loose.positionals
        // No command (the UI), or one that does not exist (run reports it as a usage error).
        guard let (command, _) = try? CommandCatalog.command(for: words) else {
            let parsed = try ArgumentParser.parse(arguments, spec: CommandSignature(name: "", abstract: "",
                options: CommandCatalog.interactive).spec(shared: CommandCatalog.shared))
            return (try GlobalOptions(parsed), parsed.positionals, parsed.has("help"), parsed.has("version"))
        }
        let signature = command.signature
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(arguments, spec: signature.spec(shared: CommandCatalog.shared))
        } catch ArgumentError.unknownOption(let name) {
            let own = signature.options.map { "--\($0.name)" }.joined(separator: ", ")
            throw CommandFailure(.usage, "\(signature.name) takes no option \(name); "
                                 + (own.isEmpty ? "it takes only the shared options" : "its options: \(own), and the shared ones")
                                 + " (pca-tui \(signature.name) --help)")
        }
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

    private static func dispatch(command words: [String], options: GlobalOptions, environment: [String: String],
                                 output: CommandOutput) async throws -> ExitStatus {
        let (type, arguments) = try CommandCatalog.command(for: words)
        if options.output == .csv, !CommandCatalog.csvCommands.contains(type.signature.name) {
            throw CommandFailure(.usage, "\(type.signature.name) writes text or json; CSV comes from "
                                 + CommandCatalog.csvCommands.sorted().joined(separator: ", "))
        }
        // Argument mistakes are reported before any credential lookup.
        let command = try type.init(arguments: arguments, options: options)
        let calls = CallRecorder()
        var session: Session?
        // An estate's commands reach each account themselves; the session's own profile may not even resolve.
        if type.needsSession, try EstateChoice.resolve(options: options, environment: environment) == nil {
            let made = try Session.make(options: options, environment: environment, observer: { calls.append($0) })
            session = made
            // A change an earlier run left interrupted is reported once, with what the CA holds now.
            let journal = Journal(path: Journal.defaultPath(environment: environment, demo: options.demo))
            for report in await JournalRecovery.report(journal, connection: made.connection) {
                output.err("pca-tui: warning: \(report)\n")
            }
        }
        return try await command.run(CommandContext(session: session, options: options, environment: environment,
                                                    calls: calls, output: output))
    }

    /// The exit status, the error code (when there is one) and the message for a failure.
    private static func describe(_ error: Error) -> (ExitStatus, String?, String) {
        switch error {
        case let failure as CommandFailure:
            return (failure.status, nil, failure.message)
        case let error as JournalError:
            return (.failure, nil, error.description)
        case let error as ArgumentError:
            return (.usage, nil, "\(error)")
        case let error as AWSError:
            return (.failure, error.code.rawValue, "\(error.code.rawValue): \(error.message)" + (clockNote(error).map { "\n\($0)" } ?? ""))
        case let error as ClientError:
            if case .invalidConfiguration = error { return (.usage, nil, "\(error)") }
            return (.failure, nil, "\(error)")
        default:
            return (.failure, nil, "\(error)")
        }
    }

    /// For a signature refused because of the request's time, what is wrong: this machine's clock against the
    /// server's, by how much. AWS words a clock ahead as "Signature not yet current: REQUEST is still later
    /// than LIMIT (SERVER + 5 min.)" and one behind as "Signature expired: ... (SERVER - 5 min.)".
    static func clockNote(_ error: AWSError) -> String? {
        guard error.code == .invalidSignature,
              error.message.hasPrefix("Signature not yet current") || error.message.hasPrefix("Signature expired") else { return nil }
        let stamps = error.message.matches(of: #/(\d{8}T\d{6}Z)/#).map { String($0.output.1) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        guard stamps.count >= 3, let local = format.date(from: stamps[0]), let server = format.date(from: stamps[2]) else {
            return "  This machine's clock differs from the server's time by more than 5 minutes: fix the clock "
                + "(timedatectl / chrony), then try again."
        }
        let minutes = Int((abs(local.timeIntervalSince(server)) / 60).rounded())
        let direction = local > server ? "ahead of" : "behind"
        return "  This machine's clock is \(minutes) minutes \(direction) the server's time (local clock \(AWSTimestamp.iso8601(local)), "
            + "server time \(AWSTimestamp.iso8601(server)); AWS allows 5 minutes): fix the clock (timedatectl / chrony), then try again."
    }
}

/// Whether a command has written to standard output yet.
private final class PrintedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
