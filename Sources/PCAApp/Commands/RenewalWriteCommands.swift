import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine

/// `acm-renewal enable CA... | --all-off [--filter EXPR]`: grant acm.amazonaws.com the three renewal actions.
struct EnableRenewalCommand: PCACommand {
    static let signature = CommandSignature(
        name: "acm-renewal enable", abstract: "grant ACM renewal (a partial grant is repaired), verified afterwards",
        arguments: "CA... | --all-off",
        options: [.flag("yes", aliases: ["-y"], help: "do not ask before changing AWS"),
                  .flag("dry-run", help: "print the plan and the AWS CLI commands; send nothing"),
                  .flag("all-off", help: "every CA whose grant is missing or partial"),
                  OptionDeclaration("filter", value: "EXPR", help: "with --all-off: the UI's filter, e.g. \"type:sub tag:env=prod\"")]
            + CommandCatalog.estate,
        discussion: """
            Each CA is planned (grant, repair, nothing, refused with the reason, or unreadable), the plan is shown,
            confirmed on a terminal unless --yes, then each CA is changed, read back and journaled on its own; one
            failure never stops the others. With --all-off, a CA whose permissions (or, when the filter matches
            tags, tags) cannot be read is listed as unreadable, never skipped or changed blind.
            """)

    var cas: [String]
    var allOff: Bool
    var filter: FilterExpression

    init(arguments: [String], options: GlobalOptions) throws {
        cas = arguments
        allOff = options.allOff
        filter = FilterExpression(options.filter ?? "")
        if allOff, !cas.isEmpty { throw CommandFailure(.usage, "enable --all-off takes no CA; narrow it with --filter EXPR") }
        if !allOff, cas.isEmpty { throw CommandFailure(.usage, "acm-renewal enable needs a CA (or --all-off)") }
        if options.filter != nil, !allOff { throw CommandFailure(.usage, "--filter goes with enable --all-off") }
        if let unknown = filter.unknownFields.first {
            let fields = FilterExpression.Field.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(.usage, "no filter field '\(unknown)'; fields: \(fields)")
        }
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        if let choice = try context.estateChoice() {
            guard allOff else { throw CommandFailure(.usage, "over an estate, acm-renewal enable takes --all-off (a CA is one account's)") }
            return try await EstateWriteFlow(context: context, choice: choice, filter: filter).run()
        }
        let session = try context.requiredSession
        let targets: [WriteTarget]
        if allOff {
            var parts: InventoryLoader.Parts = [.permissions]
            if filter.needsTags { parts.insert(.tags) }
            if filter.needsACM { parts.insert(.acm) }
            let inventory = try await session.loader(concurrency: context.options.concurrency).load(parts)
            targets = WriteTargets.allOff(inventory, filter: filter)
        } else {
            targets = await WriteTargets.read(try await context.resolve(cas), intent: .enableRenewal,
                                              connection: session.connection)
        }
        return try await WriteCommandFlow(context: context, intent: .enableRenewal).run(targets: targets) { summary in
            targets.count == 1
                ? "Grant acm.amazonaws.com IssueCertificate, GetCertificate and ListPermissions on \(targets[0].arn)?"
                : "Grant ACM renewal on \(summary.toChange) CAs (\(summary.planWords))?"
        }
    }
}

/// `acm-renewal disable CA...`: revoke every grant to acm.amazonaws.com.
struct DisableRenewalCommand: PCACommand {
    static let signature = CommandSignature(
        name: "acm-renewal disable", abstract: "revoke ACM's renewal grant (an explicit list of CAs only), verified afterwards",
        arguments: "CA...",
        options: [.flag("yes", aliases: ["-y"], help: "do not ask before changing AWS"),
                  .flag("dry-run", help: "print the plan and the AWS CLI commands; send nothing, ask nothing")])

    var cas: [String]

    init(arguments: [String], options: GlobalOptions) throws {
        guard !arguments.isEmpty else { throw CommandFailure(.usage, "acm-renewal disable needs a CA") }
        cas = arguments
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let session = try context.requiredSession
        let targets = await WriteTargets.read(try await context.resolve(cas), intent: .disableRenewal,
                                              connection: session.connection)
        return try await WriteCommandFlow(context: context, intent: .disableRenewal).run(targets: targets) { summary in
            let subject = targets.count == 1 ? targets[0].arn : "\(summary.toChange) CAs"
            return "Revoke ACM's access to \(subject)? ACM will no longer renew the certificates it issued from "
                + (targets.count == 1 ? "this CA." : "these CAs.")
        }
    }
}

/// `acm-renewal retry CA`: RenewCertificate for each failed renewal a retry can fix, each read back.
struct RetryRenewalCommand: PCACommand {
    static let signature = CommandSignature(
        name: "acm-renewal retry", abstract: "renew now every certificate of the CA whose ACM renewal failed",
        arguments: "CA",
        options: [.flag("yes", aliases: ["-y"], help: "do not ask before asking ACM to renew"),
                  .flag("dry-run", help: "print which certificates would be retried; send nothing")],
        discussion: """
            Refused for a CA that is not ACTIVE (ACM would fail again with PCA_INVALID_STATE); certificates that
            have expired or failed with PCA_INVALID_DURATION are left out, with the reason. Exit 1 while every
            retried renewal still fails, 5 while some do.
            """)

    var ca: String

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let session = try context.requiredSession
        let targets = await WriteTargets.read(try await context.resolve([ca]), intent: .retryRenewals,
                                              connection: session.connection, concurrency: context.options.concurrency)
        return try await WriteCommandFlow(context: context, intent: .retryRenewals).run(targets: targets) { _ in
            "Retry the renewal of the failed ACM certificates of \(targets.first?.arn ?? ca) now?"
        }
    }
}

/// `acm-renewal status CA`: the grant, and whether ACM can renew with it now.
struct RenewalStatusCommand: PCACommand {
    static let signature = CommandSignature(
        name: "acm-renewal status", abstract: "whether acm.amazonaws.com holds the three actions, and whether ACM can renew now",
        arguments: "CA",
        discussion: "Exit 1 when the permissions cannot be read. A CA of another account is n/a.")

    var ca: String

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let session = try context.requiredSession
        let arn = try await context.resolve([ca])[0]
        let client = session.client
        async let identity = try? client.callerIdentity()
        let authority = (try? await client.describeCertificateAuthority(arn: arn))
            ?? CertificateAuthority(arn: arn, ownerAccount: WriteGate.account(ofARN: arn))
        let account = await identity?.account
        var record = CARecord(authority: authority)
        record.renewal = await InventoryLoader.renewalState(of: authority, client: client, callerAccount: account)
        let listing = CAListing(record: record, callerAccount: account)
        var object: [String: Any] = ["certificateAuthorityArn": arn, "acmRenewal": listing.renewalWord,
                                     "renewalReadiness": listing.readiness.word, "summary": listing.statusSentence]
        if case let .partial(_, missing) = listing.renewal { object["acmRenewalMissing"] = missing.map(\.rawValue) }
        let output = context.output
        guard listing.renewalWord == "unknown", case let .unknown(reason) = listing.renewal else {
            output.out(context.options.output == .json ? JSONOutput.render(object) : listing.statusSentence + "\n")
            return .success
        }
        if context.options.output == .json {
            object["error"] = reason
            output.out(JSONOutput.render(object))
            output.err("pca-tui: cannot read the permissions: \(reason)\n")
            return .failure
        }
        throw CommandFailure(.failure, "cannot read the permissions: \(reason)")
    }
}
