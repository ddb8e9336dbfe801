import Foundation
import PCALocal
import PCAProcess
import XCTest

/// The UI over an organization, in tmux against pca-local: every account's CAs in one list, a member whose
/// role is missing is one line with its reason (never hiding the others), and one bulk grant across accounts
/// is made with each account's own role and journaled with it.
final class EstateUITests: XCTestCase {
    private var server: LocalServer!
    private var home: URL!

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        server = try LocalServer(arguments: ["--seed", "organization", "--without-access-role", DemoSeed.workloadAccountB])
        home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-estate-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try """
            [profile management]
            region = us-east-1
            aws_access_key_id = \(DemoSeed.organizationAdmin.accessKeyID)
            aws_secret_access_key = \(DemoSeed.organizationAdmin.secretAccessKey)
            """.write(to: home.appendingPathComponent("config"), atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        server?.stop()
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    func testAnOrganizationInOneListWithAFailingMemberAndABulkGrantAcrossAccounts() throws {
        let session = try TerminalSession(
            command: "\(LocalServer.binary("pca-tui")) --profile management --organization --endpoint-url \(server.endpoint)",
            environment: ["HOME": home.path, "AWS_CONFIG_FILE": home.appendingPathComponent("config").path,
                          "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("credentials").path,
                          "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8", "TERM": "tmux-256color"],
            width: 170, height: 40)
        let loaded = try session.waitFor("1 failed")
        XCTAssertTrue(loaded.contains("\(DemoSeed.workloadAccountB)"), loaded)
        XCTAssertTrue(loaded.contains("(t retries)"), "the failure is one line with its retry key:\n\(loaded)")
        XCTAssertTrue(loaded.contains("Payments Batch CA"), "the other members' CAs are listed:\n\(loaded)")
        XCTAssertTrue(loaded.contains("Management Test Root CA"), loaded)
        XCTAssertTrue(loaded.contains("ACCOUNT"), "more than one account: the ACCOUNT column shows")

        try session.send("/")
        try session.type("acm:off status:active")
        try session.send("Enter")
        try session.send("*")
        try session.send("p")
        try session.waitFor("Grant to")
        try session.send("Enter")
        try session.waitFor("changed and verified")
        try session.send("Enter")
        try session.send("q")
        try session.waitFor("PCA_TUI_EXITED=0")

        let journal = try String(contentsOf: home.appendingPathComponent(".local/state/pca-tui/audit.log"), encoding: .utf8)
        let outcomes = journal.split(separator: "\n").compactMap { line -> [String: Any]? in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  entry["phase"] as? String == "outcome" else { return nil }
            return entry
        }
        let accounts = Set(outcomes.compactMap { ($0["certificateAuthorityArn"] as? String)?.split(separator: ":")[4] }.map(String.init))
        XCTAssertTrue(accounts.isSuperset(of: [DemoSeed.workloadAccountA, "999988887777"]),
                      "grants in more than one account, each journaled: \(accounts)")
        let member = try XCTUnwrap(outcomes.first { ($0["certificateAuthorityArn"] as? String)?.contains(DemoSeed.workloadAccountA) ?? false })
        XCTAssertEqual(member["result"] as? String, "success")
        XCTAssertTrue((member["caller"] as? String)?.contains("assumed-role/OrganizationAccountAccessRole") ?? false,
                      "the member's change was made with the member's role: \(member)")
    }
}
