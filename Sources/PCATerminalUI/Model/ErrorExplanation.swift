import Foundation
import PCAAdmin
import PCAClient

/// An error as the UI shows it: the AWS code, what it means in plain words, and what to do.
public struct ErrorExplanation: Sendable, Hashable, Error {
    public var code: String
    public var message: String
    public var explanation: String
    public var hint: String
    public var requestID: String?

    public init(code: String, message: String, explanation: String, hint: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.explanation = explanation
        self.hint = hint
        self.requestID = requestID
    }

    public init(_ error: Error) {
        switch error {
        case let error as AWSError:
            self = Self.explain(error)
        case let error as ClientError:
            self = Self.explain(error)
        case let error as ACMRenewalVerificationError:
            self.init(code: "VerificationFailed", message: error.description,
                      explanation: "The change was accepted, but reading the permissions back shows something else.",
                      hint: "Someone may have changed the CA at the same time. Reopen the dialog to see the current state.")
        case let error as ErrorExplanation:
            self = error
        default:
            self.init(code: "Error", message: "\(error)", explanation: "The operation failed.", hint: "Press r to reload and try again.")
        }
    }

    private static func explain(_ error: AWSError) -> ErrorExplanation {
        let (explanation, hint): (String, String)
        // STS names it AccessDenied, ACM-PCA AccessDeniedException.
        let denied = error.code == .accessDenied || error.code.rawValue == "AccessDenied"
        switch error.code {
        case _ where denied && error.message.contains("MultiFactorAuthentication"):
            explanation = "AWS did not accept the MFA code, so the profile's role was not assumed."
            hint = "Codes change every 30 seconds: press r and enter the current one."
        case _ where denied && error.message.contains("sts:AssumeRole"):
            explanation = "The profile's role could not be assumed."
            hint = "Check the profile's role_arn and mfa_serial, and that the role's trust policy allows you."
        case .accessDenied:
            explanation = "Your IAM identity is not allowed to do this; nothing was changed."
            hint = "Changing ACM renewal needs acm-pca:CreatePermission, acm-pca:DeletePermission and "
                + "acm-pca:ListPermissions on this CA. Ask your CA administrator, or use an admin profile (P)."
        case .invalidState:
            explanation = "The CA is not in a state that allows this change."
            hint = "Permissions change only while the CA is ACTIVE (or PENDING_CERTIFICATE during creation)."
        case .throttling, .limitExceeded:
            explanation = "AWS throttled the request, even after retries."
            hint = "Wait a few seconds and try again; a smaller --concurrency sends fewer calls at once."
        case .expiredToken, "ExpiredToken", .requestExpired:
            explanation = "Your temporary credentials have expired."
            hint = "Renew them (for SSO: aws sso login --profile NAME), then press r."
        case .unrecognizedClient, .invalidClientTokenId:
            explanation = "AWS does not recognise the access key."
            hint = "Check the profile's keys, or whether they were deactivated."
        case .invalidSignature where error.message.contains("scoped to a valid region") || error.message.contains("scoped to correct region"):
            explanation = "The endpoint serves another region than the one the request was signed for."
            hint = "An endpoint override (pca-local, a VPC endpoint) serves one region: switch back with :region, "
                + "or point --endpoint-url at that region's endpoint."
        case .invalidSignature:
            // AWS words a clock ahead as "not yet current" and one behind as "expired": both are the clock.
            let clock = error.message.hasPrefix("Signature expired") || error.message.hasPrefix("Signature not yet current")
            explanation = clock ? "The request's time is too far from AWS's clock." : "AWS rejected the request signature."
            hint = clock ? "Fix this machine's clock (timedatectl / chrony), then try again."
                : "Check the secret key of the profile in use."
        case .resourceNotFound:
            explanation = "The CA (or the permission) does not exist any more."
            hint = "Press r to reload the list."
        case .permissionAlreadyExists:
            explanation = "The permission already exists."
            hint = "Reopen the dialog to see the current state."
        case .requestFailed:
            explanation = "AWS could not complete the request."
            hint = "Try again; if it persists, check the AWS Health Dashboard."
        case .invalidArn:
            explanation = "The CA's ARN is not valid for this endpoint."
            hint = "Check the region and endpoint in use."
        default:
            explanation = error.statusCode >= 500 ? "AWS had an internal error." : "AWS refused the request."
            hint = "Try again; press L to see the calls that were made."
        }
        return ErrorExplanation(code: error.code.rawValue, message: error.message, explanation: explanation, hint: hint,
                                requestID: error.requestID)
    }

    private static func explain(_ error: ClientError) -> ErrorExplanation {
        switch error {
        case .network, .timedOut:
            return ErrorExplanation(code: "NetworkError", message: error.description,
                                    explanation: "The endpoint could not be reached; nothing was changed.",
                                    hint: "Check the network path to the endpoint (proxy, VPC endpoint, DNS), then try again.")
        case let .credentialsFailed(source, _) where source == "mfa_serial":
            return ErrorExplanation(code: "NoCredentials", message: error.description,
                                    explanation: "The profile's role needs an MFA code, and none was given.",
                                    hint: "Press r to be asked again, or switch to another profile (P).")
        case .noCredentials, .credentialsFailed:
            return ErrorExplanation(code: "NoCredentials", message: error.description,
                                    explanation: "No usable AWS credentials.",
                                    hint: "Set a profile (--profile or P), or log in (aws sso login).")
        case .malformedResponse:
            return ErrorExplanation(code: "MalformedResponse", message: error.description,
                                    explanation: "The endpoint's answer could not be read.",
                                    hint: "A proxy may be answering instead of AWS; check --endpoint-url and HTTPS_PROXY.")
        case .invalidConfiguration:
            return ErrorExplanation(code: "InvalidConfiguration", message: error.description,
                                    explanation: "The configuration is incomplete.", hint: "Set a region (--region or R).")
        }
    }
}
