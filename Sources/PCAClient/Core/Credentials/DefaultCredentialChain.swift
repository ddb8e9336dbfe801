import Foundation

/// The AWS CLI's default chain: explicit keys, environment (unless `--profile` was given), web identity
/// from the environment, the profile
/// (role, SSO, credentials file, credential_process, config file), container, EC2 instance metadata.
public enum DefaultCredentialChain {
    public static func make(context: CredentialContext) -> RefreshingCredentialProvider {
        let settings = context.settings
        var providers: [CredentialProvider] = []
        if let explicit = settings.options.credentials {
            providers.append(StaticCredentialProvider(explicit))
        }
        if !settings.profileIsExplicit {
            providers.append(EnvironmentCredentialProvider(environment: settings.environment))
        }
        if let webIdentity = WebIdentityCredentialProvider(environment: settings.environment, context: context) {
            providers.append(webIdentity)
        }
        providers.append(ProfileCredentialProvider(profile: settings.profileName, context: context))
        providers.append(ContainerCredentialProvider(environment: settings.environment, transport: context.transport))
        providers.append(InstanceMetadataCredentialProvider(environment: settings.environment, transport: context.transport))
        return RefreshingCredentialProvider(CredentialChain(providers), now: context.now)
    }
}
