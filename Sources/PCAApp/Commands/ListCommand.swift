import Foundation
import PCAClient

/// `pca-tui list`: every CA with its ACM renewal state and readiness.
enum ListCommand {
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
        return ResourceCommands.warnIfTruncated(listings, output)
    }

    /// The inventory with verdicts; the caller's account decides which CAs are someone else's.
    /// The account's own CAs with their ACM state, then the CAs other accounts share with it (AWS RAM), as
    /// the UI shows them: their verdict is N/A, since their renewal goes through the owner's resource policy.
    static func load(session: Session, concurrency: Int, withACM: Bool = true) async throws -> [CAListing] {
        let client = session.client
        async let identity = try? client.callerIdentity()
        async let shared = client.sharedInventory()
        // ACM's certificates load beside the CAs; without ACM permissions the listing still succeeds.
        async let certificates = withACM ? capture { try await session.acm.privateCertificates(concurrency: concurrency) }
            : Result<ACMCertificateListing, Error>.failure(CommandFailure(.success, "left out (--no-acm)"))
        let entries = try await client.loadInventory(concurrency: concurrency)
        let sharedEntries = await shared
        let account = await identity?.account
        let now = Date()
        let acm = await certificates
        let groups = (try? acm.get()).map { CACertificates.group($0.certificates, now: now) }
        let truncatedAt = (try? acm.get())?.truncatedAt
        let acmError: String? = {
            if case let .failure(error as CommandFailure) = acm { return error.message }
            if case let .failure(error) = acm { return PCAClient.shortReason(error) }
            return nil
        }()
        return (entries + sharedEntries).map { entry in
            var listing = CAListing(entry: entry, callerAccount: account, now: now)
            let arn = entry.authority.arn ?? ""
            listing.acm = groups.map { $0[arn] ?? CACertificates(certificateAuthorityArn: arn, certificates: [], now: now) }
            listing.acmError = acmError
            listing.acmTruncatedAt = truncatedAt
            return listing
        }
    }

    private static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    static func text(_ listings: [CAListing], wide: Bool = false) -> String {
        var table = TextTable(["NAME", "ID", "TYPE", "STATUS", "ACM RENEWAL", "READINESS", "EXPIRES", "KEY", "MODE", "ACM CERTS"]
                              + (wide ? ["ARN"] : []))
        let now = Date()
        for listing in listings {
            let authority = listing.authority
            let expires = authority.notAfter.map { date -> String in
                let days = listing.daysToExpiry(now: now) ?? 0
                return "\(AWSTimestamp.iso8601(date).prefix(10)) (\(days < 0 ? "expired" : "in \(days)d"))"
            } ?? "-"
            table.add([authority.commonName ?? "-", String((authority.id ?? "-").prefix(8)), authority.type?.rawValue ?? "-",
                       authority.status?.consoleWord ?? "-", listing.renewalWord, listing.readiness.word, expires,
                       authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "-",
                       authority.usageMode?.rawValue ?? "-", listing.acmCell] + (wide ? [authority.arn ?? "-"] : []))
        }
        return table.rendered()
    }
}
