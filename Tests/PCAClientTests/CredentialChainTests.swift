import Foundation
import PCACrypto
@testable import PCAClient
import XCTest

final class CredentialChainTests: XCTestCase {
    private let unreachable = RecordingTransport { request, _ in
        throw ClientError.network("no route to \(request.url.host ?? "")")
    }

    private func settings(config: String = "", credentials: String = "", profile: String? = nil,
                          environment: [String: String] = [:]) throws -> ClientSettings {
        var files = SharedConfigFiles()
        files.addConfigFile(config)
        files.addCredentialsFile(credentials)
        return try ClientSettings(options: ClientOptions(profile: profile, region: "us-east-1"),
                                  environment: environment, files: files)
    }

    private func resolve(_ settings: ClientSettings, transport: HTTPTransport? = nil,
                         mfa: @escaping MFACodePrompt = { _ in XCTFail("no MFA expected"); return "" }) async throws -> AWSCredentials? {
        let context = CredentialContext(settings: settings, transport: transport ?? unreachable,
                                        now: { Date(timeIntervalSince1970: 1_800_000_000) }, mfaPrompt: mfa)
        return try await DefaultCredentialChain.make(context: context).credentials()
    }

    func testEnvironmentWinsOverProfile() async throws {
        let settings = try settings(credentials: "[default]\naws_access_key_id = FILE\naws_secret_access_key = f\n",
                                    environment: ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e",
                                                  "AWS_SESSION_TOKEN": "tok"])
        let found = try await resolve(settings)
        XCTAssertEqual(found?.accessKeyID, "ENV")
        XCTAssertEqual(found?.sessionToken, "tok")
        XCTAssertEqual(found?.source, "environment")
    }

    func testExplicitProfileSkipsEnvironment() async throws {
        let settings = try settings(credentials: "[dev]\naws_access_key_id = DEV\naws_secret_access_key = d\n",
                                    profile: "dev", environment: ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e"])
        let found = try await resolve(settings)
        XCTAssertEqual(found?.accessKeyID, "DEV")
    }

    func testAWSProfileVariableDoesNotSkipEnvironment() async throws {
        let settings = try settings(credentials: "[dev]\naws_access_key_id = DEV\naws_secret_access_key = d\n",
                                    environment: ["AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e"])
        let found = try await resolve(settings)
        XCTAssertEqual(found?.accessKeyID, "ENV")
    }

    func testHalfSetEnvironmentIsAnError() async throws {
        let settings = try settings(environment: ["AWS_ACCESS_KEY_ID": "ENV"])
        do {
            _ = try await resolve(settings)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("must be set together"), "\(error)")
        }
    }

    func testCredentialsFileBeatsConfigFileKeys() async throws {
        let settings = try settings(config: "[default]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n",
                                    credentials: "[default]\naws_access_key_id = CREDS\naws_secret_access_key = c\naws_session_token = T\n")
        let found = try await resolve(settings)
        XCTAssertEqual(found?.accessKeyID, "CREDS")
        XCTAssertEqual(found?.sessionToken, "T")
        let configOnly = try self.settings(config: "[default]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n")
        let fromConfig = try await resolve(configOnly)
        XCTAssertEqual(fromConfig?.accessKeyID, "CONFIG")
    }

    func testNoCredentialsListsWhatWasTried() async throws {
        let settings = try settings(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        do {
            _ = try await resolve(settings)
            XCTFail("expected an error")
        } catch let ClientError.noCredentials(tried) {
            XCTAssertEqual(tried.count, 4)
            XCTAssertTrue(tried[0].contains("environment"))
            XCTAssertTrue(tried[1].contains("profile 'default'"))
            XCTAssertTrue(tried[2].contains("container"))
            XCTAssertTrue(tried[3].contains("instance metadata"))
            XCTAssertTrue("\(ClientError.noCredentials(tried: tried))".hasPrefix("no AWS credentials found. Tried: "))
        }
    }

    func testCredentialProcess() async throws {
        let directory = try temporaryDirectory(self)
        let script = directory.appendingPathComponent("creds with space.sh")
        try """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "PROC", "SecretAccessKey": "p", "SessionToken": "pt", "Expiration": "2030-01-01T00:00:00Z"}'
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let settings = try settings(config: "[default]\ncredential_process = \"\(script.path)\" --flag\n")
        let found = try await resolve(settings)
        XCTAssertEqual(found?.accessKeyID, "PROC")
        XCTAssertEqual(found?.sessionToken, "pt")
        XCTAssertEqual(found?.expiration, AWSTimestamp.parseISO8601("2030-01-01T00:00:00Z"))
    }

    func testCredentialProcessFailureCarriesStderr() async throws {
        let directory = try temporaryDirectory(self)
        let script = directory.appendingPathComponent("fail.sh")
        try "#!/bin/sh\necho 'token expired, log in again' >&2\nexit 3\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let settings = try settings(config: "[default]\ncredential_process = \(script.path)\n")
        do {
            _ = try await resolve(settings)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("status 3"), "\(error)")
            XCTAssertTrue("\(error)".contains("token expired, log in again"), "\(error)")
        }
    }

    func testCredentialProcessJSONRules() {
        XCTAssertThrowsError(try CredentialProcessProvider.parse(Data(#"{"Version":2,"AccessKeyId":"a","SecretAccessKey":"b"}"#.utf8), source: "t"))
        XCTAssertThrowsError(try CredentialProcessProvider.parse(Data(#"{"Version":"1","AccessKeyId":"a","SecretAccessKey":"b"}"#.utf8), source: "t"))
        XCTAssertThrowsError(try CredentialProcessProvider.parse(Data(#"{"Version":1,"AccessKeyId":"a"}"#.utf8), source: "t"))
        XCTAssertThrowsError(try CredentialProcessProvider.parse(Data("not json".utf8), source: "t"))
        let ok = try? CredentialProcessProvider.parse(Data(#"{"Version":1,"AccessKeyId":"a","SecretAccessKey":"b"}"#.utf8), source: "t")
        XCTAssertNil(ok?.expiration)
        XCTAssertNil(ok?.sessionToken)
    }

    func testShellWordSplitting() {
        XCTAssertEqual(ShellWords.split(#"/bin/tool --a "b c" 'd e' f\ g"#), ["/bin/tool", "--a", "b c", "d e", "f g"])
        XCTAssertEqual(ShellWords.split("  a   b "), ["a", "b"])
        XCTAssertEqual(ShellWords.split(#"x """#), ["x", ""])
    }


    func testAssumeRoleWithSourceProfileAndMFA() async throws {
        let sts = stsTransport(assumeRoleXML)
        let settings = try settings(
            config: """
                [profile admin]
                role_arn = arn:aws:iam::123456789012:role/Admin
                source_profile = base
                mfa_serial = arn:aws:iam::123456789012:mfa/alice
                external_id = ext-1
                duration_seconds = 1800
                role_session_name = alice
                """,
            credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n",
            profile: "admin")
        let found = try await resolve(settings, transport: sts, mfa: { serial in
            XCTAssertEqual(serial, "arn:aws:iam::123456789012:mfa/alice")
            return "123456"
        })
        XCTAssertEqual(found?.accessKeyID, "ASIAROLE")
        XCTAssertEqual(found?.sessionToken, "role-token&more")
        XCTAssertEqual(found?.expiration, AWSTimestamp.parseISO8601("2027-01-15T12:00:00Z"))
        let request = try XCTUnwrap(sts.requests.first)
        XCTAssertEqual(request.url.absoluteString, "https://sts.us-east-1.amazonaws.com/")
        XCTAssertEqual(request.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8")
        let body = String(decoding: request.body, as: UTF8.self)
        XCTAssertEqual(body, "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAdmin"
                       + "&RoleSessionName=alice&ExternalId=ext-1&DurationSeconds=1800"
                       + "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Falice&TokenCode=123456")
        XCTAssertTrue(request.header("Authorization")!.contains("Credential=AKIDBASE/20270115/us-east-1/sts/aws4_request"))
    }

    func testChainedRolesAndLoops() async throws {
        let sts = stsTransport(assumeRoleXML)
        let chained = try settings(config: """
            [profile a]
            role_arn = arn:aws:iam::1:role/A
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/B
            source_profile = c
            [profile c]
            aws_access_key_id = C
            aws_secret_access_key = c
            """, profile: "a")
        _ = try await resolve(chained, transport: sts)
        XCTAssertEqual(sts.requests.count, 2)
        XCTAssertTrue(sts.requests[0].header("Authorization")!.contains("Credential=C/"))
        XCTAssertTrue(sts.requests[1].header("Authorization")!.contains("Credential=ASIAROLE/"))

        let looped = try settings(config: """
            [profile a]
            role_arn = arn:aws:iam::1:role/A
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/B
            source_profile = a
            """, profile: "a")
        do {
            _ = try await resolve(looped, transport: sts)
            XCTFail("expected a loop error")
        } catch {
            XCTAssertTrue("\(error)".contains("loop"), "\(error)")
        }
    }

    func testAssumeRoleWithCredentialSourceEnvironment() async throws {
        let sts = stsTransport(assumeRoleXML)
        let settings = try settings(config: "[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n",
                                    profile: "r", environment: ["AWS_ACCESS_KEY_ID": "ENVSRC", "AWS_SECRET_ACCESS_KEY": "x"])
        let found = try await resolve(settings, transport: sts)
        XCTAssertEqual(found?.accessKeyID, "ASIAROLE")
        XCTAssertTrue(sts.requests[0].header("Authorization")!.contains("Credential=ENVSRC/"))
    }

    func testAssumeRoleErrorIsTyped() async throws {
        let sts = RecordingTransport { _, _ in
            HTTPResponse(statusCode: 403, body: Data("""
                <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed to assume</Message></Error><RequestId>rq</RequestId></ErrorResponse>
                """.utf8))
        }
        let settings = try settings(config: "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = r\naws_access_key_id = K\naws_secret_access_key = S\n",
                                    profile: "r")
        do {
            _ = try await resolve(settings, transport: sts)
            XCTFail("expected an error")
        } catch let error as AWSError {
            XCTAssertEqual(error.code.rawValue, "AccessDenied")
            XCTAssertEqual(error.message, "not allowed to assume")
            XCTAssertEqual(error.requestID, "rq")
        }
    }

    private func ssoSettings(home: URL, legacy: Bool = false) throws -> ClientSettings {
        let config = legacy ? """
            [profile sso]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 111122223333
            sso_role_name = PCAAdmin
            """ : """
            [profile sso]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = PCAAdmin
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            """
        return try settings(config: config, profile: "sso", environment: ["HOME": home.path])
    }

    private func writeToken(home: URL, key: String, expires: String) throws {
        let cache = home.appendingPathComponent(".aws/sso/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try #"{"accessToken":"bearer-123","expiresAt":"\#(expires)","region":"eu-west-1"}"#
            .write(to: cache.appendingPathComponent(SHA1.hash(key).hexString + ".json"), atomically: true, encoding: .utf8)
    }

    func testSSOSessionProfileExchangesCachedToken() async throws {
        let home = try temporaryDirectory(self)
        try writeToken(home: home, key: "corp", expires: "2030-01-01T00:00:00Z")
        let portal = RecordingTransport { _, _ in
            json(200, #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s","sessionToken":"t","expiration":1900000000000}}"#)
        }
        let found = try await resolve(try ssoSettings(home: home), transport: portal)
        XCTAssertEqual(found?.accessKeyID, "ASIASSO")
        XCTAssertEqual(found?.expiration, Date(timeIntervalSince1970: 1_900_000_000))
        let request = try XCTUnwrap(portal.requests.first)
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.url.absoluteString,
                       "https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?role_name=PCAAdmin&account_id=111122223333")
        XCTAssertEqual(request.header("x-amz-sso_bearer_token"), "bearer-123")
    }

    func testLegacySSOProfileUsesStartURLCacheKey() async throws {
        let home = try temporaryDirectory(self)
        try writeToken(home: home, key: "https://corp.awsapps.com/start", expires: "2030-01-01T00:00:00Z")
        let portal = RecordingTransport { _, _ in
            json(200, #"{"roleCredentials":{"accessKeyId":"ASIALEGACY","secretAccessKey":"s","sessionToken":"t","expiration":1900000000000}}"#)
        }
        let found = try await resolve(try ssoSettings(home: home, legacy: true), transport: portal)
        XCTAssertEqual(found?.accessKeyID, "ASIALEGACY")
    }

    func testExpiredSSOTokenSaysToLogIn() async throws {
        let home = try temporaryDirectory(self)
        try writeToken(home: home, key: "corp", expires: "2020-01-01T00:00:00Z")
        do {
            _ = try await resolve(try ssoSettings(home: home))
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("aws sso login --profile sso"), "\(error)")
        }
    }

    func testContainerCredentialsRelativeURIWithToken() async throws {
        let directory = try temporaryDirectory(self)
        let tokenFile = directory.appendingPathComponent("token")
        try "file-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let endpoint = RecordingTransport { _, _ in
            json(200, #"{"AccessKeyId":"ASIAECS","SecretAccessKey":"s","Token":"t","Expiration":"2030-01-01T00:00:00Z"}"#)
        }
        let settings = try settings(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
                                                  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
                                                  "AWS_CONTAINER_AUTHORIZATION_TOKEN": "env-token"])
        let found = try await resolve(settings, transport: endpoint)
        XCTAssertEqual(found?.accessKeyID, "ASIAECS")
        XCTAssertEqual(endpoint.requests.first?.url.absoluteString, "http://169.254.170.2/v2/credentials/abc")
        XCTAssertEqual(endpoint.requests.first?.header("Authorization"), "file-token")
    }

    func testContainerFullURIMustBeLocalOrHTTPS() async throws {
        let settings = try settings(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://evil.example.com/creds"])
        do {
            _ = try await resolve(settings)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("https"), "\(error)")
        }
        let local = RecordingTransport { _, _ in json(200, #"{"AccessKeyId":"ASIALOCAL","SecretAccessKey":"s"}"#) }
        let found = try await resolve(try self.settings(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/c"]),
                                      transport: local)
        XCTAssertEqual(found?.accessKeyID, "ASIALOCAL")
    }

    func testIMDSv2TokenFlow() async throws {
        let imds = RecordingTransport { request, _ in
            let path = String(request.url.absoluteString.dropFirst("http://127.0.0.1:1338".count))
            switch (request.method, path) {
            case ("PUT", "/latest/api/token"):
                XCTAssertEqual(request.header("X-aws-ec2-metadata-token-ttl-seconds"), "21600")
                return HTTPResponse(statusCode: 200, body: Data("imds-token".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                XCTAssertEqual(request.header("X-aws-ec2-metadata-token"), "imds-token")
                return HTTPResponse(statusCode: 200, body: Data("bastion-role\n".utf8))
            case ("GET", "/latest/meta-data/iam/security-credentials/bastion-role"):
                XCTAssertEqual(request.header("X-aws-ec2-metadata-token"), "imds-token")
                return json(200, #"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAEC2","SecretAccessKey":"s","Token":"t","Expiration":"2030-03-23T08:13:35Z"}"#)
            default:
                return HTTPResponse(statusCode: 404)
            }
        }
        let found = try await resolve(try settings(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338/"]),
                                      transport: imds)
        XCTAssertEqual(found?.accessKeyID, "ASIAEC2")
        XCTAssertEqual(found?.source, "EC2 instance role bastion-role")
        XCTAssertEqual(imds.requests.first?.url.absoluteString, "http://127.0.0.1:1338/latest/api/token")
    }

    func testIMDSv1FallbackAndV1Disabled() async throws {
        let imds = RecordingTransport { request, _ in
            if request.method == "PUT" { return HTTPResponse(statusCode: 403) }
            XCTAssertNil(request.header("X-aws-ec2-metadata-token"))
            return request.url.absoluteString.hasSuffix("/security-credentials/") ? HTTPResponse(statusCode: 200, body: Data("r".utf8))
                : json(200, #"{"Code":"Success","AccessKeyId":"ASIAV1","SecretAccessKey":"s","Token":"t"}"#)
        }
        let found = try await resolve(try settings(), transport: imds)
        XCTAssertEqual(found?.accessKeyID, "ASIAV1")
        do {
            _ = try await resolve(try settings(environment: ["AWS_EC2_METADATA_V1_DISABLED": "true"]), transport: imds)
            XCTFail("expected no credentials")
        } catch ClientError.noCredentials {
        }
    }

    func testRefreshingProviderRefreshesBeforeExpiry() async throws {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_000_000) }
        let clock = Clock()
        let calls = Collector<Int>()
        struct Source: CredentialProvider {
            let calls: Collector<Int>
            let clock: Clock
            var name: String { "source" }
            func credentials() async throws -> AWSCredentials? {
                calls.append(1)
                return AWSCredentials(accessKeyID: "K\(calls.values.count)", secretAccessKey: "s", sessionToken: "t",
                                      expiration: clock.now.addingTimeInterval(3600))
            }
        }
        let provider = RefreshingCredentialProvider(Source(calls: calls, clock: clock), now: { clock.now })
        let first = try await provider.credentials()
        let cached = try await provider.credentials()
        XCTAssertEqual(first?.accessKeyID, "K1")
        XCTAssertEqual(cached?.accessKeyID, "K1")
        clock.now = clock.now.addingTimeInterval(3600 - 5 * 60)
        let refreshed = try await provider.credentials()
        XCTAssertEqual(refreshed?.accessKeyID, "K2", "credentials within 10 minutes of expiry are replaced")
        XCTAssertEqual(calls.values.count, 2)
    }

    func testCredentialsThatAlreadyExpiredAreAFailureNotAKey() async throws {
        struct Stale: CredentialProvider {
            var name: String { "credential_process" }
            func credentials() async throws -> AWSCredentials? {
                AWSCredentials(accessKeyID: "ASIASTALE", secretAccessKey: "s", sessionToken: "t",
                               expiration: Date(timeIntervalSince1970: 999_000))
            }
        }
        let provider = RefreshingCredentialProvider(Stale(), now: { Date(timeIntervalSince1970: 1_000_000) })
        do {
            _ = try await provider.credentials()
            XCTFail("expired keys were handed out")
        } catch ClientError.credentialsFailed(let source, let reason) {
            XCTAssertEqual(source, "credential_process")
            XCTAssertTrue(reason.contains("expired at 1970-01-12T13:30:00Z"), reason)
        }
    }

    private let webIdentityXML = """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <Credentials>
              <AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>web-secret</SecretAccessKey>
              <SessionToken>web-token</SessionToken><Expiration>2027-01-15T12:00:00Z</Expiration>
            </Credentials>
          </AssumeRoleWithWebIdentityResult>
        </AssumeRoleWithWebIdentityResponse>
        """

    func testWebIdentityFromTheEnvironmentIsUnsigned() async throws {
        let directory = try temporaryDirectory(self)
        let tokenFile = directory.appendingPathComponent("token")
        try "oidc-token-1\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let sts = stsTransport(webIdentityXML)
        let settings = try settings(environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path,
                                                  "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/pca-reader",
                                                  "AWS_ROLE_SESSION_NAME": "ci"])
        let found = try await resolve(settings, transport: sts)
        XCTAssertEqual(found?.accessKeyID, "ASIAWEB")
        let request = try XCTUnwrap(sts.requests.first)
        XCTAssertNil(request.header("Authorization"), "AssumeRoleWithWebIdentity is not signed")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self),
                       "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fpca-reader"
                       + "&RoleSessionName=ci&WebIdentityToken=oidc-token-1")
    }

    func testWebIdentityFromAProfile() async throws {
        let directory = try temporaryDirectory(self)
        let tokenFile = directory.appendingPathComponent("token")
        try "oidc-token-2".write(to: tokenFile, atomically: true, encoding: .utf8)
        let sts = stsTransport(webIdentityXML)
        let settings = try settings(config: "[profile eks]\nrole_arn = arn:aws:iam::1:role/R\nweb_identity_token_file = \(tokenFile.path)\n",
                                    profile: "eks")
        let found = try await resolve(settings, transport: sts)
        XCTAssertEqual(found?.sessionToken, "web-token")
        XCTAssertTrue(String(decoding: sts.requests[0].body, as: UTF8.self).contains("WebIdentityToken=oidc-token-2"))
    }
}
