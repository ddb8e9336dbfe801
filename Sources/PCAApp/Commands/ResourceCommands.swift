import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine
import PCATerminalText

/// `describe`, `permissions` and `policy`: one CA at a time.
enum ResourceCommands {
    static func describe(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let client = session.client
        async let identity = try? client.callerIdentity()
        let authority = try await client.describeCertificateAuthority(arn: arn)
        let account = await identity?.account
        var record = CARecord(authority: authority)
        record.renewal = await InventoryLoader.renewalState(of: authority, client: client, callerAccount: account)
        var acmError: String?
        var acmTruncatedAt: Int?
        if options.noACM {
            acmError = "left out (--no-acm)"
        } else {
            do {
                let loaded = try await CertificatesCommand.load(arn, session: session, options: options)
                record.acm = loaded.certificates
                acmTruncatedAt = loaded.truncatedAt
            } catch {
                acmError = ErrorWords.short(error)
            }
        }
        var listing = CAListing(record: record, callerAccount: account, acmError: acmError)
        listing.acmTruncatedAt = acmTruncatedAt
        let renewal = listing.renewal
        let (caCertificate, caCertificateNote) = await CACertificateReader.read(arn: arn, client: client)
        if options.output == .json {
            let raw = try JSONSerialization.jsonObject(with: PCAClient.encoder.encode(authority))
            var object = listing.jsonObject()
            object["certificateAuthority"] = raw
            if let caCertificate {
                object["caCertificate"] = Dictionary(CertificateSummary.lines(caCertificate), uniquingKeysWith: { first, _ in first })
            } else {
                object["caCertificateError"] = caCertificateNote ?? NSNull()
            }
            output.out(JSONOutput.render(object))
            return warnIfTruncated([listing], output)
        }
        var lines: [(String, String)] = [
            ("ARN", authority.arn ?? "-"), ("Name", authority.commonName ?? "-"),
            ("Subject", authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? "-"),
            ("Owner account", authority.ownerAccount ?? "-"), ("Type", authority.type?.rawValue ?? "-"),
            ("Status", authority.status?.consoleWord ?? "-"),
        ]
        if let reason = authority.failureReason { lines.append(("Failure reason", reason.rawValue)) }
        lines += [
            ("Created", authority.createdAt.map(AWSTimestamp.iso8601) ?? "-"),
            ("Valid until", authority.notAfter.map(AWSTimestamp.iso8601) ?? "-"),
            ("Key algorithm", authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "-"),
            ("Signing algorithm", authority.certificateAuthorityConfiguration?.signingAlgorithm?.rawValue ?? "-"),
            ("Key storage", authority.keyStorageSecurityStandard?.rawValue ?? "-"),
            ("Usage mode", authority.usageMode?.rawValue ?? "-"),
        ]
        if let until = authority.restorableUntil { lines.append(("Restorable until", AWSTimestamp.iso8601(until))) }
        lines += [("ACM renewal", listing.renewalWord + " (" + listing.renewalSentence + ")"), ("Readiness", listing.readiness.description)]
        if let failure = listing.readiness.acmFailureReason {
            lines.append(("ACM failure", "renewal failure to expect: \(failure)"))
        }
        if let acm = listing.record.acm {
            let failed = acm.failedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append(("ACM certificates", "\(acm.total), \(acm.inUse) in use, \(acm.dueWithinWindow) due within 60 days, "
                          + "\(acm.failed) renewals failed" + (failed.isEmpty ? "" : " (\(failed))")
                          + (acm.failed > 0 ? "; 'pca-tui acm-renewal retry' retries them once the grant is in place" : "")))
        } else if let error = listing.acmError {
            lines.append(("ACM certificates", "unreadable: \(error)"))
        }
        guard let caCertificate else {
            lines.append(("CA certificate", caCertificateNote ?? "none"))
            output.out(keyValueText(lines))
            return .success
        }
        // The CA's own certificate as its own block, aligned on its own.
        output.out(keyValueText(lines) + "\nCA certificate\n"
                   + keyValueText(CertificateSummary.lines(caCertificate).map { ("  " + $0.0, $0.1) }))
        return warnIfTruncated([listing], output)
    }

    /// Failure with the warning on standard error when ACM's listing was cut short; success otherwise.
    static func warnIfTruncated(_ listings: [CAListing], _ output: CommandOutput) -> ExitStatus {
        guard let warning = CAListing.truncationWarning(listings) else { return .success }
        output.err(warning)
        return .failure
    }

