import Foundation
import PCAClient
import PCATerminalText

/// `describe`, `permissions` and `policy`: one CA at a time.
enum ResourceCommands {
    static func arnArgument(_ command: [String]) throws -> String {
        guard command.count >= 2 else { throw CommandFailure(.usage, "\(command[0]) needs a CA ARN") }
        guard command.count == 2 else { throw CommandFailure(.usage, "unexpected argument '\(command[2])'") }
        return command[1]
    }

    static func describe(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let client = session.client
        async let identity = try? client.callerIdentity()
        let authority = try await client.describeCertificateAuthority(arn: arn)
        let renewal = authority.status == .deleted
            ? ACMRenewalState.unknown(reason: "the CA is DELETED; permissions cannot be read")
            : await client.acmRenewalState(arn: arn)
        var listing = CAListing(entry: CAInventoryEntry(authority: authority, renewal: renewal),
                                callerAccount: await identity?.account)
        if options.noACM {
            listing.acmError = "left out (--no-acm)"
        } else {
            do {
                let loaded = try await CertificatesCommand.load(arn, session: session, options: options)
                listing.acm = loaded.certificates
                listing.acmTruncatedAt = loaded.truncatedAt
            } catch {
                listing.acmError = PCAClient.shortReason(error)
            }
        }
        if options.output == .json {
            let raw = try JSONSerialization.jsonObject(with: PCAClient.encoder.encode(authority))
            var object = listing.jsonObject()
            object["certificateAuthority"] = raw
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
        lines += [("ACM renewal", renewal.word + " (" + renewal.description + ")"), ("Readiness", listing.readiness.description)]
        if let failure = listing.readiness.acmFailureReason {
            lines.append(("ACM failure", "renewal failure to expect: \(failure)"))
        }
        if let acm = listing.acm {
            let failed = acm.failedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append(("ACM certificates", "\(acm.total), \(acm.inUse) in use, \(acm.dueWithinWindow) due within 60 days, "
                          + "\(acm.failed) renewals failed" + (failed.isEmpty ? "" : " (\(failed))")
                          + (acm.failed > 0 ? "; 'pca-tui acm-renewal retry' retries them once the grant is in place" : "")))
        } else if let error = listing.acmError {
            lines.append(("ACM certificates", "unreadable: \(error)"))
        }
        output.out(keyValueText(lines))
        return warnIfTruncated([listing], output)
    }

    /// Failure with the warning on standard error when ACM's listing was cut short; success otherwise.
    static func warnIfTruncated(_ listings: [CAListing], _ output: CommandOutput) -> ExitStatus {
        guard let warning = CAListing.truncationWarning(listings) else { return .success }
        output.err(warning)
        return .failure
    }

    static func permissions(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus {
        let permissions = try await session.client.allPermissions(arn: arn)
        let renewal = ACMRenewalState(permissions: permissions)
        if options.output == .json {
            let raw = try JSONSerialization.jsonObject(with: PCAClient.encoder.encode(permissions))
            var object: [String: Any] = ["permissions": raw, "acmRenewal": renewal.word, "summary": renewal.description]
            if case let .partial(_, missing) = renewal { object["acmRenewalMissing"] = missing.map(\.rawValue) }
            output.out(JSONOutput.render(object))
            return .success
        }
        var table = TextTable(["PRINCIPAL", "ACTIONS", "SOURCE ACCOUNT", "CREATED"])
        for permission in permissions {
            table.add([permission.principal ?? "-", (permission.actions ?? []).map(\.rawValue).joined(separator: ","),
                       permission.sourceAccount ?? "-", permission.createdAt.map(AWSTimestamp.iso8601) ?? "-"])
        }
        output.out((permissions.isEmpty ? "No permissions on this CA.\n" : table.rendered()) + renewal.description + "\n")
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
        if options.output == .json {
            output.out(JSONOutput.render(["policy": parsed ?? policy ?? NSNull()]))
        } else if let parsed {
            output.out(JSONOutput.render(parsed))
        } else {
            output.out(policy.map { $0 + "\n" } ?? "No resource policy is attached to this CA.\n")
        }
        return .success
    }

    static func keyValueText(_ lines: [(String, String)]) -> String {
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        return lines.map { SafeText.fitted($0.0, width: width) + "  " + SafeText.escaped($0.1) }.joined(separator: "\n") + "\n"
    }
}
