import Foundation
import PCAAdmin
import PCAApp
import PCAProcess
import PCATerminal

let environment = ProcessInfo.processInfo.environment
let parsed: (options: GlobalOptions, command: [String], help: Bool, version: Bool)
do {
    parsed = try CommandRunner.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    CommandOutput.standard.err("pca-tui: \(error)\nRun 'pca-tui --help' for usage.\n")
    exit((error as? CommandFailure)?.status.rawValue ?? ExitStatus.usage.rawValue)
}
if parsed.version {
    print("pca-tui \(PCAVersionText.current)")
    exit(0)
}
if parsed.help {
    print(parsed.command.isEmpty ? HelpText.program : HelpText.command(parsed.command) ?? HelpText.program)
    exit(0)
}
if parsed.command.isEmpty {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        FileHandle.standardError.write(Data("pca-tui: the interactive UI needs a terminal; for scripts use a command such as 'pca-tui list'\n".utf8))
        exit(ExitStatus.usage.rawValue)
    }
    let app = InteractiveApp(options: parsed.options, environment: environment)
    exit(app.run { useColor in CursesTerminal(useColor: useColor, mouse: parsed.options.mouse) })
}
// A signal never cuts a change in half: with one in flight, it finishes (or rolls back) and is journaled, no
// further change starts, and the exit status is then the signal's; a second signal within 2 seconds forces the
// exit and says what is unknown. A command ended by a signal takes its children (a credential_process) with it.
let journalPath = Journal.defaultPath(environment: environment, demo: parsed.options.demo)
let signalSources = [SIGTERM, SIGINT, SIGHUP].map { number -> DispatchSourceSignal in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
        switch WriteInterlock.shared.signalArrived(number) {
        case .exitNow:
            ChildProcess.killAllRunning()
            exit(128 + number)
        case let .finishFirst(pending):
            CommandOutput.standard.err("pca-tui: finishing \(pending.joined(separator: "; ")) before exiting "
                                       + "(again within 2 s forces the exit)\n")
        case let .forceExit(pending):
            CommandOutput.standard.err(WriteInterlock.forcedExitMessage(pending, journalPath: journalPath))
            ChildProcess.killAllRunning()
            exit(128 + number)
        }
    }
    source.resume()
    return source
}
let status = await CommandRunner.run(command: parsed.command, options: parsed.options, environment: environment, output: .standard)
ChildProcess.killAllRunning()
if let number = WriteInterlock.shared.stopSignal { exit(128 + number) }
exit(status.rawValue)
