import Foundation
import PCALocal
import PCAProcess
import XCTest

/// `pca-local --seed organization` driven by the real AWS CLI: `aws organizations list-accounts` and
/// `aws sts assume-role` into a member's OrganizationAccountAccessRole, whose keys then list that member's CAs.
/// Skipped locally without the AWS CLI; a failure in CI.
final class AWSCLIOrganizationTests: XCTestCase {
    private var server: ChildProcess.Running?
    private var endpoint = ""

    override func setUpWithError() throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard path.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/aws") }) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("the AWS CLI is required in CI") }
            throw XCTSkip("the AWS CLI is not installed")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = ProcessInfo.processInfo.environment["PCA_LOCAL_BIN"] ?? root.appendingPathComponent(".build/debug/pca-local").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("pca-local is not built at \(binary); run 'swift build' first")
            return
        }
        let log = try temporaryDirectory(self).appendingPathComponent("pca-local.out").path
        let process = try ChildProcess.Running([binary, "--port", "0", "--seed", "organization"], stdoutPath: log)
        server = process
        let line = process.firstLine(ofFile: log, timeout: 30) ?? ""
        XCTAssertTrue(line.hasPrefix("pca-local listening on http://127.0.0.1:"), line)
        endpoint = String(line.dropFirst("pca-local listening on ".count))
    }

    override func tearDown() {
        server?.terminate()
    }

    private func aws(_ arguments: [String], key: String = DemoSeed.organizationAdmin.accessKeyID,
                     secret: String = DemoSeed.organizationAdmin.secretAccessKey,
                     token: String? = nil) throws -> (status: Int32, json: [String: Any]?, stderr: String) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_ACCESS_KEY_ID"] = key
        environment["AWS_SECRET_ACCESS_KEY"] = secret
        environment["AWS_SESSION_TOKEN"] = token
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_MAX_ATTEMPTS"] = "1"
        let output = try ChildProcess.run(["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments,
                                          environment: environment, timeout: 120)
        return (output.status, (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any], output.stderr)
    }

    func testListAccountsAndAssumeTheAccessRoleWithTheAWSCLI() throws {
        // The CLI pages on its own; one account a page makes it follow NextToken to the end.
        let listed = try aws(["organizations", "list-accounts", "--page-size", "1"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let accounts = listed.json?["Accounts"] as? [[String: Any]] ?? []
        XCTAssertEqual(accounts.compactMap { $0["Id"] as? String }, DemoSeed.members.map(\.id))
        XCTAssertTrue(accounts.allSatisfy { $0["State"] as? String == "ACTIVE" })

        let role = "arn:aws:iam::\(DemoSeed.workloadAccountA):role/OrganizationAccountAccessRole"
        let assumed = try aws(["sts", "assume-role", "--role-arn", role, "--role-session-name", "pca-tui-test"])
        XCTAssertEqual(assumed.status, 0, assumed.stderr)
        let credentials = try XCTUnwrap(assumed.json?["Credentials"] as? [String: String])
        XCTAssertEqual((assumed.json?["AssumedRoleUser"] as? [String: Any])?["Arn"] as? String,
                       "arn:aws:sts::\(DemoSeed.workloadAccountA):assumed-role/OrganizationAccountAccessRole/pca-tui-test")
        let asMember = { (arguments: [String]) in
            try self.aws(arguments, key: credentials["AccessKeyId"] ?? "", secret: credentials["SecretAccessKey"] ?? "",
                         token: credentials["SessionToken"])
        }
        let identity = try asMember(["sts", "get-caller-identity"])
        XCTAssertEqual(identity.json?["Account"] as? String, DemoSeed.workloadAccountA)
        let authorities = try asMember(["acm-pca", "list-certificate-authorities"])
        XCTAssertEqual(authorities.status, 0, authorities.stderr)
        let arns = (authorities.json?["CertificateAuthorities"] as? [[String: Any]] ?? []).compactMap { $0["Arn"] as? String }
        XCTAssertEqual(arns.count, 3)
        XCTAssertTrue(arns.allSatisfy { $0.contains(":\(DemoSeed.workloadAccountA):") }, "\(arns)")

        let denied = try asMember(["organizations", "list-accounts"])
        XCTAssertTrue([254, 255].contains(denied.status))
        XCTAssertTrue(denied.stderr.contains("AccessDeniedException"), denied.stderr)
    }
}
