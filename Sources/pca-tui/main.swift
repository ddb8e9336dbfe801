import Foundation
import PCAApp
import PCAProcess
import PCATerminal

let environment = ProcessInfo.processInfo.environment
let parsed: (options: GlobalOptions, command: [String], help: Bool, version: Bool)
do {
    parsed = try CommandRunner.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    CommandOutput.standard.err("pca-tui: \(error)\nRun 'pca-tui --help' for usage.\n")
    exit(ExitStatus.usage.rawValue)
}
if parsed.version {
    print("pca-tui \(PCAVersionText.current)")
    exit(0)
}
if parsed.help {
    print(parsed.command.first.flatMap(HelpText.command) ?? HelpText.program)
    exit(0)
}
if parsed.command.isEmpty {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        FileHandle.standardError.write(Data("pca-tui: the interactive UI needs a terminal; for scripts use a command such as 'pca-tui list'\n".utf8))
        exit(ExitStatus.usage.rawValue)
    }
    let app = InteractiveApp(options: parsed.options, environment: environment)
    let status = app.run { useColor in CursesTerminal(useColor: useColor, mouse: parsed.options.mouse) }
    exit(status.rawValue)
}
// A command ended by a signal takes its children (a credential_process) with it.
let signalSources = [SIGTERM, SIGINT, SIGHUP].map { number -> DispatchSourceSignal in
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler {
        ChildProcess.killAllRunning()
        exit(128 + number)
    }
    source.resume()
    return source
}
let status = await CommandRunner.run(command: parsed.command, options: parsed.options, environment: environment, output: .standard)
ChildProcess.killAllRunning()
exit(status.rawValue)
