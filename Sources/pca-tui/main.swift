import Foundation
import PCAApp

let environment = ProcessInfo.processInfo.environment
let parsed: (options: GlobalOptions, command: [String], help: Bool, version: Bool)
do {
    parsed = try CommandRunner.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("pca-tui: \(error)\nRun 'pca-tui --help' for usage.\n".utf8))
    exit(ExitStatus.usage.rawValue)
}
if parsed.version {
    print("pca-tui \(PCAVersionText.current)")
    exit(0)
}
if parsed.help {
    print(HelpText.program)
    exit(0)
}
let command = parsed.command.isEmpty ? ["list"] : parsed.command
let status = await CommandRunner.run(command: command, options: parsed.options, environment: environment, output: .standard)
exit(status.rawValue)
