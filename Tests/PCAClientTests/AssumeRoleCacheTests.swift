import Foundation
import PCACrypto
@testable import PCAClient
import XCTest

/// The AWS CLI's assumed-role cache (~/.aws/cli/cache), read and written as the CLI does.
final class AssumeRoleCacheTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let roleConfig = """
        [profile admin]
        role_arn = arn:aws:iam::123456789012:role/Admin
        source_profile = base
        mfa_serial = arn:aws:iam::123456789012:mfa/alice
        """
    private let baseKeys = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"

    private func resolve(home: URL, transport: RecordingTransport, mfa: @escaping MFACodePrompt) async throws -> AWSCredentials? {
        var files = SharedConfigFiles()
        files.addConfigFile(roleConfig)
        files.addCredentialsFile(baseKeys)
        let settings = try ClientSettings(options: ClientOptions(profile: "admin", region: "us-east-1"),
                                          environment: ["HOME": home.path], files: files)
        let now = self.now
        let context = CredentialContext(settings: settings, transport: transport, now: { now }, mfaPrompt: mfa)
        return try await DefaultCredentialChain.make(context: context).credentials()
    }

    /// The key botocore computes for this profile: sha1 of {"RoleArn": ..., "SerialNumber": ...}.
    private var profileKey: String {
        SHA1.hash(#"{"RoleArn": "arn:aws:iam::123456789012:role/Admin", "SerialNumber": "arn:aws:iam::123456789012:mfa/alice"}"#).hexString
    }

    private func cacheFile(_ home: URL) -> URL {
        home.appendingPathComponent(".aws/cli/cache/\(profileKey).json")
    }

    /// What the AWS CLI writes: the whole AssumeRole answer, the expiry as strftime('%Y-%m-%dT%H:%M:%S%Z').
    private func writeAsTheCLIDoes(_ home: URL, expiresIn seconds: TimeInterval) throws {
        let expiry = AWSTimestamp.iso8601(now.addingTimeInterval(seconds)).replacingOccurrences(of: "Z", with: "UTC")
        let body = """
            {"Credentials": {"AccessKeyId": "ASIAFROMCLI", "SecretAccessKey": "cli-secret", "SessionToken": "cli-token", \
            "Expiration": "\(expiry)"}, "AssumedRoleUser": {"AssumedRoleId": "AROA:botocore-session-1", \
            "Arn": "arn:aws:sts::123456789012:assumed-role/Admin/botocore-session-1"}, "ResponseMetadata": {"HTTPStatusCode": 200}}
            """
        try FileManager.default.createDirectory(at: cacheFile(home).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(body.utf8).write(to: cacheFile(home))
    }

    func testKeysTheCLICachedAreUsedWithoutMFAOrSTS() async throws {
        let home = try temporaryDirectory(self)
        try writeAsTheCLIDoes(home, expiresIn: 3600)
        let sts = RecordingTransport { _, _ in throw ClientError.network("STS must not be called") }
        let found = try await resolve(home: home, transport: sts, mfa: { _ in
            XCTFail("no MFA prompt with valid cached keys")
            return ""
        })
        XCTAssertEqual(found?.accessKeyID, "ASIAFROMCLI")
        XCTAssertEqual(found?.sessionToken, "cli-token")
        XCTAssertEqual(found?.expiration, now.addingTimeInterval(3600))
        XCTAssertEqual(found?.source, "role profile admin (AWS CLI cache)")
        XCTAssertTrue(sts.requests.isEmpty)
    }

    func testKeysCloseToExpiryAreReplacedAndTheCacheRewritten() async throws {
        let home = try temporaryDirectory(self)
        try writeAsTheCLIDoes(home, expiresIn: 10 * 60)
        let sts = stsTransport(assumeRoleXML)
        let prompts = Collector<String>()
        let found = try await resolve(home: home, transport: sts, mfa: { serial in
            prompts.append(serial)
            return "123456"
        })
        XCTAssertEqual(prompts.values, ["arn:aws:iam::123456789012:mfa/alice"])
        XCTAssertEqual(found?.accessKeyID, "ASIAROLE")
        XCTAssertEqual(sts.requests.count, 1)
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: cacheFile(home))) as? [String: Any])
        let credentials = try XCTUnwrap(written["Credentials"] as? [String: String])
        XCTAssertEqual(credentials["AccessKeyId"], "ASIAROLE")
        XCTAssertEqual(credentials["SessionToken"], "role-token&more")
        XCTAssertEqual(credentials["Expiration"], "2027-01-15T12:00:00Z")
        let mode = try FileManager.default.attributesOfItem(atPath: cacheFile(home).path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600, "role keys are readable by their owner only")
    }

    func testWhatWeCachedIsUsedNextTime() async throws {
        let home = try temporaryDirectory(self)
        let sts = stsTransport(assumeRoleXML)
        _ = try await resolve(home: home, transport: sts, mfa: { _ in "123456" })
        let again = try await resolve(home: home, transport: sts, mfa: { _ in
            XCTFail("the second run must use the cache")
            return ""
        })
        XCTAssertEqual(again?.accessKeyID, "ASIAROLE")
        XCTAssertEqual(sts.requests.count, 1)
    }

    func testACorruptCacheFileIsIgnored() async throws {
        let home = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: cacheFile(home).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: cacheFile(home))
        let sts = stsTransport(assumeRoleXML)
        let found = try await resolve(home: home, transport: sts, mfa: { _ in "123456" })
        XCTAssertEqual(found?.accessKeyID, "ASIAROLE")
    }

    func testKeyEncodingFollowsPythonJSON() {
        XCTAssertEqual(PythonJSON.string("a\"b\\c/d"), #""a\"b\\c/d""#)
        XCTAssertEqual(PythonJSON.string("tab\tnl\n\u{1}"), #""tab\tnl\n\u0001""#)
        XCTAssertEqual(PythonJSON.string("é✓😀"), #""\u00e9\u2713\ud83d\ude00""#)
        let input = STSClient.AssumeRoleInput(roleARN: "arn:aws:iam::1:role/R", sessionName: "s", externalID: "x",
                                              durationSeconds: 900, mfaSerial: "m")
        XCTAssertEqual(AssumeRoleCache.key(input, sessionNameFromProfile: true),
                       SHA1.hash(#"{"DurationSeconds": 900, "ExternalId": "x", "RoleArn": "arn:aws:iam::1:role/R", "RoleSessionName": "s", "SerialNumber": "m"}"#).hexString)
    }
}
