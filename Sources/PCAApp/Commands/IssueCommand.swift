import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine
import PCAX509
#if canImport(Glibc)
import Glibc
#endif

/// `issue CA --csr FILE`: a certificate from a CSR, as an issuer does it (IssueCertificate, then GetCertificate
/// as the SDK waiter does), through the write pipeline, saved as PEM.
struct IssueCommand: PCACommand {
    static let signature = CommandSignature(
        name: "issue", abstract: "issue a certificate from a CSR (IssueCertificate, wait, GetCertificate) and save it",
        arguments: "CA",
        options: [OptionDeclaration("csr", value: "FILE", help: "the request: PEM (CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST) or DER"),
                  OptionDeclaration("template", value: "NAME", help: "an AWS template, e.g. EndEntityServerAuthCertificate/V1 (default EndEntityCertificate/V1)"),
                  OptionDeclaration("validity-days", value: "N", help: "days of validity (default 365)"),
                  OptionDeclaration("validity-end", value: "DATE", help: "the last day instead, YYYY-MM-DD (UTC)"),
                  OptionDeclaration("signing-algorithm", value: "ALG", help: "default: the CA's own (SHA256WITHRSA, SHA384WITHECDSA, ...)"),
                  OptionDeclaration("idempotency-token", value: "T", help: "the same token within an hour returns the same certificate"),
                  OptionDeclaration("out", value: "FILE", help: "write the certificate here (PEM, mode 0644)"),
                  OptionDeclaration("chain-out", value: "FILE", help: "write the chain here (PEM, mode 0644)"),
                  .flag("force", help: "overwrite --out and --chain-out files that exist"),
                  .flag("dry-run", help: "check the request and print the plan and the AWS CLI commands; send nothing"),
                  .flag("yes", aliases: ["-y"], help: "do not ask before issuing")],
        discussion: """
            The CSR is read and checked before anything is sent: it must parse, and the signing algorithm's family
            must match the CA's key (an RSA CA signs with SHA*WITHRSA, an EC CA with SHA*WITHECDSA; any key type
            in the CSR is fine). A validity that outlives the CA is refused with the date it may run until.
            Files are never written over without --force. Works with a CA another account shares with yours
            through its resource policy.
            """)

