import Foundation

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or legacy `AWS_SECURITY_TOKEN`) and
/// `AWS_CREDENTIAL_EXPIRATION`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let name = "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
    private let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials? {
        let keyID = environment.nonEmpty("AWS_ACCESS_KEY_ID")
        let secret = environment.nonEmpty("AWS_SECRET_ACCESS_KEY")
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                                  sessionToken: environment.nonEmpty("AWS_SESSION_TOKEN")
                                      ?? environment.nonEmpty("AWS_SECURITY_TOKEN"),
                                  expiration: environment.nonEmpty("AWS_CREDENTIAL_EXPIRATION").flatMap(AWSTimestamp.parseISO8601),
                                  source: "environment")
        default:
            throw ClientError.credentialsFailed(
                source: "environment",
                reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together")
        }
    }
}
