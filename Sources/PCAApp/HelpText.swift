import PCAClient

public enum PCAVersionText {
    public static let current = PCAVersion.current
}

/// The `--help` texts.
public enum HelpText {
    public static let program = """
        pca-tui \(PCAVersion.current): a terminal UI and scriptable commands for AWS Private CA (ACM-PCA)

        Usage: pca-tui [options]             the full-screen UI (press ? inside for keys)
               pca-tui [options] command     a scriptable command

        Commands:
          list                      every CA with status, ACM renewal state and readiness

        Options (before or after the command):
          --demo                    use the built-in emulator with the demo estate (no AWS account needed)
          --demo-state FILE         keep the demo's changes in FILE
          --demo-user admin|issuer  act as the demo's CA admin (default) or its limited issuer user
          --profile NAME            AWS profile from ~/.aws/config and ~/.aws/credentials
          --region NAME             AWS region
          --endpoint-url URL        send ACM-PCA requests to URL (pca-local, a VPC endpoint, ...)
          --read-only               refuse every change
          --output text|json        output format of commands
          --concurrency N           parallel ListPermissions calls when listing (default 8)
          --debug                   log requests and answers to stderr (secrets redacted)
          --version                 print the version
          --help                    show this help

        Exit status: 0 success, 1 an AWS or API error, 2 a usage error.
        """

    /// Help for one command, or nil for an unknown one.
    public static func command(_ name: String) -> String? {
        commandHelp[name]
    }

    static let commandHelp: [String: String] = [
        "list": """
            Usage: pca-tui list [--output text|json] [options]

            Every CA of the account and region with its type, status, ACM renewal state
            (enabled, partial, disabled, unknown with the reason), readiness verdict, expiry,
            key algorithm and usage mode. JSON output is one document on stdout.
            """,
    ]
}
