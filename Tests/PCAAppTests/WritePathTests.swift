import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The `acm-renewal` write path: the one write rule, the audit log, exit statuses and JSON errors.
final class WritePathTests: XCTestCase {
    private let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var state: String { directory.appendingPathComponent("state.json").path }
    private var environment: [String: String] {
        ["HOME": directory.path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
         "XDG_STATE_HOME": directory.appendingPathComponent("state").path]
    }

    private func renewal(_ arn: String) async throws -> String? {
        let (_, output) = try await runCommand(["--demo-state", state, "acm-renewal", "status", arn, "-o", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any]
        return object?["acmRenewal"] as? String
    }

    func testProfileConfigReadOnlyRefusesCommandsAsTheUIDoes() async throws {
        let config = directory.appendingPathComponent("config/pca-tui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "[default]\nread_only = true\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", internalCA, "--yes"],
                                                    environment: environment)
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(output.err.contains("read_only = true"), output.err)
        let after = try await renewal(internalCA)
        XCTAssertEqual(after, "off", "nothing changed")
    }

    func testCommandLineReadOnlySaysWhereItCameFrom() async throws {
        let (status, output) = try await runCommand(["--demo-state", state, "--read-only", "acm-renewal", "disable",
                                                     DemoSeed.arn(DemoSeed.ID.root), "--yes", "-o", "json"],
                                                    environment: environment)
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(output.err.contains("--read-only"), output.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["exitStatus"] as? Int, 4, "one JSON document with the error")
        let after = try await renewal(DemoSeed.arn(DemoSeed.ID.root))
        XCTAssertEqual(after, "enabled")
    }

    func testAnotherAccountsCAIsRefusedWithTheUIsReason() async throws {
        let shared = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", shared, "--yes"],
                                                    environment: environment)
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(output.err.contains("belongs to account 444455556666"), output.err)
        XCTAssertTrue(output.err.contains("resource policy"), output.err)
    }

    func testACAInTheWrongStateIsRefusedBeforeAWSIsAsked() async throws {
        let disabled = DemoSeed.arn(DemoSeed.ID.legacy)
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", disabled, "--yes"],
                                                    environment: environment)
        XCTAssertEqual(status, .refused, output.err)
        XCTAssertTrue(output.err.contains("only while it is ACTIVE"), output.err)
    }

    func testStatusThatCannotBeReadExitsOneWithOneJSONDocument() async throws {
        let deleted = DemoSeed.arn(DemoSeed.ID.decommissioned)
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "status", deleted, "-o", "json"])
        XCTAssertEqual(status, .failure)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["acmRenewal"] as? String, "unknown")
        XCTAssertTrue((object["error"] as? String)?.contains("DELETED") ?? false, "the list's reason: \(output.out)")
        let (textStatus, text) = try await runCommand(["--demo-state", state, "acm-renewal", "status", deleted])
        XCTAssertEqual(textStatus, .failure)
        XCTAssertEqual(text.out, "")
        XCTAssertTrue(text.err.contains("cannot read the permissions"), text.err)
    }

    func testFailuresInJSONModeAreOneDocument() async throws {
        let missing = DemoSeed.arn("00000000-0000-0000-0000-000000000000")
        let (status, output) = try await runCommand(["--demo", "describe", missing, "-o", "json"])
        XCTAssertEqual(status, .failure)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        XCTAssertEqual((object["error"] as? [String: Any])?["code"] as? String, "ResourceNotFoundException")
        XCTAssertEqual(object["exitStatus"] as? Int, 1)
    }

    func testCommandWritesAreAuditedPrivatelyInTheDemoLog() async throws {
        let (status, output) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", internalCA, "--yes"],
                                                    environment: environment)
        XCTAssertEqual(status, .success, output.err)
        let folder = directory.appendingPathComponent("state/pca-tui")
        let demoLog = folder.appendingPathComponent("demo-audit.log").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("audit.log").path),
                       "demo writes never go to the real audit log")
        let lines = try String(contentsOfFile: demoLog, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "an intent before the first request, an outcome after")
        let intent = try JSONDecoder().decode(Journal.Entry.self, from: Data(lines[0].utf8))
        XCTAssertEqual(intent.phase, .intent)
        XCTAssertEqual(intent.before, "off")
        XCTAssertEqual(intent.planned?.count, 1, "the CreatePermission it will send")
        let entry = try JSONDecoder().decode(Journal.Entry.self, from: Data(lines[1].utf8))
        XCTAssertEqual(entry.phase, .outcome)
        XCTAssertEqual(entry.changeId, intent.changeId)
        XCTAssertEqual(entry.verified, true)
        XCTAssertEqual(entry.caller, "arn:aws:iam::111122223333:user/ca-admin")
        XCTAssertEqual(entry.certificateAuthorityArn, internalCA)
        XCTAssertEqual(entry.action, "enable-acm-renewal")
        XCTAssertEqual([entry.before, entry.after, entry.result], ["off", "enabled", "success"])
        XCTAssertEqual(entry.requestIds.count, 1, "the CreatePermission request id")
        XCTAssertEqual(entry.profile, "demo (ca-admin)")
        XCTAssertEqual(try mode(demoLog), 0o600)
        XCTAssertEqual(try mode(folder.path), 0o700)
    }

    func testAnExistingWideAuditLogIsMadePrivate() throws {
        let folder = directory.appendingPathComponent("wide")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let path = folder.appendingPathComponent("audit.log").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644]))
        let entry = Journal.Entry(time: "t", caller: "c", profile: "p", region: "r", certificateAuthorityArn: "a",
                                   action: "x", result: "success", requestIds: [])
        XCTAssertNoThrow(try Journal(path: path).append(entry))
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(try mode(folder.path), 0o700)
    }

    func testServerTextInTheAuditLogCannotDriveATerminal() throws {
        let path = directory.appendingPathComponent("audit/audit.log").path
        var entry = Journal.Entry(time: "t", caller: "c", profile: "p", region: "r", certificateAuthorityArn: "a",
                                   action: "x", result: "error", requestIds: [])
        entry.errorMessage = "denied \u{1b}]52;c;ZXZpbA==\u{07} \u{9b}31m \u{202e}txt"
        XCTAssertNoThrow(try Journal(path: path).append(entry))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertFalse(bytes.contains(0x1b) || bytes.contains(0x07), "raw C0 controls")
        XCTAssertNil(String(decoding: bytes, as: UTF8.self).unicodeScalars.first { (0x80..<0xA0).contains($0.value) || $0.value == 0x202E },
                     "raw C1 or bidi characters")
        let decoded = try JSONDecoder().decode(Journal.Entry.self, from: bytes.dropLast())
        XCTAssertEqual(decoded.errorMessage, entry.errorMessage, "the text itself is kept")
    }

    func testDeclinedConfirmationIsItsOwnExitStatus() async throws {
        let captured = CapturedOutput()
        var output = captured.output
        output.isInteractive = true
        output.confirm = { _ in false }
        let parsed = try CommandRunner.parse(["--demo-state", state, "acm-renewal", "enable", internalCA])
        let status = await CommandRunner.run(command: parsed.command, options: parsed.options, environment: environment, output: output)
        XCTAssertEqual(status, .refused)
        XCTAssertTrue(captured.err.contains("cancelled"))
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }
}
