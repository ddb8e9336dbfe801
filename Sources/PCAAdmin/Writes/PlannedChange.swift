import Foundation
import PCAClient

/// One request a change sends.
public enum WriteStep: Sendable, Hashable {
    /// DeletePermission for acm.amazonaws.com.
    case deleteGrant
    /// CreatePermission for acm.amazonaws.com with the three renewal actions.
    case createFullGrant
    /// RenewCertificate for one ACM certificate.
    case renew(certificateArn: String)
    /// IssueCertificate from the request's CSR, then GetCertificate until it is issued.
    case issueCertificate
    /// PutPolicy with this text.
    case putPolicy(String)
    /// DeletePolicy.
    case deletePolicy
}

/// What one CA gets from an intent, decided before anything is sent; both faces show it with these words.
public struct PlannedChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case grant
        /// A partial grant replaced by the full one.
        case repair
        case revoke
        case retry
        case issue
        /// A share or an unshare that puts a new resource policy.
        case putPolicy
        /// An unshare that leaves no statement: the policy is deleted.
        case deletePolicy
        /// Already as asked.
        case nothing
        /// Refused by the gate, with the reason.
        case refused(WriteRefusal)
        /// What the plan needs could not be read (the permissions, the tags a filter needs), with the error.
        case unreadable(String)
    }

    public var target: WriteTarget
    public var intent: WriteIntent
    public var kind: Kind
    public var steps: [WriteStep]
    /// Said beside the plan: a CA that is not ACTIVE yet, certificates a retry leaves out and why.
    public var notes: [String]
    /// For an issuance: the request, with the defaults filled in.
    public var issuance: IssuanceRequest?

    public init(target: WriteTarget, intent: WriteIntent, kind: Kind, steps: [WriteStep] = [], notes: [String] = [],
                issuance: IssuanceRequest? = nil) {
        self.target = target
        self.intent = intent
        self.kind = kind
        self.steps = steps
        self.notes = notes
        self.issuance = issuance
    }

    /// True when applying it sends requests.
    public var sendsRequests: Bool { !steps.isEmpty }

    public var refusal: WriteRefusal? {
        if case let .refused(refusal) = kind { return refusal }
        return nil
    }

    /// The kind in one word, for JSON and tests: `grant`, `repair`, `revoke`, `retry`, `issue`, `put-policy`,
    /// `delete-policy`, `nothing`, `refused` or `unreadable`.
    public var kindWord: String {
        switch kind {
        case .grant: return "grant"
        case .repair: return "repair"
        case .revoke: return "revoke"
        case .retry: return "retry"
        case .issue: return "issue"
        case .putPolicy: return "put-policy"
        case .deletePolicy: return "delete-policy"
        case .nothing: return "nothing"
        case .refused: return "refused"
        case .unreadable: return "unreadable"
        }
    }

    /// The plan in a few words, the same in the UI, the commands and the journal.
    public var words: String {
        switch kind {
        case .grant: return "grant"
        case .repair: return "repair (delete the partial grant, create the full one)"
        case .revoke: return "revoke"
        case .retry:
            let count = steps.count
            return "retry \(count) failed \(count == 1 ? "renewal" : "renewals")"
        case .issue:
            return "issue \(issuance?.csr.subject.description ?? "a certificate") by \(issuance?.template.name ?? "the default template")"
        case .putPolicy, .deletePolicy:
            return sharingWords
        case .nothing:
            switch intent {
            case .enableRenewal: return "nothing: already enabled"
            case .disableRenewal: return "nothing: already off"
            case .retryRenewals: return "nothing: no failed renewal"
            case .issueCertificate: return "nothing"
            case .share: return "nothing: already shared as asked"
            case .unshare: return "nothing: not shared with it"
            }
        case let .refused(refusal): return "refused: \(refusal.shortReason)"
        case let .unreadable(reason): return "unreadable: \(reason)"
        }
    }

    /// One AWS CLI command per step, every argument shell-quoted: the commands shown are the requests sent.
    public func awsCLICommands(region: String) -> [String] {
        steps.map { step in
            switch step {
            case .deleteGrant: return Self.deleteCommand(arn: target.arn, region: region)
            case .createFullGrant:
                return Self.createCommand(arn: target.arn, actions: PermissionAction.acmRenewalActions, region: region)
            case let .renew(certificateArn):
                return ShellWords.join(["aws", "acm", "renew-certificate", "--certificate-arn", certificateArn, "--region", region])
            case .issueCertificate:
                return issueCommand(region: region)
            case .putPolicy:
                return Self.putPolicyCommand(arn: target.arn, region: region)
            case .deletePolicy:
                return ShellWords.join(["aws", "acm-pca", "delete-policy", "--resource-arn", target.arn, "--region", region])
            }
        }
    }

    /// The steps as one line to paste (`&&` between them), or nil when there is nothing to run.
    public func awsCLILine(region: String) -> String? {
        let commands = awsCLICommands(region: region)
        return commands.isEmpty ? nil : commands.joined(separator: " && ")
    }

    /// `aws acm-pca issue-certificate ... --csr fileb://PATH ...`: the CSR as a binary file, the CLI's well-known trap.
    func issueCommand(region: String) -> String {
        guard let issuance else { return "" }
        var words = ["aws", "acm-pca", "issue-certificate", "--certificate-authority-arn", target.arn,
                     "--csr", "fileb://" + (issuance.csrPath ?? "request.csr"),
                     "--signing-algorithm", issuance.signingAlgorithm?.rawValue ?? "?",
                     "--validity", "Value=\(issuance.apiValidity.value),Type=\(issuance.apiValidity.type.rawValue)",
                     "--template-arn", issuance.template.arn]
        if let token = issuance.idempotencyToken { words += ["--idempotency-token", token] }
        return ShellWords.join(words + ["--region", region])
    }

    public static func createCommand(arn: String, actions: [PermissionAction], region: String) -> String {
        ShellWords.join(["aws", "acm-pca", "create-permission", "--certificate-authority-arn", arn,
                         "--actions"] + actions.map(\.rawValue)
                        + ["--principal", ACMRenewalState.acmPrincipal, "--region", region])
    }

    public static func deleteCommand(arn: String, region: String) -> String {
        ShellWords.join(["aws", "acm-pca", "delete-permission", "--certificate-authority-arn", arn,
                         "--principal", ACMRenewalState.acmPrincipal, "--region", region])
    }

    /// The read-only command that shows the grants.
    public static func listCommand(arn: String, region: String) -> String {
        ShellWords.join(["aws", "acm-pca", "list-permissions", "--certificate-authority-arn", arn, "--region", region])
    }
}
