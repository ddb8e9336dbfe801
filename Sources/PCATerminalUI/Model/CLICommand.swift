import PCAClient

/// The AWS CLI commands shown in the dialog and copied with `C`, rendered from the same plan the client
/// follows, with every argument shell-quoted.
public enum CLICommand {
    /// What saving the dialog's choice would run: nothing, the create, the delete, or both for a repair.
    public static func forDialog(current: ACMRenewalState?, enable: Bool, arn: String, region: String) -> [String] {
        RenewalPlan(current: current, enable: enable).awsCLICommands(arn: arn, region: region)
    }

    /// What `C` copies outside the dialog, where the admin has chosen no change: never a revoke. The grant
    /// (or the repair) for a CA that lacks it, else the command that shows the grants.
    public static func forCopy(renewal: ACMRenewalState?, arn: String, region: String) -> String {
        switch renewal {
        case .disabled?, .partial?:
            return RenewalPlan(current: renewal, enable: true).awsCLILine(arn: arn, region: region)
                ?? RenewalPlan.listCommand(arn: arn, region: region)
        default:
            return RenewalPlan.listCommand(arn: arn, region: region)
        }
    }
}
