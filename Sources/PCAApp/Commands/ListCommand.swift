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
        let options = context.options
        guard let choice = try context.estateChoice() else {
            return try await Self.run(session: context.requiredSession, options: options, output: context.output)
        }
        if options.output == .csv { throw CommandFailure(.usage, "list writes text or json; use 'report --output csv' for CSV") }
        let results = await context.loadEstate(choice, parts: Self.parts(withACM: !options.noACM))
        let listings = results.flatMap { result in result.inventory.map { Self.listings($0, withACM: !options.noACM) } ?? [] }
        let failed = results.filter { $0.failureReason != nil }
        if options.output == .json {
            // Streamed as the single account's list is: one CA a line, never the whole document in memory at once.
            JSONOutput.stream(key: "certificateAuthorities", listings.lazy.map { $0.jsonObject() },
                              trailing: [("errors", failed.map(EstateFailureOutput.json))], to: context.output)
        } else {
            context.output.out(Self.text(listings, wide: options.wide, estate: true)
                               + "\(listings.count) CAs in \(results.count - failed.count) of \(results.count) account-regions\n")
        }
        EstateFailureOutput.report(failed, command: "list", to: context.output)
        return failed.isEmpty ? .success : .failure
    }

    static func run(session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let target = EstateTarget(account: nil, label: session.profileLabel, region: session.region,
                                  access: .connection(session.connection))
        let listings = try await load(session: session, concurrency: options.concurrency, withACM: !options.noACM, target: target)
        switch options.output ?? .text {
        case .json:
            JSONOutput.stream(key: "certificateAuthorities", listings.lazy.map { $0.jsonObject() }, to: output)
        case .csv:
            throw CommandFailure(.usage, "list writes text or json; use 'report --output csv' for CSV")
        case .text:
            output.out(text(listings, wide: options.wide))
        }
        return ResourceCommands.warnIfTruncated(listings, output)
    }

    static func parts(withACM: Bool, withTags: Bool = false) -> InventoryLoader.Parts {
        var parts: InventoryLoader.Parts = [.permissions]
        if withACM { parts.insert(.acm) }
        if withTags { parts.insert(.tags) }
        return parts
    }

    static func listings(_ inventory: Inventory, withACM: Bool) -> [CAListing] {
        var inventory = inventory
        if !withACM { inventory.acmError = "left out (--no-acm)" }
        return CAListing.all(inventory)
    }

    /// The inventory with verdicts, from the one loader: the account's own CAs with their ACM state, then
    /// the CAs other accounts share with it (N/A: their renewal goes through the owner's resource policy).
    /// With `target`, each record carries the account and region it was listed in.
    static func load(session: Session, concurrency: Int, withACM: Bool = true, withTags: Bool = false,
                     target: EstateTarget? = nil) async throws -> [CAListing] {
        var inventory = try await session.loader(concurrency: concurrency).load(parts(withACM: withACM, withTags: withTags))
        if let target { EstateLoader.stamp(&inventory, target: target) }
        return listings(inventory, withACM: withACM)
    }

    /// With `estate`, the account and region columns first.
    static func text(_ listings: [CAListing], wide: Bool = false, estate: Bool = false) -> String {
        var table = TextTable((estate ? ["ACCOUNT", "REGION"] : [])
                              + ["NAME", "ID", "TYPE", "STATUS", "ACM RENEWAL", "READINESS", "EXPIRES", "KEY", "MODE", "ACM CERTS"]
                              + (wide ? ["ARN"] : []))
        let now = Date()
        for listing in listings {
            let authority = listing.authority
            let expires = ExpiryText.words(authority.notAfter, now: now)
            let place = estate ? [listing.record.accountLabel.map { "\(listing.record.account ?? "?") \($0)" } ?? "-",
                                  listing.record.region ?? "-"] : []
            table.add(place + [authority.commonName ?? "-", String((authority.id ?? "-").prefix(8)), authority.type?.rawValue ?? "-",
                       authority.status?.consoleWord ?? "-", listing.renewalWord, listing.readiness.word, expires,
                       authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "-",
                       authority.usageMode?.rawValue ?? "-", listing.acmCell] + (wide ? [authority.arn ?? "-"] : []))
        }
        return table.rendered()
    }
}
