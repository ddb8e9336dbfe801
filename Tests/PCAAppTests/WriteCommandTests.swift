import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// The emulator in-process, with every request's operation logged on its way in.
private final class LoggingTransport: HTTPTransport, @unchecked Sendable {
    let inner: InProcessTransport
    private let lock = NSLock()
    private var operations: [String] = []

    init(_ emulator: Emulator) { inner = InProcessTransport(emulator: emulator) }

    var log: [String] { lock.withLock { operations } }

    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        // STS's query API names no target.
        let target = request.header("X-Amz-Target") ?? "STS"
        lock.withLock { operations.append(String(target.split(separator: ".").last ?? "")) }
        return try await inner.send(request, timeout: timeout)
    }
}

/// The write commands as scripts use them: `--dry-run` sends nothing, undeclared flags are usage errors, and
/// the exit status follows the table for partial, refused, unchanged and declined runs.
final class WriteCommandTests: XCTestCase {
    /// Every operation that changes something in ACM-PCA or ACM.
    static let writeOperations: Set<String> = [
        "CreatePermission", "DeletePermission", "RenewCertificate", "PutPolicy", "DeletePolicy", "TagCertificateAuthority",
        "UntagCertificateAuthority", "UpdateCertificateAuthority", "DeleteCertificateAuthority", "RestoreCertificateAuthority",
        "IssueCertificate", "RevokeCertificate", "RequestCertificate", "ImportCertificateAuthorityCertificate",
        "CreateCertificateAuthority",
    ]

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-write-commands-\(UUID().uuidString)")
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
    private var auditLog: String { directory.appendingPathComponent("state/pca-tui/demo-audit.log").path }

