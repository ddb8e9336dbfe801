import PCAAdmin
import PCAClient

/// The AWS CLI commands shown in the dialog and copied with `C`, rendered from the plan the pipeline
/// follows (`WritePlanner`), with every argument shell-quoted.
public enum CLICommand {
    /// What saving the dialog's choice would run: nothing, the create, the delete, or both for a repair. A state
    /// not read yet plans as if nothing were granted.
    public static func forDialog(current: ACMRenewalState?, enable: Bool, arn: String, region: String) -> [String] {
        plan(current: current, enable: enable, arn: arn).awsCLICommands(region: region)
    }

    /// What `C` copies outside the dialog, where the admin has chosen no change: never a revoke. The grant
    /// (or the repair) for a CA that lacks it, else the command that shows the grants.
    public static func forCopy(renewal: ACMRenewalState?, arn: String, region: String) -> String {
        switch renewal {
        case .disabled?, .partial?:
            return plan(current: renewal, enable: true, arn: arn).awsCLILine(region: region)
                ?? PlannedChange.listCommand(arn: arn, region: region)
        default:
            return PlannedChange.listCommand(arn: arn, region: region)
        }
    }

    /// The plan's requests, whatever the gate would say: the commands show what Save sends once allowed.
    private static func plan(current: ACMRenewalState?, enable: Bool, arn: String) -> PlannedChange {
        var known = current
        if case .unknown? = known { known = nil }
        return WritePlanner.plan(WriteTarget(arn: arn, renewal: known), intent: enable ? .enableRenewal : .disableRenewal,
                                 context: WriteGate.Context(readOnly: ReadOnlyMode(), callerAccount: nil))
    }
}
