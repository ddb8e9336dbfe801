import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine

/// `pca-tui list`: every CA with its ACM renewal state and readiness.
struct ListCommand: PCACommand {
    static let signature = CommandSignature(
        name: "list", abstract: "every CA with status, ACM renewal state and readiness",
        options: [.flag("wide", help: "the ARN column too"),
                  .flag("no-acm", help: "leave out ACM's certificate counts (one DescribeCertificate per certificate)")]
            + CommandCatalog.estate,
        discussion: """
            Every CA of the account and region with its type, status, ACM renewal state (enabled, partial, off,
            unknown with the reason, n/a for another account's CA), readiness verdict, expiry, key algorithm and
            usage mode. JSON output (--output json) is one document on stdout.
            """)

    init(arguments: [String], options: GlobalOptions) throws {
        try Self.noArguments(arguments)
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        try await Self.run(session: context.requiredSession, options: context.options, output: context.output)
    }

    static func run(session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let listings = try await load(session: session, concurrency: options.concurrency, withACM: !options.noACM)
        switch options.output ?? .text {
        case .json:
            JSONOutput.stream(key: "certificateAuthorities", listings.lazy.map { $0.jsonObject() }, to: output)
        case .csv:
            throw CommandFailure(.usage, "list writes text or json; use 'report --output csv' for CSV")
        case .text:
            output.out(text(listings, wide: options.wide))
        }
        return .success
    }

    /// The inventory with verdicts, from the one loader: the account's own CAs with their ACM state, then
    /// the CAs other accounts share with it (N/A: their renewal goes through the owner's resource policy).
    static func load(session: Session, concurrency: Int, withACM: Bool = true, withTags: Bool = false) async throws -> [CAListing] {
        var parts: InventoryLoader.Parts = [.permissions]
        if withACM { parts.insert(.acm) }
        if withTags { parts.insert(.tags) }
        var inventory = try await session.loader(concurrency: concurrency).load(parts)
        if !withACM { inventory.acmError = "left out (--no-acm)" }
        return CAListing.all(inventory)
    }

    static func text(_ listings: [CAListing], wide: Bool = false) -> String {
        var table = TextTable(["NAME", "ID", "TYPE", "STATUS", "ACM RENEWAL", "READINESS", "EXPIRES", "KEY", "MODE", "ACM CERTS"]
                              + (wide ? ["ARN"] : []))
        let now = Date()
        for listing in listings {
            let authority = listing.authority
            let expires = ExpiryText.words(authority.notAfter, now: now)
            table.add([authority.commonName ?? "-", String((authority.id ?? "-").prefix(8)), authority.type?.rawValue ?? "-",
                       authority.status?.consoleWord ?? "-", listing.renewalWord, listing.readiness.word, expires,
                       authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "-",
                       authority.usageMode?.rawValue ?? "-", listing.acmCell] + (wide ? [authority.arn ?? "-"] : []))
        }
        return table.rendered()
    }
}