    private static let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)
    private static let payments = DemoSeed.arn(DemoSeed.ID.payments)
    private static let root = DemoSeed.arn(DemoSeed.ID.root)
    private static let tokyo = DemoSeed.arn(DemoSeed.ID.tokyo)
    private static let legacy = DemoSeed.arn(DemoSeed.ID.legacy)
    private static let partner = DemoSeed.arn(DemoSeed.ID.partner)

    /// Runs a command against the demo emulator in this process, every request logged; `confirm` answers a
    /// question if one is asked (on a terminal when it is given).
    private func runLogged(_ arguments: [String], emulator: Emulator? = nil, confirm: (@Sendable (String) -> Bool)? = nil)
        async throws -> (ExitStatus, CapturedOutput, [String]) {
        let parsed = try CommandRunner.parse(arguments)
        let (type, words) = try CommandCatalog.command(for: parsed.command)
        let command = try type.init(arguments: words, options: parsed.options)
        let emulator = try emulator ?? Emulator.open(seed: .demo, statePath: nil)
        let transport = LoggingTransport(emulator)
        let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: DemoSeed.region, isOverride: true)
        let user = DemoSeed.users[0]
        let calls = CallRecorder()
        let client = PCAClient(endpoint: endpoint,
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: user.accessKeyID,
                                                                                           secretAccessKey: user.secretAccessKey)),
                               transport: transport, timeout: 30, stsEndpoint: endpoint, observer: { calls.append($0) })
        let session = Session(client: client, acm: ACMClient(sharing: client, endpoint: endpoint), region: DemoSeed.region,
                              profileLabel: "demo (\(user.name))", endpointLabel: "in-process demo", settings: nil, emulator: emulator)
        let captured = CapturedOutput()
        var output = captured.output
        output.isInteractive = confirm != nil
        output.confirm = confirm
        let context = CommandContext(session: session, options: parsed.options, environment: environment, calls: calls, output: output)
        let status: ExitStatus
        do {
            status = try await command.run(context)
        } catch let failure as CommandFailure {
            output.err("pca-tui: \(failure.message)\n")
            status = failure.status
        }
        return (status, captured, transport.log)
    }

    // MARK: --dry-run

    static let dryRuns: [[String]] = [
        ["acm-renewal", "enable", internalCA, "--dry-run"],
        ["acm-renewal", "enable", internalCA, payments, "--dry-run"],
        ["acm-renewal", "enable", "--all-off", "--dry-run"],
        ["acm-renewal", "enable", "--all-off", "--filter", "type:sub", "--dry-run", "-o", "json"],
        ["acm-renewal", "disable", root, "--dry-run"],
        ["acm-renewal", "disable", root, tokyo, "--dry-run", "-o", "json"],
        ["acm-renewal", "retry", internalCA, "--dry-run"],
    ]

    func testDryRunSendsNoWriteRequest() async throws {
        for arguments in Self.dryRuns {
            let asked = Collector()
            let emulator = try Emulator.open(seed: .demo, statePath: nil)
            let before = emulator.snapshot
            // A terminal that would say yes: a dry run must not even ask.
            let (status, output, log) = try await runLogged(["--demo"] + arguments, emulator: emulator) { question in
                asked.add(question)
                return true
            }
            XCTAssertEqual(status, .success, "\(arguments): \(output.err)")
            XCTAssertTrue(log.contains("ListCertificateAuthorities") || log.contains("DescribeCertificateAuthority"),
                          "\(arguments): the log saw the reads: \(log)")
            XCTAssertEqual(log.filter(Self.writeOperations.contains), [], "\(arguments)")
            XCTAssertEqual(asked.values, [], "\(arguments): nothing asked")
            XCTAssertEqual(emulator.snapshot.authorities, before.authorities, "\(arguments)")
            XCTAssertEqual(emulator.snapshot.acmCertificates, before.acmCertificates, "\(arguments)")
            XCTAssertTrue(output.out.contains("Dry run: nothing was sent") || output.out.contains("\"dryRun\""), "\(arguments): \(output.out)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: auditLog), "\(arguments): nothing journaled")
        }
    }

    func testDryRunLeavesTheStateFileAndTheJournalAlone() async throws {
        // Make the state file once, then every dry run must leave its bytes as they are.
        let (listed, _) = try await runCommand(["--demo-state", state, "list"], environment: environment)
        XCTAssertEqual(listed, .success)
        for arguments in Self.dryRuns {
            let before = try Data(contentsOf: URL(fileURLWithPath: state))
            let (status, output) = try await runCommand(["--demo-state", state] + arguments, environment: environment)
            XCTAssertEqual(status, .success, "\(arguments): \(output.err)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state)), before, "\(arguments)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: auditLog), "\(arguments): nothing journaled")
        }
    }

    func testDisableDryRunNeverAsksEvenWithoutYesOrATerminal() async throws {
        let (status, output, log) = try await runLogged(["--demo", "acm-renewal", "disable", Self.root, "--dry-run"])
        XCTAssertEqual(status, .success, output.err)
        XCTAssertFalse(output.err.contains("--yes"), output.err)
        XCTAssertTrue(output.out.contains(PlannedChange.deleteCommand(arn: Self.root, region: DemoSeed.region)), output.out)
        XCTAssertEqual(log.filter(Self.writeOperations.contains), [])
    }

    /// The in-process log does see writes: the dry-run test would fail if a command sent one.
    func testTheLogSeesWrites() async throws {
        let (status, output, log) = try await runLogged(["--demo", "acm-renewal", "enable", Self.internalCA, "--yes"])
        XCTAssertEqual(status, .success, output.err)
        XCTAssertEqual(log.filter(Self.writeOperations.contains), ["CreatePermission"])
    }

    // MARK: Undeclared flags

    func testEveryCommandRefusesAFlagItDoesNotDeclare() async throws {
        var names = Set<String>()
        let everyOption = CommandCatalog.commands.flatMap { $0.signature.options }.filter { names.insert($0.name).inserted }
        var checked = 0
        for type in CommandCatalog.commands {
            let signature = type.signature
            let own = Set(signature.options.map(\.name))
            for option in everyOption where !own.contains(option.name) {
                let value = option.valueName == nil ? [] : ["1"]
                let arguments = ["--demo"] + signature.words + ["X", "--\(option.name)"] + value
                let (status, output) = try await runCommand(arguments, environment: environment)
                XCTAssertEqual(status, .usage, "\(arguments): \(output.err)")
                XCTAssertTrue(output.err.contains("\(signature.name) takes no option --\(option.name)"), "\(arguments): \(output.err)")
                for declared in signature.options {
                    XCTAssertTrue(output.err.contains("--\(declared.name)"), "\(arguments) names --\(declared.name): \(output.err)")
                }
                if signature.options.isEmpty {
                    XCTAssertTrue(output.err.contains("it takes only the shared options"), "\(arguments): \(output.err)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, CommandCatalog.commands.count, "every command was tried")
    }

    func testTheIssuesExamplesAreUsageErrors() async throws {
        let examples: [([String], String)] = [
            (["list", "--yes"], "list takes no option --yes"),
            (["describe", "X", "--all-off"], "describe takes no option --all-off"),
            (["acm-renewal", "status", "X", "--dry-run"], "acm-renewal status takes no option --dry-run"),
            (["report", "--wide"], "report takes no option --wide"),
            (["acm-renewal", "disable", "X", "--all-off"], "acm-renewal disable takes no option --all-off; its options: --yes, --dry-run"),
        ]
        for (arguments, message) in examples {
            let (status, output) = try await runCommand(["--demo-state", state] + arguments, environment: environment)
            XCTAssertEqual(status, .usage, "\(arguments)")
            XCTAssertTrue(output.err.contains(message), "\(arguments): \(output.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: state), "\(arguments): refused before the emulator opened")
        }
    }

    // MARK: Exit statuses of a run

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// The kinds a dry run plans, counted.
    private func plannedKinds(_ arguments: [String]) async throws -> [String: Int] {
        let (status, output) = try await runCommand(["--demo-state", state] + arguments + ["--dry-run", "-o", "json"],
                                                    environment: environment)
        XCTAssertEqual(status, .success, output.err)
        let plan = try json(output.out)["plan"] as? [[String: Any]] ?? []
        return plan.reduce(into: [:]) { counts, item in counts[item["kind"] as? String ?? "?", default: 0] += 1 }
    }

    func testPartialBulkExitsFiveWithTheCountsOfThePlan() async throws {
        let arguments = ["acm-renewal", "enable", Self.internalCA, Self.legacy]
        let planned = try await plannedKinds(arguments)
        XCTAssertEqual(planned, ["grant": 1, "refused": 1])
        let (status, output) = try await runCommand(["--demo-state", state] + arguments + ["--yes", "-o", "json"], environment: environment)
        XCTAssertEqual(status, .partial, output.err)
        let object = try json(output.out)
        XCTAssertEqual(object["changed"] as? Int, planned["grant"])
        XCTAssertEqual(object["refused"] as? Int, planned["refused"])
        XCTAssertEqual(object["failed"] as? Int, 0)
        let results = object["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.map { $0["result"] as? String }, ["changed", "refused"])
        let journal = Journal(path: auditLog).entries()
        XCTAssertEqual(journal.map(\.result), ["planned", "success", "refused"])
        XCTAssertEqual(journal.last?.certificateAuthorityArn, Self.legacy)

        let (_, text) = try await runCommand(["--demo-state", state, "acm-renewal", "enable", Self.payments, Self.partner, "--yes"],
                                             environment: environment)
        XCTAssertTrue(text.out.contains("1 changed and verified, 0 failed, 1 refused"), text.out)
    }

    func testEverythingRefusedExitsFour() async throws {
        let arguments = ["acm-renewal", "enable", Self.legacy, Self.partner]
        let planned = try await plannedKinds(arguments)
        XCTAssertEqual(planned, ["refused": 2])
        let (status, output) = try await runCommand(["--demo-state", state] + arguments + ["--yes", "-o", "json"], environment: environment)
        XCTAssertEqual(status, .refused, output.err)
        XCTAssertEqual(try json(output.out)["refused"] as? Int, 2)
        XCTAssertEqual(Journal(path: auditLog).entries().map(\.phase), [.refused, .refused], "refusals only, nothing sent")
    }

    func testNothingToChangeExitsZero() async throws {
        for arguments in [["acm-renewal", "enable", Self.root, Self.tokyo], ["acm-renewal", "enable", Self.root],
                          ["acm-renewal", "disable", Self.internalCA]] {
            let (status, output) = try await runCommand(["--demo-state", state] + arguments + ["--yes"], environment: environment)
            XCTAssertEqual(status, .success, "\(arguments): \(output.err)")
        }
        let journal = Journal(path: auditLog).entries()
        XCTAssertFalse(journal.contains { $0.phase == .intent }, "nothing was sent: \(journal.map(\.result))")
    }

    func testDeclinedConfirmationExitsFourAndJournalsNothingSent() async throws {
        for arguments in [["acm-renewal", "enable", Self.internalCA, Self.payments], ["acm-renewal", "disable", Self.root],
                          ["acm-renewal", "enable", "--all-off"], ["acm-renewal", "retry", Self.internalCA]] {
            let asked = Collector()
            let (status, output, log) = try await runLogged(["--demo"] + arguments) { question in
                asked.add(question)
                return false
            }
            XCTAssertEqual(status, .refused, "\(arguments): \(output.err)")
            XCTAssertEqual(asked.values.count, 1, "\(arguments)")
            XCTAssertTrue(output.err.contains("cancelled; nothing was sent"), "\(arguments): \(output.err)")
            XCTAssertEqual(log.filter(Self.writeOperations.contains), [], "\(arguments)")
            let journal = Journal(path: auditLog).entries()
            XCTAssertFalse(journal.contains { $0.phase == .intent || $0.phase == .outcome }, "\(arguments): \(journal.map(\.result))")
        }
    }
}
