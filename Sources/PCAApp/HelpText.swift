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

        Commands (pca-tui COMMAND --help for details):
          list                      every CA with status, ACM renewal state and readiness
          describe CA               one CA in full (CA: its ARN, its id, or the id's first 8 characters)
          permissions CA            the CA's permissions and what they mean for ACM renewal
          policy CA                 the CA's resource policy
          certificates CA           the ACM certificates the CA issued, with their renewal status
          report                    every CA across regions and profiles, for compliance checks (exit 3 on findings)
          acm-renewal status CA | enable|disable CA... | enable --all-off [--filter EXPR] [--dry-run]
                                    show, grant or revoke ACM's renewal permission, verified afterwards
          acm-renewal retry CA      renew now every certificate of the CA whose ACM renewal failed

        Options (before or after the command):
          --demo                    use the built-in emulator with the demo estate (no AWS account needed)
          --demo-state FILE         keep the demo's changes in FILE
          --demo-user admin|issuer  act as the demo's CA admin (default) or its limited issuer user
          --profile NAME            AWS profile from ~/.aws/config and ~/.aws/credentials
          --region NAME             AWS region
          --endpoint-url URL        send ACM-PCA requests to URL (pca-local, a VPC endpoint, ...)
          --read-only               refuse every change (cannot be lifted inside the UI)
          --output text|json|csv    output format of commands (csv: report only)
          --yes                     do not ask before acm-renewal enable/disable
          --regions r1,r2|all       report: regions to cover (all: every region of the partition)
          --profiles p1,p2          report: profiles to cover
          --warn-days N             report: days before expiry that count as a finding (default 30)
          --no-color, --ascii       monochrome; ASCII symbols only (NO_COLOR is honoured too)
          --mouse                   the mouse in the UI: wheel scrolls, click selects, click again opens
                                    (off by default: text selection keeps working)
          --refresh SECONDS         reload the UI's list periodically
          --concurrency N           parallel ListPermissions calls when listing (default 16)
          --no-acm                  list, describe, report: leave out ACM's certificate counts (faster)
          --debug                   log requests and answers to stderr (secrets redacted)
          --version                 print the version
          --help                    show this help

        Exit status: 0 success, 1 an AWS or API error (code and message on stderr), 2 a usage error,
        3 report findings, 4 a change refused (read-only, another account's CA, a CA not ACTIVE) or declined.
        """

    /// Help for one command, or nil for an unknown one.
    public static func command(_ name: String) -> String? {
        commandHelp[name]
    }

    static let commandHelp: [String: String] = [
        "list": """
            Usage: pca-tui list [--output text|json] [--wide] [options]

            Every CA of the account and region with its type, status, ACM renewal state
            (enabled, partial, disabled, unknown with the reason, n/a for another account's CA),
            readiness verdict, expiry, key algorithm and usage mode; --wide adds the ARN.
            JSON output is one document on stdout.
            """,
        "describe": """
            Usage: pca-tui describe CA [--output text|json] [options]

            One CA in full, with its ACM renewal state and readiness verdict.
            """,
        "permissions": """
            Usage: pca-tui permissions CA [--output text|json] [options]

            The CA's permissions (ListPermissions) and a sentence on what they mean for ACM renewal.
            """,
        "policy": """
            Usage: pca-tui policy CA [--output text|json] [options]

            The CA's resource policy, pretty-printed; "none" when no policy is attached.
            """,
        "certificates": """
            Usage: pca-tui certificates CA [--output text|json|csv] [options]

            The private certificates ACM issued from the CA and renews through it, most urgent first:
            domain, status, expiry, renewal status and reason (PCA_ACCESS_DENIED when the CA lacks the
            grant), eligibility, what uses it; then the counts. Needs acm:ListCertificates and
            acm:DescribeCertificate.
            """,
        "report": """
            Usage: pca-tui report [--regions r1,r2|all] [--profiles p1,p2] [--warn-days N] [--strict]
                                  [--output text|json|csv] [options]

            Every CA across the regions and profiles with its readiness, days to expiry and, for a
            finding, why (no ACM grant, partial: ... missing, expires in 12d, not ACTIVE).
            Exit status 3 when any CA is a finding: not READY or expiring within --warn-days (default
            30). Another account's CA (N/A) and a DELETED CA count only with --strict.
            1 when a region or profile could not be read (the others are still reported).
            """,
        "acm-renewal": """
            Usage: pca-tui acm-renewal status CA [--output text|json] [options]
                   pca-tui acm-renewal enable|disable CA... [--yes] [--output text|json] [options]
                   pca-tui acm-renewal enable --all-off [--filter EXPR] [--dry-run] [--yes] [options]
                   pca-tui acm-renewal retry CA [--yes] [options]

            status   whether acm.amazonaws.com holds IssueCertificate, GetCertificate, ListPermissions
            enable   grant all three (a partial grant is replaced); idempotent
            disable  revoke the grant; idempotent (an explicit list of CAs only)
            retry    RenewCertificate for every certificate of the CA whose renewal failed, then each
                     read back (one audit line each); exit 1 while any still fails
            --all-off  every CA whose grant is missing or partial, narrowed by --filter (the UI's filter:
                       words AND together, e.g. "type:sub tag:env=prod"); --dry-run prints the plan only.
            A CA is its ARN, its id or the id's first 8 characters. With several CAs, each is changed,
            verified and audited on its own; one failure does not stop the others (exit 1 if any failed).
            enable and disable ask for confirmation on a terminal unless --yes; without a terminal they
            require --yes. Both read the permissions back, print what changed and write the audit log.
            Read-only mode (--read-only, or read_only = true for the profile), another account's CA and a CA
            that is not ACTIVE refuse them with exit 4. status exits 1 when the permissions cannot be read.
            """,
    ]
}
