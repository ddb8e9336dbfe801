import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine

/// What `share` and `unshare` have in common: one CA, one principal, the write pipeline.
protocol SharingCommand: PCACommand {
    static var intent: WriteIntent { get }
    var ca: String { get }
    var grant: SharingGrant { get }
    func question(_ arn: String) -> String
}

extension SharingCommand {
    static func grant(_ options: GlobalOptions, issue: Bool) throws -> SharingGrant {
        switch SharingPrincipal.parse(account: options.account, organization: options.organization) {
        case let .success(principal): return SharingGrant(principal: principal, issue: issue)
        case let .failure(error): throw CommandFailure(.usage, error.description)
        }
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        let session = try context.requiredSession
        var targets = await WriteTargets.read(try await context.resolve([ca]), intent: Self.intent, connection: session.connection)
        for index in targets.indices { targets[index].sharing = grant }
        let arn = targets.first?.arn ?? ca
        return try await WriteCommandFlow(context: context, intent: Self.intent).run(targets: targets) { _ in question(arn) }
    }
}

/// `share CA --account ID | --organization o-... [--issue]`: the documented cross-account statements.
struct ShareCommand: SharingCommand {
    static let intent = WriteIntent.share
    static let signature = CommandSignature(
        name: "share", abstract: "share the CA with another account or an organization (its resource policy), verified afterwards",
        arguments: "CA",
        options: [OptionDeclaration("account", value: "ID", help: "the account to share with (12 digits)"),
                  OptionDeclaration("organization", value: "o-xxxxxxxxxx", help: "every account of this organization"),
                  .flag("issue", help: "also IssueCertificate, with the EndEntityCertificate/V1 template only"),
                  .flag("yes", aliases: ["-y"], help: "do not ask before changing AWS"),
                  .flag("dry-run", help: "print the plan, the policy diff and the AWS CLI command; send nothing, ask nothing")],
        discussion: """
            Puts AWS's documented statements for the principal into the CA's resource policy: DescribeCertificateAuthority,
            GetCertificate, GetCertificateAuthorityCertificate, ListPermissions and ListTags, and with --issue
            IssueCertificate when acm-pca:TemplateArn is arn:aws:acm-pca:::template/EndEntityCertificate/V1. For an
            organization the principal is "*" with aws:PrincipalOrgID. Every other statement is kept byte for byte.
            ACM in the other account renews the certificates it gets this way only while the policy is in place and
            the account has ACM's service-linked role (AWSServiceRoleForCertificateManager).
            """)

    var ca: String
    var grant: SharingGrant

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
        grant = try Self.grant(options, issue: options.issue)
    }

    func question(_ arn: String) -> String {
        "Share \(arn) with \(grant.principal) (\(grant.issue ? "read and issue end-entity certificates" : "read only"))?"
    }
}

/// `unshare CA --account ID | --organization o-...`: remove that principal's statements.
struct UnshareCommand: SharingCommand {
    static let intent = WriteIntent.unshare
    static let signature = CommandSignature(
        name: "unshare", abstract: "remove an account's or an organization's statements from the CA's resource policy",
        arguments: "CA",
        options: [OptionDeclaration("account", value: "ID", help: "the account to stop sharing with"),
                  OptionDeclaration("organization", value: "o-xxxxxxxxxx", help: "the organization to stop sharing with"),
                  .flag("yes", aliases: ["-y"], help: "do not ask before changing AWS"),
                  .flag("dry-run", help: "print the plan, the policy diff and the AWS CLI command; send nothing, ask nothing")],
        discussion: """
            Removes every statement that names only this principal; the other statements stay byte for byte, and
            the policy is deleted when none remains. A statement naming this principal beside others is kept and
            named in the plan.
            """)

    var ca: String
    var grant: SharingGrant

    init(arguments: [String], options: GlobalOptions) throws {
        ca = try Self.oneCA(arguments)
        grant = try Self.grant(options, issue: false)
    }

    func question(_ arn: String) -> String {
        "Remove \(grant.principal)'s statements from the resource policy of \(arn)? It can no longer use the CA, "
            + "and ACM there can no longer renew the certificates it issued."
    }
}