    static func permissions(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        async let identity = try? session.client.callerIdentity()
        let permissions = try await session.client.allPermissions(arn: arn)
        // Another account's CA: its grants are the owner's, and ACM renewal here goes through its policy.
        let owner = WriteGate.account(ofARN: arn)
        let account = await identity?.account
        let shared = owner != nil && account != nil && owner != account
        let renewal = ACMRenewalState(permissions: permissions)
        let word = shared ? "n/a" : renewal.word
        let sentence = shared ? "n/a: owned by account \(owner ?? "?"): ACM renewal for it goes through the CA's resource policy"
            : renewal.description
        if options.output == .json {
            let raw = try JSONSerialization.jsonObject(with: PCAClient.encoder.encode(permissions))
            var object: [String: Any] = ["permissions": raw, "acmRenewal": word, "summary": sentence]
            if !shared, case let .partial(_, missing) = renewal { object["acmRenewalMissing"] = missing.map(\.rawValue) }
            output.out(JSONOutput.render(object))
            return .success
        }
        var table = TextTable(["PRINCIPAL", "ACTIONS", "SOURCE ACCOUNT", "CREATED"])
        for permission in permissions {
            table.add([permission.principal ?? "-", (permission.actions ?? []).map(\.rawValue).joined(separator: ","),
                       permission.sourceAccount ?? "-", permission.createdAt.map(AWSTimestamp.iso8601) ?? "-"])
        }
        output.out((permissions.isEmpty ? "No permissions on this CA.\n" : table.rendered()) + sentence + "\n")
        return .success
    }

    static func policy(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let policy: String?
        do {
            policy = try await session.client.getPolicy(arn: arn)
        } catch let error as AWSError where error.code == .resourceNotFound {
            // ResourceNotFound means "no policy" only when the CA itself exists.
            _ = try await session.client.describeCertificateAuthority(arn: arn)
            policy = nil
        }
        let parsed = policy.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
        let summary = (policy.map(AttachedPolicy.text) ?? AttachedPolicy.none).summary
        if options.output == .json {
            output.out(JSONOutput.render(["policy": parsed ?? policy ?? NSNull(), "summary": summary?.jsonObjects ?? []]))
        } else if let parsed {
            output.out(JSONOutput.render(parsed) + "\n" + summaryText(summary))
        } else {
            output.out(policy.map { $0 + "\n" } ?? "No resource policy is attached to this CA.\n")
        }
        return .success
    }

    /// Who may do what, one grant a row.
    static func summaryText(_ summary: PolicySummary?) -> String {
        guard let summary, !summary.grants.isEmpty else { return "The policy grants nobody anything.\n" }
        var table = TextTable(["WHO", "EFFECT", "ACTIONS", "CONDITIONS"])
        for grant in summary.grants {
            table.add([grant.who.description, grant.effect,
                       grant.actions.map { $0.hasPrefix("acm-pca:") ? String($0.dropFirst(8)) : $0 }.joined(separator: ","),
                       grant.conditions.isEmpty ? "-" : grant.conditions.map(\.words).joined(separator: " and ")])
        }
        return "Who may do what:\n" + table.rendered()
    }

    static func keyValueText(_ lines: [(String, String)]) -> String {
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        return lines.map { SafeText.fitted($0.0, width: width) + "  " + SafeText.escaped($0.1) }.joined(separator: "\n") + "\n"
    }
}

/// `describe CA`: one CA in full.
struct DescribeCommand: OneCACommand {
    static let signature = CommandSignature(
        name: "describe", abstract: "one CA in full, with its ACM renewal state and readiness", arguments: "CA",
        options: [.flag("no-acm", help: "leave out ACM's certificate counts")])

    static func show(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        try await ResourceCommands.describe(arn, session: session, options: options, output: output)
    }

    var ca: String
}

/// `permissions CA`: the CA's permissions and what they mean for ACM renewal.
struct PermissionsCommand: OneCACommand {
    static let signature = CommandSignature(
        name: "permissions", abstract: "the CA's permissions and what they mean for ACM renewal", arguments: "CA")

    static func show(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        try await ResourceCommands.permissions(arn, session: session, options: options, output: output)
    }

    var ca: String
}

/// `policy CA`: the CA's resource policy.
struct PolicyCommand: OneCACommand {
    static let signature = CommandSignature(
        name: "policy", abstract: "the CA's resource policy, and who may do what under it", arguments: "CA",
        discussion: "The summary has one row per statement and principal: an account, an organization (\"*\" with "
            + "aws:PrincipalOrgID), a service or an IAM ARN, the effect, the actions and the conditions. 'share' and "
            + "'unshare' change it.")

    static func show(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        try await ResourceCommands.policy(arn, session: session, options: options, output: output)
    }

    var ca: String
}
