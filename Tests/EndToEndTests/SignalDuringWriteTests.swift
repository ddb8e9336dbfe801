import Foundation
import PCALocal
import PCAProcess
import XCTest

/// A signal or a quit while a change is in flight never leaves a silent half-change. pca-local holds one
/// operation (`--delay-operation`), the real pca-tui is signalled while that call is held, and the AWS CLI then
/// reads what the CA holds; the journal must show the intent and the outcome of the change.
final class SignalDuringWriteTests: XCTestCase {
    private var server: LocalServer?
    private var home: URL!

    private static let full = ["GetCertificate", "IssueCertificate", "ListPermissions"]
    private static let partial = ["GetCertificate", "IssueCertificate"]

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        guard (try? ChildProcess.run(["aws", "--version"], timeout: 60))?.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("the AWS CLI is required in CI") }
            throw XCTSkip("the AWS CLI is not installed")
        }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-signals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDown() {
        server?.stop()
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    // MARK: Commands

    /// SIGTERM while CreatePermission is held: the grant finishes, is verified and journaled, and the exit
    /// status is 143.
    func testSIGTERMDuringAGrantFinishesItThenExits143() throws {
        try startServer(delay: "CreatePermission=6")
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        XCTAssertEqual(try grantWithTheAWSCLI(arn), [])
        let command = try startCommand(["acm-renewal", "enable", arn, "--yes"])
        try waitForJournal(intents: 1)
        Thread.sleep(forTimeInterval: 1)
        let signalled = Date()
        command.signal(SIGTERM)
        let status = command.wait(timeout: 30)
        let took = Date().timeIntervalSince(signalled)
        print("SIGTERM during a grant: exited \(status.map(String.init) ?? "-") \(Self.seconds(took)) after the signal")
        XCTAssertEqual(status, 143, command.stderr)
        XCTAssertGreaterThan(took, 0.5, "it waited for the held CreatePermission")
        XCTAssertTrue(command.stderr.contains("pca-tui: finishing "), command.stderr)
        XCTAssertTrue(command.stderr.contains("on \(arn) before exiting"), command.stderr)
        XCTAssertTrue(command.stdout.contains("Verified with ListPermissions"), command.stdout)
        XCTAssertEqual(try grantWithTheAWSCLI(arn), Self.full)
        let change = try assertJournalComplete(changes: 1)
        XCTAssertEqual(change.outcome["result"] as? String, "success")
        XCTAssertEqual(change.outcome["certificateAuthorityArn"] as? String, arn)
    }

    /// SIGTERM while a repair is between its DeletePermission and its held CreatePermission: the grant ends
    /// full (or the partial one is put back), never none.
    func testSIGTERMDuringARepairNeverLeavesTheCAWithoutAGrant() throws {
        // The repair probes with a CreatePermission (answered PermissionAlreadyExists), deletes the partial
        // grant, then creates the full one: the second CreatePermission is held, longer than in the other
        // tests because the AWS CLI reads the CA in the middle of the change.
        try startServer(delay: "CreatePermission:2=8")
        let arn = DemoSeed.arn(DemoSeed.ID.payments)
        XCTAssertEqual(try grantWithTheAWSCLI(arn), Self.partial)
        let command = try startCommand(["acm-renewal", "enable", arn, "--yes"])
        try waitForJournal(intents: 1)
        Thread.sleep(forTimeInterval: 1)
        // The partial grant is already deleted: the CA is inside the half-change the signal must not leave.
        XCTAssertEqual(try grantWithTheAWSCLI(arn), [], "the signal lands between the delete and the create")
        let signalled = Date()
        command.signal(SIGTERM)
        let status = command.wait(timeout: 30)
        let took = Date().timeIntervalSince(signalled)
        print("SIGTERM during a repair: exited \(status.map(String.init) ?? "-") \(Self.seconds(took)) after the signal")
        XCTAssertEqual(status, 143, command.stderr)
        let after = try grantWithTheAWSCLI(arn)
        XCTAssertTrue(after == Self.full || after == Self.partial, "the CA was left with \(after)")
        XCTAssertEqual(after, Self.full, "the held create went through")
        let change = try assertJournalComplete(changes: 1)
        XCTAssertEqual(change.outcome["result"] as? String, "success")
        XCTAssertEqual(change.outcome["change"] as? String, "replaced")
    }

    /// Two SIGINTs 0.5 s apart force the exit (130) and name the change whose outcome is unknown; the next
    /// run reports the interrupted change once, the one after does not.
    func testSecondSIGINTForcesTheExitAndTheNextRunReportsItOnce() throws {
        try startServer(delay: "CreatePermission=8")
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        let command = try startCommand(["acm-renewal", "enable", arn, "--yes"])
        try waitForJournal(intents: 1)
        Thread.sleep(forTimeInterval: 0.5)
        command.signal(SIGINT)
        Thread.sleep(forTimeInterval: 0.5)
        let forced = Date()
        command.signal(SIGINT)
        let status = command.wait(timeout: 30)
        let took = Date().timeIntervalSince(forced)
        print("second SIGINT: exited \(status.map(String.init) ?? "-") \(Self.seconds(took)) after it")
        XCTAssertEqual(status, 130, command.stderr)
        XCTAssertLessThan(took, 2, "a forced exit does not wait for the held CreatePermission")
        XCTAssertTrue(command.stderr.contains("pca-tui: forced exit: the outcome of "), command.stderr)
        XCTAssertTrue(command.stderr.contains("on \(arn) is unknown"), command.stderr)
        XCTAssertEqual(journal().map { $0["phase"] as? String }, ["intent"], "the intent, and no outcome")

        let first = try runCommand(["acm-renewal", "status", arn])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stderr.components(separatedBy: "was interrupted at").count - 1, 1, first.stderr)
        XCTAssertTrue(first.stderr.contains("A change to CA \(arn) (enable-acm-renewal"), first.stderr)
        let second = try runCommand(["acm-renewal", "status", arn])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertFalse(second.stderr.contains("was interrupted at"), second.stderr)
        XCTAssertEqual(journal().map { $0["phase"] as? String }, ["intent", "recovered"])
    }

    /// `enable --all-off`: SIGTERM during the first CA lets that one finish and be journaled; the others are
    /// not started.
    func testSIGTERMDuringABulkChangeFinishesTheFirstCAAndStartsNoOther() throws {
        try startServer(delay: "CreatePermission=6")
        let command = try startCommand(["acm-renewal", "enable", "--all-off", "--yes", "--output", "json"])
        let intent = try waitForJournal(intents: 1)[0]
        Thread.sleep(forTimeInterval: 1)
        let signalled = Date()
        command.signal(SIGTERM)
        let status = command.wait(timeout: 30)
        let took = Date().timeIntervalSince(signalled)
        print("SIGTERM during a bulk change: exited \(status.map(String.init) ?? "-") \(Self.seconds(took)) after the signal")
        XCTAssertEqual(status, 143, command.stderr)
        let first = try XCTUnwrap(intent["certificateAuthorityArn"] as? String)
        let change = try assertJournalComplete(changes: 1)
        XCTAssertEqual(change.outcome["certificateAuthorityArn"] as? String, first)
        XCTAssertEqual(try grantWithTheAWSCLI(first), Self.full)

        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(command.stdout.utf8)) as? [String: Any], command.stdout)
        let results = try XCTUnwrap(document["results"] as? [[String: Any]])
        let byResult = Dictionary(grouping: results) { $0["result"] as? String ?? "?" }
        XCTAssertEqual(byResult["changed"]?.compactMap { $0["arn"] as? String }, [first])
        let skipped = byResult["skipped"] ?? []
        XCTAssertFalse(skipped.isEmpty, "the plan had more than one CA to change: \(command.stdout)")
        XCTAssertEqual(Set(byResult.keys).subtracting(["changed", "skipped", "refused"]), [], command.stdout)
        for result in skipped {
            XCTAssertEqual(result["summary"] as? String, "not started: stopped before it began")
            let arn = try XCTUnwrap(result["arn"] as? String)
            XCTAssertNotEqual(try grantWithTheAWSCLI(arn), Self.full, "\(arn) was not started, so not changed")
        }
    }

    // MARK: The UI in a terminal

    /// `q` while the dialog saves asks first; `y` quits once the change finished and was journaled, with the
    /// terminal restored.
    func testQuitWhileSavingAsksThenQuitsAfterTheChange() throws {
        let session = try startUIAndSave(delay: "CreatePermission=6")
        try session.send("q")
        try session.waitFor("Quit during a change?")
        try session.send("y")
        let confirmed = Date()
        let screen = try session.waitFor("PCA_TUI_EXITED=", timeout: 30)
        print("q, y while saving: exited \(Self.seconds(Date().timeIntervalSince(confirmed))) after y")
        XCTAssertTrue(screen.contains("PCA_TUI_EXITED=0"), screen)
        try assertTerminalRestored(session)
        XCTAssertEqual(try grantWithTheAWSCLI(DemoSeed.arn(DemoSeed.ID.internalCA)), Self.full)
        XCTAssertEqual(try assertJournalComplete(changes: 1).outcome["result"] as? String, "success")
    }

    /// SIGTERM to the UI while the dialog saves: it exits 143 after the change, with the terminal restored.
    func testSIGTERMWhileSavingExits143AfterTheChange() throws {
        let session = try startUIAndSave(delay: "CreatePermission=6")
        let program = try session.programPID()
        kill(program, SIGTERM)
        let signalled = Date()
        try session.waitFor("Finishing ")
        let screen = try session.waitFor("PCA_TUI_EXITED=", timeout: 30)
        print("SIGTERM while saving: exited \(Self.seconds(Date().timeIntervalSince(signalled))) after the signal")
        XCTAssertTrue(screen.contains("PCA_TUI_EXITED=143"), screen)
        try assertTerminalRestored(session)
        XCTAssertEqual(try grantWithTheAWSCLI(DemoSeed.arn(DemoSeed.ID.internalCA)), Self.full)
        XCTAssertEqual(try assertJournalComplete(changes: 1).outcome["result"] as? String, "success")
    }

    /// Repeated SIGINTs to the UI while the dialog saves force the exit (130) at once: the terminal is restored and
    /// the change whose outcome is unknown is named on the terminal.
    func testSecondSIGINTForcesTheUIToExit130() throws {
        let session = try startUIAndSave(delay: "CreatePermission=8")
        let program = try session.programPID()
        kill(program, SIGINT)
        try session.waitFor("Finishing ")
        let forced = Date()
        // Reading the screen took a moment that a loaded machine can stretch past the 2 s window, and signals sent
        // back to back merge into one: SIGINT every 0.3 s until the program is gone, each within the window of the
        // one before.
        for _ in 0..<10 where Self.isAlive(program) {
            kill(program, SIGINT)
            Thread.sleep(forTimeInterval: 0.3)
        }
        let screen = try session.waitFor("PCA_TUI_EXITED=", timeout: 30)
        print("second SIGINT to the UI: exited \(Self.seconds(Date().timeIntervalSince(forced))) after it")
        XCTAssertTrue(screen.contains("PCA_TUI_EXITED=130"), screen)
        XCTAssertTrue(screen.contains("pca-tui: forced exit: the outcome of "), screen)
        try assertTerminalRestored(session)
        XCTAssertEqual(journal().map { $0["phase"] as? String }, ["intent"], "the intent, and no outcome")
    }

    /// The terminal closes while the dialog saves (the SSH connection dropped: SIGHUP and a hung-up tty): the
    /// change still finishes and is journaled before the program ends.
    func testClosedTerminalWhileSavingFinishesTheChange() throws {
        let session = try startUIAndSave(delay: "CreatePermission=6")
        let program = try session.programPID()
        try TerminalSession.tmux(["kill-session", "-t", session.name])
        let closed = Date()
        let deadline = closed.addingTimeInterval(30)
        while Self.isAlive(program), Date() < deadline { usleep(20_000) }
        let took = Date().timeIntervalSince(closed)
        print("terminal closed while saving: the program ended \(Self.seconds(took)) after")
        XCTAssertFalse(Self.isAlive(program), "pca-tui (pid \(program)) still runs after its terminal closed")
        XCTAssertEqual(try grantWithTheAWSCLI(DemoSeed.arn(DemoSeed.ID.internalCA)), Self.full)
        XCTAssertEqual(try assertJournalComplete(changes: 1).outcome["result"] as? String, "success")
    }

    /// Opens the permissions dialog on the Internal CA, ticks the box and saves; returns once the save is in
    /// flight (the intent is journaled and the dialog says it is saving).
    private func startUIAndSave(delay: String) throws -> TerminalSession {
        let hasTmux = (try? TerminalSession.tmux(["-V"]))?.hasPrefix("tmux") ?? false
        guard hasTmux else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("tmux is required in CI") }
            throw XCTSkip("tmux is not installed")
        }
        let server = try startServer(delay: delay)
        var environment = commandEnvironment
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "tmux-256color"
        let session = try TerminalSession(
            command: "\(LocalServer.binary("pca-tui")) --endpoint-url \(server.endpoint) --region us-east-1",
            environment: environment)
        try session.waitFor("loaded")
        try session.send("/")
        try session.type("Internal")
        try session.send("Enter")
        try session.waitFor("(1 of ")
        try session.send("p")
        try session.waitFor("Now     ACM cannot renew")
        try session.send("Space")
        try session.waitFor("[x] Authorize ACM access")
        try session.send("Enter")
        try waitForJournal(intents: 1)
        try session.waitFor("Saving…")
        return session
    }

    private func assertTerminalRestored(_ session: TerminalSession, file: StaticString = #filePath, line: UInt = #line) throws {
        let modes = try session.waitFor("icanon")
        XCTAssertFalse(modes.contains("-icanon"), "the terminal is still in cbreak mode:\n\(modes)", file: file, line: line)
        XCTAssertFalse(modes.contains("-echo"), "echo is still off:\n\(modes)", file: file, line: line)
    }

    // MARK: Support

    @discardableResult
    private func startServer(delay: String) throws -> LocalServer {
        let started = try LocalServer(arguments: ["--seed", "demo", "--delay-operation", delay])
        server = started
        return started
    }

    private var endpoint: String { server?.endpoint ?? "" }

    private var journalPath: String { home.appendingPathComponent("state/pca-tui/audit.log").path }

    private var commandEnvironment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN", "AWS_SECRET_ACCESS_KEY": "local-admin-secret", "HOME": home.path,
         "XDG_STATE_HOME": home.appendingPathComponent("state").path, "AWS_CONFIG_FILE": "/dev/null",
         "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true", "PATH": "/usr/bin:/bin"]
    }

    private func arguments(_ words: [String]) -> [String] {
        [LocalServer.binary("pca-tui")] + words + ["--endpoint-url", endpoint, "--region", "us-east-1"]
    }

    private func startCommand(_ words: [String]) throws -> BackgroundCommand {
        try BackgroundCommand(arguments(words), environment: commandEnvironment, directory: home)
    }

    private func runCommand(_ words: [String]) throws -> ProgramRun {
        let arguments = arguments(words)
        return try ProgramRun.run(arguments[0], Array(arguments.dropFirst()), environment: commandEnvironment)
    }

    /// The journal's lines, oldest first.
    private func journal() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits until the journal holds `intents` intent lines (the change is registered and about to send).
    @discardableResult
    private func waitForJournal(intents: Int, timeout: TimeInterval = 30) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = journal().filter { $0["phase"] as? String == "intent" }
            if found.count >= intents { return found }
            usleep(20_000)
        }
        XCTFail("the journal did not get \(intents) intent(s) within \(timeout) s: \(journal())")
        throw XCTSkip("no intent journaled")
    }

    /// Every intent has its outcome (same changeId, outcome after it), and there are `changes` of them.
    private func assertJournalComplete(changes: Int, file: StaticString = #filePath,
                                       line: UInt = #line) throws -> (intent: [String: Any], outcome: [String: Any]) {
        let lines = journal().filter { $0["phase"] as? String != "refused" }
        let intents = lines.enumerated().filter { $0.element["phase"] as? String == "intent" }
        XCTAssertEqual(intents.count, changes, "intents: \(lines)", file: file, line: line)
        var pairs: [(intent: [String: Any], outcome: [String: Any])] = []
        for (position, intent) in intents {
            let id = try XCTUnwrap(intent["changeId"] as? String, file: file, line: line)
            let outcome = lines.dropFirst(position + 1).first { $0["phase"] as? String == "outcome" && $0["changeId"] as? String == id }
            pairs.append((intent, try XCTUnwrap(outcome, "no outcome for change \(id): \(lines)", file: file, line: line)))
        }
        XCTAssertEqual(lines.count, changes * 2, "only intents and their outcomes: \(lines)", file: file, line: line)
        return try XCTUnwrap(pairs.first, file: file, line: line)
    }

    /// The actions acm.amazonaws.com holds on `arn`, sorted, as the AWS CLI reads them.
    private func grantWithTheAWSCLI(_ arn: String) throws -> [String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment.merge(["AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN", "AWS_SECRET_ACCESS_KEY": "local-admin-secret",
                           "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
                           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]) { _, new in new }
        let run = try ChildProcess.run(["aws", "--endpoint-url", endpoint, "--output", "json", "acm-pca", "list-permissions",
                                        "--certificate-authority-arn", arn], environment: environment, timeout: 120)
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]
        let permissions = document?["Permissions"] as? [[String: Any]] ?? []
        return permissions.filter { $0["Principal"] as? String == "acm.amazonaws.com" }
            .flatMap { $0["Actions"] as? [String] ?? [] }.sorted()
    }

    /// True while `pid` runs (a zombie waiting for its parent counts as ended).
    private static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        String(format: "%.2f s", interval)
    }
}

/// pca-tui running in the background with its output in files, to be signalled mid-change.
private final class BackgroundCommand {
    private let process: ChildProcess.Running
    private let stdoutPath: String
    private let stderrPath: String

    init(_ arguments: [String], environment: [String: String], directory: URL) throws {
        let name = UUID().uuidString
        stdoutPath = directory.appendingPathComponent("\(name).out").path
        stderrPath = directory.appendingPathComponent("\(name).err").path
        process = try ChildProcess.Running(arguments, environment: environment, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    deinit {
        process.kill(signal: SIGKILL)
        _ = process.wait(timeout: 5)
    }

    func signal(_ number: Int32) {
        process.kill(signal: number)
    }

    func wait(timeout: TimeInterval) -> Int32? {
        process.wait(timeout: timeout)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}
