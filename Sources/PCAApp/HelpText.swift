import PCAAdmin
import PCAClient
import PCACommandLine

public enum PCAVersionText {
    public static let current = PCAVersion.current
}

/// The `--help` texts, made from the commands' own declarations.
public enum HelpText {
    public static var program: String {
        let commands = CommandCatalog.commands.map { command -> String in
            let signature = command.signature
            let head = ([signature.name] + (signature.arguments.isEmpty ? [] : [signature.arguments])).joined(separator: " ")
            return "  " + head.padding(toLength: max(head.count + 2, 28), withPad: " ", startingAt: 0) + signature.abstract
        }.joined(separator: "\n")
        return """
            pca-tui \(PCAVersion.current): a terminal UI and scriptable commands for AWS Private CA (ACM-PCA)

            Usage: pca-tui [options]             the full-screen UI (press ? inside for keys)
                   pca-tui COMMAND [options]     a scriptable command (pca-tui COMMAND --help for its options)

            Commands (CA: its ARN, its id, or the id's first 8 characters):
            \(commands)

            Options every command takes (before or after the command):
            \(CommandSignature.table(CommandCatalog.shared))
            Options of the UI:
            \(CommandSignature.table(CommandCatalog.interactive))
            Exit status:
            \(ExitStatus.table)
            """
    }

    /// Help for a command (`acm-renewal enable`) or a group of them (`acm-renewal`); nil for an unknown one.
    public static func command(_ words: [String]) -> String? {
        if let (type, _) = try? CommandCatalog.command(for: words) {
            return type.signature.help + "\nExit status:\n" + ExitStatus.table + "\n"
        }
        let group = CommandCatalog.commands.filter { $0.signature.words.first == words.first }
        guard !group.isEmpty else { return nil }
        return group.map { "Usage: \($0.signature.usage)\n  \($0.signature.abstract)" }.joined(separator: "\n\n")
            + "\n\npca-tui \(words.first ?? "") VERB --help shows a verb's options.\n"
    }
}
