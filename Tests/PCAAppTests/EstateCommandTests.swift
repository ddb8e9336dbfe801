import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The commands over an estate: the demo organization in-process, an organization over HTTP with one member
/// that lacks the role, the per-account bulk plan and journal, and `[estate NAME]` in the pca-tui config.
final class EstateCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-estate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var environment: [String: String] {
        ["HOME": directory.path, "XDG_STATE_HOME": directory.appendingPathComponent("s").path,
         "XDG_CONFIG_HOME": directory.appendingPathComponent("c").path]
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    private static let accounts: Set<String> = Set(DemoSeed.members.map(\.id))

    func testDemoOrganizationListHasEveryAccountsCAsWithAccountAndRegion() async throws {
        let (status, output) = try await runCommand(["--demo", "--organization", "list", "-o", "json", "--no-acm"], environment: environment)
        XCTAssertEqual(status, .success, output.err)
        let document = try json(output.out)
        let rows = try XCTUnwrap(document["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["account"] as? String }), Self.accounts)
        XCTAssertTrue(rows.allSatisfy { $0["region"] as? String == DemoSeed.region }, "every CA names its region")
        for row in rows where (row["ownerAccount"] as? String) == (row["account"] as? String) {
            XCTAssertTrue((row["arn"] as? String ?? "").contains(":\(row["account"] as? String ?? ""):"), "\(row)")
        }
        XCTAssertEqual((document["errors"] as? [Any])?.count, 0)
        let names = Set(rows.compactMap { $0["commonName"] as? String })
        XCTAssertTrue(names.isSuperset(of: ["Payments Service CA", "Web Frontend CA", "Management Test Root CA",
                                            "Example Corp Root CA G1"]), "\(names)")
    }

    func testTheSingleAccountDemoStaysTheDefaultAndNamesItsAccountToo() async throws {
        let (status, output) = try await runCommand(["--demo", "list", "-o", "json", "--no-acm"], environment: environment)
        XCTAssertEqual(status, .success, output.err)
        let rows = try XCTUnwrap(try json(output.out)["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["account"] as? String }), [DemoSeed.account])
        XCTAssertTrue(rows.allSatisfy { $0["region"] as? String == DemoSeed.region })
    }

    func testReportCoversTheOrganization() async throws {
        let (status, output) = try await runCommand(["--demo", "--organization", "report", "-o", "json"], environment: environment)
        XCTAssertEqual(status, .findings, output.err)
        let document = try json(output.out)
        let rows = try XCTUnwrap(document["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["account"] as? String }), Self.accounts)
        let batch = try XCTUnwrap(rows.first { $0["commonName"] as? String == "Payments Batch CA" })
        XCTAssertEqual(batch["findingReason"] as? String, "no ACM grant; 1 ACM renewal failed (PCA_ACCESS_DENIED)")
        XCTAssertEqual(batch["profile"] as? String, "Payments Workload")
        let (_, text) = try await runCommand(["--demo", "--organization", "report"], environment: environment)
        XCTAssertTrue(text.out.contains("222233334444 Payments Workload"), text.out)
    }

    /// Over HTTP, as against AWS: the management profile lists the organization, one member lacks the role.
    func testAMemberWithoutTheRoleIsNamedAndTheOthersAreListed() async throws {
        let organization = EmulatedOrganization()
        organization.setAccessRole(false, account: DemoSeed.workloadAccountB)
        let server = HTTPServer(organization: organization)
        let port = try server.start()
        defer { server.stop() }
        let aws = directory.appendingPathComponent("aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try """
            [profile management]
            region = us-east-1
            aws_access_key_id = \(DemoSeed.organizationAdmin.accessKeyID)
            aws_secret_access_key = \(DemoSeed.organizationAdmin.secretAccessKey)
            """.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        var environment = self.environment
        environment["AWS_CONFIG_FILE"] = aws.appendingPathComponent("config").path
        environment["AWS_SHARED_CREDENTIALS_FILE"] = aws.appendingPathComponent("credentials").path
        let arguments = ["list", "--profiles", "management", "--organization", "--endpoint-url", "http://127.0.0.1:\(port)", "--no-acm"]
        let (status, output) = try await runCommand(arguments + ["-o", "json"], environment: environment)
        XCTAssertEqual(status, .failure, "a failed account makes the exit status say so")
        let document = try json(output.out)
        let rows = try XCTUnwrap(document["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["account"] as? String }), Self.accounts.subtracting([DemoSeed.workloadAccountB]))
        let errors = try XCTUnwrap(document["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?["account"] as? String, DemoSeed.workloadAccountB)
        XCTAssertEqual(errors.first?["role"] as? String, "arn:aws:iam::\(DemoSeed.workloadAccountB):role/OrganizationAccountAccessRole")
        XCTAssertTrue((errors.first?["reason"] as? String ?? "").hasPrefix("AccessDenied: "), "\(errors)")
        XCTAssertTrue(output.err.contains("333344445555 (Web Workload) us-east-1: AccessDenied"), output.err)

        let (retried, report) = try await runCommand(["report", "--profiles", "management", "--organization", "--endpoint-url",
                                                      "http://127.0.0.1:\(port)", "--no-acm"], environment: environment)
        XCTAssertEqual(retried, .failure)
        XCTAssertTrue(report.out.contains("Payments Workload"), report.out)
        XCTAssertTrue(report.err.contains("333344445555 (Web Workload)"), report.err)
    }

    func testBulkEnableOverTheOrganizationPlansPerAccountAndJournalsAccountAndRole() async throws {
        let state = directory.appendingPathComponent("org").path
        let base = ["--demo", "--organization", "--demo-state", state, "acm-renewal", "enable", "--all-off"]
        let (planned, plan) = try await runCommand(base + ["--dry-run"], environment: environment)
        XCTAssertEqual(planned, .success, plan.err)
        for heading in ["Account 222233334444 (Payments Workload) us-east-1, role OrganizationAccountAccessRole:",
                        "Account 999988887777 (Example Corp Management) us-east-1:",
                        "Account 333344445555 (Web Workload) us-east-1, role OrganizationAccountAccessRole:"] {
            XCTAssertTrue(plan.out.contains(heading), plan.out)
        }
        XCTAssertTrue(plan.out.contains("Dry run: nothing was sent (7 to change, 3 refused; 4 account-regions)."), plan.out)
        let journal = directory.appendingPathComponent("s/pca-tui/demo-audit.log").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "a dry run journals nothing")

        let (status, output) = try await runCommand(base + ["--yes"], environment: environment)
        XCTAssertEqual(status, .partial, "three CAs are refused (not ACTIVE): " + output.err)
        XCTAssertTrue(output.out.contains("7 changed and verified, 0 failed, 3 refused"), output.out)
        let entries = Journal(path: journal).entries()
        let outcomes = entries.filter { $0.phase == .outcome && $0.result == "success" }
        XCTAssertEqual(outcomes.count, 7)
        for entry in entries where entry.phase == .intent || entry.phase == .outcome {
            let account = try XCTUnwrap(entry.account, "every change names its account")
            XCTAssertTrue(entry.certificateAuthorityArn.contains(":\(account):"), "\(entry)")
            if account == DemoSeed.managementAccount {
                XCTAssertNil(entry.role, "the management account uses its own credentials")
            } else {
                XCTAssertEqual(entry.role, "arn:aws:iam::\(account):role/OrganizationAccountAccessRole")
                XCTAssertTrue(entry.caller.hasPrefix("arn:aws:sts::\(account):assumed-role/OrganizationAccountAccessRole/"), entry.caller)
            }
        }
        XCTAssertEqual(Set(outcomes.compactMap(\.account)), Self.accounts)

        let (again, rerun) = try await runCommand(base + ["--dry-run"], environment: environment)
        XCTAssertEqual(again, .success)
        XCTAssertTrue(rerun.out.contains("(0 to change, 3 refused; 4 account-regions)"), "the changes stayed: " + rerun.out)
    }

    func testEstateConfigWithPerAccountReadOnlyAndWarnings() async throws {
        let config = directory.appendingPathComponent("c/pca-tui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            [estate org]
            organization = true
            read_only_accounts = 222233334444, Web Workload
            regoins = us-east-1
            [estate typo]
            read_only = maybe
            regions = us-east-1, not a region
            """.write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let (status, output) = try await runCommand(["--demo", "--estate", "org", "acm-renewal", "enable", "--all-off", "--yes",
                                                     "-o", "json"], environment: environment)
        XCTAssertEqual(status, .partial, output.err)
        XCTAssertTrue(output.err.contains("unknown key 'regoins' in [estate org]; did you mean regions?"), output.err)
        XCTAssertTrue(output.err.contains("read_only = maybe in [estate typo] is neither true nor false; read-only is on"), output.err)
        XCTAssertTrue(output.err.contains("regions in [estate typo]: 'not a region' is not a region name"), output.err)
        let results = try XCTUnwrap(try json(output.out)["results"] as? [[String: Any]])
        for result in results {
            let account = result["account"] as? String
            if account == DemoSeed.workloadAccountA || account == DemoSeed.workloadAccountB {
                XCTAssertEqual(result["result"] as? String, "refused", "\(result)")
                XCTAssertTrue((result["reason"] as? String ?? "").contains("read-only"), "\(result)")
            }
        }
        let management = try XCTUnwrap(results.first { $0["account"] as? String == DemoSeed.managementAccount })
        XCTAssertEqual(management["verified"] as? Bool, true, "an account not read-only is changed: \(management)")

        let typo = try XCTUnwrap(EstateSettings.parse("[estate typo]\nread_only = maybe\nprofiles = a, b\nregions = all\n", name: "typo"))
        XCTAssertTrue(typo.readOnly, "an unreadable read_only errs on the safe side")
        XCTAssertEqual(typo.profiles, ["a", "b"])
        XCTAssertEqual(typo.regions, .all)
        let prod = try XCTUnwrap(EstateSettings.parse("[estate prod]\nprofiles = mgmt\norganization_role = Admin\nregions = eu-west-1,us-east-1\n",
                                                      name: "prod"))
        XCTAssertTrue(prod.organization)
        XCTAssertEqual(prod.organizationRole, "Admin")
        XCTAssertEqual(prod.regions, .list(["eu-west-1", "us-east-1"]))
        XCTAssertFalse(prod.readOnly)
        let (missing, message) = try await runCommand(["--demo", "--estate", "nope", "list"], environment: environment)
        XCTAssertEqual(missing, .usage)
        XCTAssertTrue(message.err.contains("no [estate nope]") && message.err.contains("estates: org, typo"), message.err)
    }

    func testUndeclaredEstateOptionsAreRefused() async throws {
        let (status, output) = try await runCommand(["--demo", "describe", "x", "--organization"], environment: environment)
        XCTAssertEqual(status, .usage, output.err)
    }
}
