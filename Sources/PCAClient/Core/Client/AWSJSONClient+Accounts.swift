import Foundation

extension AWSJSONClient {
    /// The same service, transport, retry policy, observer and debug log, with other credentials and
    /// endpoint: another account (a role assumed with `assumeRoleProvider`) or another region. The new client
    /// paces its own requests, so each account and region keeps its own rate limit.
    public func with(credentialProvider: CredentialProvider, endpoint: ResolvedEndpoint) -> AWSJSONClient {
        AWSJSONClient(service: service, endpoint: endpoint, credentialProvider: credentialProvider, transport: transport,
                      retryPolicy: retryPolicy, timeout: timeout, stsEndpoint: stsEndpoint, observer: observer,
                      debugLog: debugLog, now: now, sleep: sleep, random: random)
    }

    /// Credentials of `roleARN`, assumed with this client's own credentials (one MFA code for all the roles
    /// it assumes) at its STS endpoint, refreshed before they expire.
    public func assumeRoleProvider(roleARN: String, sessionName: String) -> RefreshingCredentialProvider {
        RefreshingCredentialProvider(AssumeRoleCredentialProvider(
            roleARN: roleARN, sessionName: sessionName, source: credentialProvider, stsEndpoint: stsEndpoint ?? endpoint,
            transport: transport, timeout: timeout, now: now), now: now)
    }
}
