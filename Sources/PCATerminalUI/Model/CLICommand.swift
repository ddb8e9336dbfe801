import PCAClient

/// The AWS CLI command that does what the dialog does, shown in the dialog and copied with `C`.
public enum CLICommand {
    public static func forRenewal(enable: Bool, arn: String, region: String) -> String {
        if enable {
            return "aws acm-pca create-permission --certificate-authority-arn \(arn) "
                + "--actions IssueCertificate GetCertificate ListPermissions --principal acm.amazonaws.com --region \(region)"
        }
        return "aws acm-pca delete-permission --certificate-authority-arn \(arn) --principal acm.amazonaws.com --region \(region)"
    }
}