    var ca: String
    var request: IssuanceRequest

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
        guard let path = options.csrPath else { throw CommandFailure(.usage, "issue needs --csr FILE") }
        let csr: CertificationRequest
        do {
            csr = try CertificationRequest.read(path: path)
        } catch {
            throw CommandFailure(.usage, "\(path) is not a certificate signing request (\(error)); nothing was sent")
        }
        var template = CertificateTemplate.endEntity
        if let name = options.template {
            guard let named = CertificateTemplate.named(name) else {
                throw CommandFailure(.usage, "no template '\(name)'; templates: "
                                     + CertificateTemplate.all.map(\.name).joined(separator: ", "))
            }
            template = named
        }
        if options.validityDays != nil, options.validityEnd != nil {
            throw CommandFailure(.usage, "give --validity-days or --validity-end, not both")
        }
        var validity = IssuanceRequest.ValidityChoice.days(options.validityDays ?? 365)
        if let end = options.validityEnd {
            guard let date = Self.endOfDay(end) else {
                throw CommandFailure(.usage, "'\(end)' is not a date for --validity-end: expected YYYY-MM-DD")
            }
            validity = .endDate(date)
        }
        var algorithm: SigningAlgorithm?
        if let name = options.signingAlgorithm?.uppercased() {
            algorithm = SigningAlgorithm(rawValue: name)
            guard SigningAlgorithm.allKnown.contains(SigningAlgorithm(rawValue: name)) else {
                throw CommandFailure(.usage, "no signing algorithm '\(name)'; one of "
                                     + SigningAlgorithm.allKnown.map(\.rawValue).joined(separator: ", "))
            }
        }
        try Self.checkOutputs(options)
        request = IssuanceRequest(csr: csr, csrPath: path, template: template, validity: validity, signingAlgorithm: algorithm,
                                  idempotencyToken: options.idempotencyToken)
    }

    /// The files the certificate and chain go to, checked before anything is sent, so an issued certificate is
    /// never lost to a path that cannot be written: distinct, in a folder that exists, nothing there (not even a
    /// dangling symlink) unless --force, and never a symlink or anything but a regular file.
    static func checkOutputs(_ options: GlobalOptions) throws {
        let paths = [options.outPath, options.chainOutPath].compactMap { $0 }
        if paths.count == 2, paths[0] == paths[1] {
            throw CommandFailure(.usage, "--out and --chain-out name the same file; nothing was sent")
        }
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue,
                  access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
                throw CommandFailure(.usage, "cannot write \(path): its folder does not exist or is not writable; nothing was sent")
            }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT != S_IFREG {
                throw CommandFailure(.usage, "\(path) exists and is not a regular file (a symlink?); nothing was sent")
            }
            if !options.force {
                throw CommandFailure(.usage, "\(path) exists; pass --force to write over it (nothing was sent)")
            }
        }
    }

    /// `2027-06-30` as the end of that day, UTC.
    static func endOfDay(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text).map { $0.addingTimeInterval(86_399) }
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let session = try context.requiredSession
        let options = context.options
        let output = context.output
        let arn = try await context.resolve([ca])[0]
        let pipeline = WriteCommandFlow.pipeline(session: session, context: context)
        var target = WriteTarget(arn: arn)
        if let authority = try? await session.client.describeCertificateAuthority(arn: arn) {
            target = WriteTarget(arn: arn, name: authority.commonName, ownerAccount: authority.ownerAccount, status: authority.status)
            target.authority = authority
        }
        target.issuance = request
        let change = await pipeline.plan([target], intent: .issueCertificate)[0]
        let commands = change.awsCLICommands(region: session.region)
            + [ShellWords.join(["aws", "acm-pca", "wait", "certificate-issued", "--certificate-authority-arn", arn,
                                "--certificate-arn", "ARN", "--region", session.region])]
        if let refusal = change.refusal, !options.dryRun {
            _ = await pipeline.apply(change)
            throw CommandFailure(.refused, "\(refusal.description) Nothing was sent.")
        }
        if case let .unreadable(reason) = change.kind { throw CommandFailure(.failure, "\(reason); nothing was sent") }
        if options.dryRun {
            // A dry run shows the plan, refused or not, and writes nothing: not even a refusal to the journal.
            let shown = change.refusal == nil ? commands : []
            if options.output == .json {
                output.out(JSONOutput.render(["dryRun": true, "plan": change.words, "notes": change.notes, "awsCliCommands": shown,
                                              "reason": change.refusal.map { $0.description as Any } ?? NSNull()]))
            } else {
                output.out("Plan: \(change.words) from \(target.name)\n" + change.notes.map { "note: \($0)\n" }.joined()
                           + (change.refusal.map { "refused: \($0.description)\n" } ?? "")
                           + shown.map { "  \($0)\n" }.joined() + "Dry run: nothing was sent.\n")
            }
            return .success
        }
        if !options.yes {
            guard output.isInteractive, let confirm = output.confirm else {
                throw CommandFailure(.usage, "issue asks the CA to sign; without a terminal to confirm on, pass --yes")
            }
            guard confirm("Issue a certificate for \(request.csr.subject) from \(target.name) (\(request.template.name))?") else {
                throw CommandFailure(.refused, "cancelled; nothing was sent")
            }
        }
        let result = await pipeline.apply(change)
        return try report(result, options: options, output: output)
    }

    private func report(_ result: WriteResult, options: GlobalOptions, output: CommandOutput) throws -> ExitStatus {
        switch result.status {
        case let .failed(error, _): throw error
        case let .refused(refusal): throw CommandFailure(.refused, "\(refusal.description) Nothing was sent.")
        case let .unreadable(reason): throw CommandFailure(.failure, "\(reason); nothing was sent")
        case let .skipped(reason): throw CommandFailure(.refused, "not started: \(reason)")
        default: break
        }
        guard let issued = result.issued else { throw CommandFailure(.failure, result.summary) }
        var files: [String: String] = [:]
        do {
            if let path = options.outPath, let pem = issued.certificate {
                try Self.write(pem, to: path, force: options.force)
                files["certificate"] = path
            }
            if let path = options.chainOutPath, let pem = issued.chain {
                try Self.write(pem, to: path, force: options.force)
                files["chain"] = path
            }
        } catch {
            // The certificate exists in AWS: never lose it to a file that could not be written.
            output.out("Issued \(issued.certificateArn)\n" + (issued.certificate ?? "") + (issued.chain ?? ""))
            throw CommandFailure(.failure, "the certificate \(issued.certificateArn) was issued, but \(error); it is printed above, "
                                 + "and 'aws acm-pca get-certificate' fetches it again")
        }
        let certificate = issued.certificate.flatMap { try? Certificate(pem: $0) }
        if options.output == .json {
            var object: [String: Any] = ["certificateArn": issued.certificateArn, "files": files,
                                         "verified": { if case .done = result.status { return true } else { return false } }()]
            if let certificate {
                object["serial"] = certificate.serial
                object["subject"] = certificate.subject.description
                object["subjectAlternativeNames"] = certificate.extensions.subjectAlternativeNames
                object["notBefore"] = AWSTimestamp.iso8601(certificate.notBefore)
                object["notAfter"] = AWSTimestamp.iso8601(certificate.notAfter)
                object["sha256Fingerprint"] = certificate.sha256Fingerprint
            }
            if case let .notVerified(reason) = result.status { object["error"] = reason }
            output.out(JSONOutput.render(object))
        } else {
            var text = "Issued \(issued.certificateArn)\n"
            if let certificate { text += CertificateSummary.lines(certificate).map { "  \($0.0): \($0.1)\n" }.joined() }
            for (kind, path) in files.sorted(by: { $0.key > $1.key }) { text += "Saved the \(kind) to \(path)\n" }
            if case let .notVerified(reason) = result.status { text += "Not fetched yet: \(reason)\n" }
            if issued.certificate != nil, options.outPath == nil { text += issued.certificate ?? "" }
            output.out(text)
        }
        if case .notVerified = result.status { return .notVerified }
        return .success
    }

    /// Writes a PEM file 0644, never over an existing file unless `force`.
    static func write(_ text: String, to path: String, force: Bool) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw CommandFailure(.failure, "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, 0o644)
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            throw CommandFailure(.failure, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
