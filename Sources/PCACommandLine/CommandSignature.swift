/// An option a command takes: `--name VALUE` when `valueName` is set, else a flag.
public struct OptionDeclaration: Sendable, Hashable {
    public var name: String
    public var valueName: String?
    public var help: String
    /// Short forms such as `-y`.
    public var aliases: [String]

    public init(_ name: String, value valueName: String? = nil, aliases: [String] = [], help: String) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.aliases = aliases
    }

    public static func flag(_ name: String, aliases: [String] = [], help: String) -> OptionDeclaration {
        OptionDeclaration(name, aliases: aliases, help: help)
    }

    /// `--name VALUE` or `--name`.
    public var usage: String { "--\(name)" + (valueName.map { " \($0)" } ?? "") }
}

/// Everything a command declares: its name, its arguments, its own options and its help. Parsing, usage
/// errors and `--help` all come from it.
public struct CommandSignature: Sendable {
    /// `list`, or `acm-renewal enable` for a verb of a command group.
    public var name: String
    /// One line for the program's list of commands.
    public var abstract: String
    /// `CA`, `CA...`, `[CA...]`: shown in the usage line.
    public var arguments: String
    public var options: [OptionDeclaration]
    /// More lines for `COMMAND --help`.
    public var discussion: String

    public init(name: String, abstract: String, arguments: String = "", options: [OptionDeclaration] = [],
                discussion: String = "") {
        self.name = name
        self.abstract = abstract
        self.arguments = arguments
        self.options = options
        self.discussion = discussion
    }

    /// The words of the name: `["acm-renewal", "enable"]`.
    public var words: [String] { name.split(separator: " ").map(String.init) }

    /// The usage line: `pca-tui acm-renewal enable CA... [--yes] [--dry-run] [options]`.
    public var usage: String {
        var parts = ["pca-tui", name]
        if !arguments.isEmpty { parts.append(arguments) }
        parts += options.map { "[\($0.usage)]" }
        parts.append("[options]")
        return parts.joined(separator: " ")
    }

    /// The parser's table: this command's options and the shared ones.
    public func spec(shared: [OptionDeclaration]) -> ArgumentSpec {
        let all = shared + options
        var aliases: [String: String] = [:]
        for option in all { for alias in option.aliases { aliases[alias] = option.name } }
        return ArgumentSpec(valueOptions: Set(all.filter { $0.valueName != nil }.map(\.name)),
                            flags: Set(all.filter { $0.valueName == nil }.map(\.name)), aliases: aliases)
    }

    /// `COMMAND --help`.
    public var help: String {
        var text = "Usage: \(usage)\n\n\(abstract)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        if !options.isEmpty {
            text += "\nOptions of \(name):\n" + Self.table(options)
        }
        text += "\nThe shared options (--profile, --region, --output, --demo, ...) are listed by 'pca-tui --help'.\n"
        return text
    }

    /// Options as an aligned two-column list.
    public static func table(_ options: [OptionDeclaration]) -> String {
        let width = min(28, (options.map { $0.usage.count + ($0.aliases.isEmpty ? 0 : 4) }.max() ?? 0) + 2)
        return options.map { option in
            let names = (option.aliases.map { $0 + ", " }.joined()) + option.usage
            let padding = String(repeating: " ", count: max(2, width - names.count))
            return "  " + names + padding + option.help
        }.joined(separator: "\n") + "\n"
    }
}
