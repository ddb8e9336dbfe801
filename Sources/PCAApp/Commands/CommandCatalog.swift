import PCACommandLine

/// Every command pca-tui has, and the options they share. Parsing and help come from these declarations.
enum CommandCatalog {
    static let commands: [any PCACommand.Type] = [
        ListCommand.self, DescribeCommand.self, PermissionsCommand.self, PolicyCommand.self, CertificatesCommand.self,
        ReportCommand.self, RenewalStatusCommand.self, EnableRenewalCommand.self, DisableRenewalCommand.self,
        RetryRenewalCommand.self, IssueCommand.self, ShareCommand.self, UnshareCommand.self, HistoryCommand.self,
    ]

    /// The commands that write CSV (`--output csv`); the others refuse it rather than print text instead.
    static let csvCommands: Set<String> = ["report", "certificates", "history"]

    /// Options every command and the UI take, before or after the command name.
    static let shared: [OptionDeclaration] = [
        OptionDeclaration("profile", value: "NAME", help: "AWS profile from ~/.aws/config and ~/.aws/credentials"),
        OptionDeclaration("region", value: "NAME", help: "AWS region"),
        OptionDeclaration("endpoint-url", value: "URL", help: "send ACM-PCA requests to URL (pca-local, a VPC endpoint, ...)"),
        .flag("demo", help: "use the built-in emulator with the demo estate (no AWS account needed)"),
        OptionDeclaration("demo-state", value: "FILE", help: "keep the demo's changes in FILE"),
        OptionDeclaration("demo-user", value: "admin|issuer", help: "act as the demo's CA admin (default) or its limited issuer user"),
        OptionDeclaration("demo-clock-offset-days", value: "N", help: "run the demo's ACM clock N days ahead"),
        .flag("read-only", help: "refuse every change (cannot be lifted inside the UI)"),
        OptionDeclaration("output", value: "text|json|csv", aliases: ["-o"], help: "output format of commands"),
        OptionDeclaration("concurrency", value: "N", help: "parallel per-CA calls when listing (default 16)"),
        .flag("no-color", help: "monochrome (NO_COLOR is honoured too)"),
        .flag("ascii", help: "ASCII symbols only"),
        .flag("debug", help: "log requests and answers to stderr (secrets redacted)"),
        .flag("version", help: "print the version"),
        .flag("help", aliases: ["-h"], help: "show help (pca-tui COMMAND --help for a command's)"),
    ]

    /// The estate: which accounts and regions the commands that read many (and the UI) cover.
    static let estate: [OptionDeclaration] = [
        OptionDeclaration("profiles", value: "p1,p2", help: "cover these AWS profiles"),
        .flag("all-profiles", help: "cover every profile of the AWS config that has credentials or a role"),
        OptionDeclaration("regions", value: "r1,r2|all", help: "cover these regions (all: every region of the partition)"),
        .flag("organization", help: "cover every ACTIVE account of the caller's AWS organization (with --demo: the demo organization)"),
        OptionDeclaration("organization-role", value: "NAME",
                          help: "the role assumed in each member account (default OrganizationAccountAccessRole)"),
        OptionDeclaration("estate", value: "NAME", help: "the accounts and regions of [estate NAME] in the pca-tui config"),
    ]

    /// Options of the full-screen UI only.
    static let interactive: [OptionDeclaration] = estate + [
        .flag("mouse", help: "the mouse in the UI: wheel scrolls, click selects, click again opens"),
        OptionDeclaration("refresh", value: "SECONDS", help: "reload the UI's list periodically"),
    ]

    /// Every option any command declares: for finding the command's name among the arguments.
    static var allOptions: [OptionDeclaration] {
        shared + interactive + commands.flatMap { $0.signature.options }
    }

    /// The command whose name the positional words start with (the longest match), and the words after it.
    static func command(for words: [String]) throws -> (any PCACommand.Type, [String]) {
        guard let first = words.first else { throw CommandFailure(.usage, "no command given") }
        let matches = commands.filter { Array(words.prefix($0.signature.words.count)) == $0.signature.words }
        if let best = matches.max(by: { $0.signature.words.count < $1.signature.words.count }) {
            return (best, Array(words.dropFirst(best.signature.words.count)))
        }
        let group = commands.filter { $0.signature.words.first == first }
        if !group.isEmpty {
            let verbs = group.compactMap { $0.signature.words.dropFirst().first }.joined(separator: ", ")
            let given = words.count > 1 ? "no '\(first) \(words[1])'" : "\(first) needs a verb"
            throw CommandFailure(.usage, "\(given); verbs: \(verbs)")
        }
        let names = Array(Set(commands.compactMap { $0.signature.words.first })).sorted().joined(separator: ", ")
        throw CommandFailure(.usage, "unknown command '\(first)'; commands: \(names)")
    }
}
