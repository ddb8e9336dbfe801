import Foundation

/// What turning ACM renewal on or off would really send, decided from the current state. The client's
/// enable/disable follow it, and the "equivalent AWS CLI command" is rendered from it, so the command shown
/// is the command run.
public struct RenewalPlan: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        /// DeletePermission for acm.amazonaws.com.
        case deleteGrant
        /// CreatePermission for acm.amazonaws.com with the three renewal actions.
        case createFullGrant
    }

    public var steps: [Step]

    /// The plan to reach `enable` from `current`. An unknown current state plans as if nothing were
    /// granted; the client reads the permissions before it acts and plans again from what it finds.
    public init(current: ACMRenewalState?, enable: Bool) {
        switch (current, enable) {
        case (.enabled?, true), (.disabled?, false): steps = []
        case (.partial?, true): steps = [.deleteGrant, .createFullGrant]
        case (_, true): steps = [.createFullGrant]
        case (_, false): steps = [.deleteGrant]
        }
    }

    public var isEmpty: Bool { steps.isEmpty }

    /// One AWS CLI command per step, every argument shell-quoted.
    public func awsCLICommands(arn: String, region: String) -> [String] {
        steps.map { step in
            switch step {
            case .deleteGrant: return Self.deleteCommand(arn: arn, region: region)
            case .createFullGrant: return Self.createCommand(arn: arn, actions: PermissionAction.acmRenewalActions, region: region)
            }
        }
    }

    /// The steps as one line to paste (`&&` between them), or nil when there is nothing to run.
    public func awsCLILine(arn: String, region: String) -> String? {
        let commands = awsCLICommands(arn: arn, region: region)
        return commands.isEmpty ? nil : commands.joined(separator: " && ")
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
