import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import PCAProcess
import XCTest

/// `pca-tui issue`: checked before anything is sent, issued through the pipeline, saved without writing over.
final class IssueCommandTests: XCTestCase {
    private var directory: URL!
    private let internalCA = String(DemoSeed.ID.internalCA.prefix(8))

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-issue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var state: String { directory.appendingPathComponent("state.json").path }
    private var environment: [String: String] { ["HOME": directory.path, "XDG_STATE_HOME": directory.appendingPathComponent("s").path] }
    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A CSR made by openssl (skipped locally without it; CI has it).
    private func csr() throws -> String {
        let found = try? ChildProcess.run(["openssl", "version"], timeout: 30)
        if found?.status != 0 {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("openssl is required in CI") }
            throw XCTSkip("openssl is not installed")
        }
        let made = try ChildProcess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                         "-keyout", path("key.pem"), "-out", path("req.csr"), "-subj", "/CN=app.example.com",
                                         "-addext", "subjectAltName=DNS:app.example.com"], timeout: 60)
        XCTAssertEqual(made.status, 0, made.stderr)
        return path("req.csr")
    }

    private func run(_ arguments: [String]) async throws -> (ExitStatus, CapturedOutput) {
        try await runCommand(["--demo-state", state, "issue", internalCA] + arguments, environment: environment)
    }

    private func journalLines() -> [String] {
        let log = directory.appendingPathComponent("s/pca-tui/demo-audit.log").path
        return ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func testIssuesSavesAndJournals() async throws {
        let request = try csr()
        let (status, output) = try await run(["--csr", request, "--yes", "--out", path("cert.pem"), "--chain-out", path("chain.pem"),
                                              "-o", "json"])
        XCTAssertEqual(status, .success, output.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any])
        XCTAssertTrue((object["certificateArn"] as? String)?.contains("/certificate/") ?? false, output.out)
        XCTAssertEqual((object["files"] as? [String: String])?["certificate"], path("cert.pem"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path("cert.pem"))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o644)
        XCTAssertTrue(try String(contentsOfFile: path("cert.pem"), encoding: .utf8).contains("-----BEGIN CERTIFICATE-----"))
        let phases = journalLines().compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["phase"] as? String }
        XCTAssertEqual(phases, ["intent", "outcome"])
        XCTAssertTrue(journalLines().last?.contains("\"certificateArn\"") ?? false, "the outcome names the certificate")
    }

    func testNothingIsSentForABadRequest() async throws {
        let request = try csr()
        try "garbage".write(toFile: path("bad.csr"), atomically: true, encoding: .utf8)
        let huge = FileManager.default.createFile(atPath: path("huge.csr"), contents: Data(count: 300 << 10))
        XCTAssertTrue(huge)
        let (tooLarge, tooLargeOutput) = try await run(["--csr", path("huge.csr"), "--yes"])
        XCTAssertEqual(tooLarge, .usage, tooLargeOutput.err)
        XCTAssertTrue(tooLargeOutput.err.contains("larger than any certificate request"), "refused before it is read: \(tooLargeOutput.err)")
        let (garbage, garbageOutput) = try await run(["--csr", path("bad.csr"), "--yes"])
        XCTAssertEqual(garbage, .usage, garbageOutput.err)
        XCTAssertTrue(garbageOutput.err.contains("is not a certificate signing request"), garbageOutput.err)
        let (family, familyOutput) = try await run(["--csr", request, "--signing-algorithm", "SHA384WITHECDSA", "--yes"])
        XCTAssertEqual(family, .refused, familyOutput.err)
        XCTAssertTrue(familyOutput.err.contains("an RSA CA signs with SHA256WITHRSA"), familyOutput.err)
        let (tooLong, tooLongOutput) = try await run(["--csr", request, "--validity-days", "20000", "--yes"])
        XCTAssertEqual(tooLong, .refused, tooLongOutput.err)
        XCTAssertTrue(tooLongOutput.err.contains("cannot outlive its CA"), tooLongOutput.err)
        let legacy = String(DemoSeed.ID.legacy.prefix(8))
        let (disabled, disabledOutput) = try await runCommand(["--demo-state", state, "issue", legacy, "--csr", request, "--yes"],
                                                              environment: environment)
        XCTAssertEqual(disabled, .refused, disabledOutput.err)
        XCTAssertTrue(disabledOutput.err.contains("issues certificates only while it is ACTIVE"), disabledOutput.err)
        try "x".write(toFile: path("taken.pem"), atomically: true, encoding: .utf8)
        let (exists, existsOutput) = try await run(["--csr", request, "--yes", "--out", path("taken.pem")])
        XCTAssertEqual(exists, .usage, existsOutput.err)
        XCTAssertEqual(try String(contentsOfFile: path("taken.pem"), encoding: .utf8), "x", "never written over without --force")
        XCTAssertFalse(journalLines().contains { $0.contains("\"intent\"") }, "nothing was sent, so no intent")
    }

    func testOutputsAreCheckedBeforeAnythingIsSent() async throws {
        let request = try csr()
        let (same, sameOutput) = try await run(["--csr", request, "--yes", "--out", path("a.pem"), "--chain-out", path("a.pem")])
        XCTAssertEqual(same, .usage, sameOutput.err)
        try FileManager.default.createSymbolicLink(atPath: path("dangling.pem"), withDestinationPath: path("nowhere/x"))
        let (link, linkOutput) = try await run(["--csr", request, "--yes", "--out", path("dangling.pem"), "--force"])
        XCTAssertEqual(link, .usage, "a symlink is never written through, even with --force: \(linkOutput.err)")
        let (folder, folderOutput) = try await run(["--csr", request, "--yes", "--out", path("missing/app.pem")])
        XCTAssertEqual(folder, .usage, folderOutput.err)
        XCTAssertFalse(journalLines().contains { $0.contains("\"intent\"") }, "nothing was sent")
        let (refusedDryRun, refusedOutput) = try await runCommand(
            ["--demo-state", state, "issue", String(DemoSeed.ID.legacy.prefix(8)), "--csr", request, "--dry-run"], environment: environment)
        XCTAssertEqual(refusedDryRun, .success, "a dry run shows a refused plan and exits 0: \(refusedOutput.err)")
        XCTAssertTrue(refusedOutput.out.contains("refused:"), refusedOutput.out)
        XCTAssertTrue(journalLines().isEmpty, "a dry run writes nothing, not even a refusal")
        let (csv, csvOutput) = try await runCommand(["--demo", "describe", internalCA, "-o", "csv"], environment: environment)
        XCTAssertEqual(csv, .usage, csvOutput.err)
    }

    func testDryRunSendsNothingAndShowsTheCLITrap() async throws {
        let request = try csr()
        _ = try await runCommand(["--demo-state", state, "list", "--no-acm"], environment: environment)
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        let (status, output) = try await run(["--csr", request, "--dry-run"])
        XCTAssertEqual(status, .success, output.err)
        XCTAssertTrue(output.out.contains("--csr fileb://\(request)"), output.out)
        XCTAssertTrue(output.out.contains("aws acm-pca wait certificate-issued"), output.out)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state)), before, "the emulator's state is untouched")
        XCTAssertTrue(journalLines().isEmpty)
    }

    func testTheWaiterStopsAtOnceOnAccessDeniedAndGivesUpAfterItsTries() async throws {
        final class Counter: @unchecked Sendable {
            var sleeps = 0
        }
        let counter = Counter()
        let waiter = CertificateWaiter(attempts: 3, delay: 1, sleep: { _ in counter.sleeps += 1 })
        let emulator = Emulator(state: DemoSeed.state(.demo), faults: FaultInjection())
        let client = PCAClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true),
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: DemoSeed.users[0].accessKeyID,
                                                                                    secretAccessKey: DemoSeed.users[0].secretAccessKey)),
                               transport: InProcessTransport(emulator: emulator), timeout: 10)
        do {
            _ = try await waiter.wait(client: client, authorityArn: DemoSeed.arn(DemoSeed.ID.internalCA),
                                      certificateArn: DemoSeed.arn(DemoSeed.ID.internalCA) + "/certificate/00")
            XCTFail("a certificate that does not exist is not waited for")
        } catch let error as AWSError {
            XCTAssertNotEqual(error.code.rawValue, "RequestInProgressException")
        }
        XCTAssertEqual(counter.sleeps, 0, "an error other than RequestInProgress ends the wait at once")
    }
}
