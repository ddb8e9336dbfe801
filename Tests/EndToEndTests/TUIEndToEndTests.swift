import Foundation
import PCAClient
import PCALocal
import PCAProcess
import XCTest

/// The real pca-tui binary in a real terminal (tmux), against the real pca-local server over HTTP.
final class TUIEndToEndTests: XCTestCase {
    private var server: LocalServer!
    private var endpoint: String { server.endpoint }
    private var home: URL!

    override func setUpWithError() throws {
        let hasTmux = (try? TerminalSession.tmux(["-V"]))?.hasPrefix("tmux") ?? false
        guard hasTmux else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("tmux is required in CI") }
            throw XCTSkip("tmux is not installed")
        }
        try LocalServer.requireBinaries()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        server = try LocalServer()
    }

    override func tearDown() {
        server?.stop()
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    private static func binary(_ name: String) -> String { LocalServer.binary(name) }

    private func startTUI(key: String, secret: String, flags: String = "") throws -> TerminalSession {
        try TerminalSession(
            command: "\(Self.binary("pca-tui")) --endpoint-url \(endpoint) --region us-east-1 \(flags)",
            environment: ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "HOME": home.path,
                          "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                          "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8", "TERM": "tmux-256color"])
    }

    private func client(key: String, secret: String) -> PCAClient {
        PCAClient(endpoint: ResolvedEndpoint(url: URL(string: endpoint)!, signingRegion: "us-east-1", isOverride: true),
                  credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: key, secretAccessKey: secret)),
                  transport: URLSessionTransport())
    }

    /// Quits and checks the exit status and that the terminal modes are back (icanon, echo).
    private func quitAndCheckRestored(_ session: TerminalSession) throws {
        try session.send("q")
        let screen = try session.waitFor("PCA_TUI_EXITED=")
        XCTAssertTrue(screen.contains("PCA_TUI_EXITED=0"), screen)
        let modes = try session.waitFor("icanon")
        XCTAssertFalse(modes.contains("-icanon"), "the terminal is still in cbreak mode:\n\(modes)")
        XCTAssertFalse(modes.contains("-echo"), "echo is still off:\n\(modes)")
    }

    /// A role profile with mfa_serial: the prompt appears inside the UI, a wrong code and a cancelled prompt
    /// are explained, the right code assumes the role, and the keys are cached for the AWS CLI and later use.
    func testMFAProfileAsksForTheCodeInsideTheUI() throws {
        let config = home.appendingPathComponent("config")
        try """
            [profile base]
            region = us-east-1
            endpoint_url = \(endpoint)

            [profile admin-mfa]
            role_arn = arn:aws:iam::111122223333:role/ca-admin-role
            source_profile = base
            mfa_serial = arn:aws:iam::111122223333:mfa/ca-admin
            region = us-east-1
            endpoint_url = \(endpoint)
            """.write(to: config, atomically: true, encoding: .utf8)
        let credentials = home.appendingPathComponent("credentials")
        try "[base]\naws_access_key_id = AKIDLOCALADMIN\naws_secret_access_key = local-admin-secret\n"
            .write(to: credentials, atomically: true, encoding: .utf8)
        let session = try TerminalSession(
            command: "\(Self.binary("pca-tui")) --profile admin-mfa",
            environment: ["HOME": home.path, "AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": credentials.path,
                          "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8", "TERM": "tmux-256color"])
        try session.waitFor("Device  arn:aws:iam::111122223333:mfa/ca-admin")
        try session.type("000000")
        try session.send("Enter")
        try session.waitFor("AWS did not accept the MFA code")
        try session.send("r")
        try session.waitFor("Device  arn:aws:iam::111122223333:mfa/ca-admin")
        try session.send("Escape")
        try session.waitFor("The profile's role needs an MFA code, and none was given.")
        try session.send("r")
        try session.waitFor("Device  arn:aws:iam::111122223333:mfa/ca-admin")
        try session.type(DemoSeed.mfaCode)
        try session.send("Enter")
        try session.waitFor("arn:aws:sts::111122223333:assumed-role/ca-admin-role/")
        try session.waitFor("loaded")
        // The role keys went to the AWS CLI's cache: back to the plain profile and to the MFA one again,
        // the cached keys serve without a second code.
        let cache = home.appendingPathComponent(".aws/cli/cache")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".json") }.count, 1)
        try session.command("profile base")
        try session.waitFor("arn:aws:iam::111122223333:user/ca-admin")
        try session.command("profile admin-mfa")
        let screen = try session.waitFor("arn:aws:sts::111122223333:assumed-role/ca-admin-role/")
        XCTAssertFalse(screen.contains("MFA code"), screen)
        try quitAndCheckRestored(session)
    }

    /// With --mouse, a click selects a row and a second click opens it. The click is the X10 mouse report
    /// that TERM=tmux-256color announces (press, then release, at column 10, row 6, both 0-based).
    func testMouseClickSelectsThenOpens() throws {
        let session = try startTUI(key: "AKIDLOCALADMIN", secret: "local-admin-secret", flags: "--mouse")
        try session.waitFor("loaded")
        // Screen row 6 is the fourth CA (rows start below the header and the column titles).
        let click = "\u{1B}[M +'\u{1B}[M#+'"
        try session.type(click)
        // Sorted by name, the fourth CA of the demo estate is the root.
        let lines = try session.waitFor("▶ Example Corp Root CA G1").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.count > 6 && lines[6].hasPrefix("▶ Example Corp Root CA G1"), lines.prefix(8).joined(separator: "\n"))
        try session.type(click)
        try session.waitFor("CA detail: Example Corp Root CA G1")
        try session.send("Escape")
        try session.waitFor("NAME")
        try quitAndCheckRestored(session)
    }

    func testAdminTurnsOnACMRenewal() async throws {
        let session = try startTUI(key: "AKIDLOCALADMIN", secret: "local-admin-secret")
        try session.waitFor("loaded")
        try session.waitFor("arn:aws:iam::111122223333:user/ca-admin")
        try session.send("/")
        try session.type("Internal")
        try session.send("Enter")
        let list = try session.waitFor("(1 of ")
        XCTAssertTrue(list.contains("✗ off"), list)
        try session.send("p")
        try session.waitFor("Now     ACM cannot renew")
        try session.send("Space")
        try session.waitFor("[x] Authorize ACM access to renew certificates requested by this account")
        try session.send("Tab")
        try session.send("Enter")
        try session.waitFor("Saved and verified with ListPermissions")
        try session.send("Enter")
        try session.waitFor("✓ enabled")
        try quitAndCheckRestored(session)

        let permissions = try await client(key: "AKIDLOCALADMIN", secret: "local-admin-secret")
            .allPermissions(arn: DemoSeed.arn(DemoSeed.ID.internalCA))
        XCTAssertEqual(permissions.count, 1)
        XCTAssertEqual(permissions.first?.principal, "acm.amazonaws.com")
        XCTAssertEqual(Set(permissions.first?.actions ?? []), Set(PermissionAction.acmRenewalActions))
        XCTAssertEqual(permissions.first?.actions?.count, 3)

        let audit = try String(contentsOf: home.appendingPathComponent(".local/state/pca-tui/audit.log"), encoding: .utf8)
        let lines = try audit.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(lines.map { $0["phase"] as? String }, ["intent", "outcome"], "written ahead, then the outcome")
        let entry = lines[1]
        XCTAssertEqual(entry["changeId"] as? String, lines[0]["changeId"] as? String)
        XCTAssertEqual(entry["action"] as? String, "enable-acm-renewal")
        XCTAssertEqual(entry["result"] as? String, "success")
        XCTAssertEqual(entry["caller"] as? String, "arn:aws:iam::111122223333:user/ca-admin")
        XCTAssertEqual(entry["certificateAuthorityArn"] as? String, DemoSeed.arn(DemoSeed.ID.internalCA))
        XCTAssertEqual((entry["requestIds"] as? [String])?.count, 1)
    }

    /// Every CA's ACM grants as the AWS CLI reads them (ARN -> principal's actions, sorted).
    private func grantsWithTheAWSCLI() throws -> [String: [String]] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment.merge(["AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN", "AWS_SECRET_ACCESS_KEY": "local-admin-secret",
                           "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
                           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]) { _, new in new }
        func aws(_ arguments: [String]) throws -> [String: Any] {
            let run = try ChildProcess.run(["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments,
                                           environment: environment, timeout: 120)
            return (try? JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any]) ?? [:]
        }
        let listed = try aws(["acm-pca", "list-certificate-authorities"])["CertificateAuthorities"] as? [[String: Any]] ?? []
        var grants: [String: [String]] = [:]
        for authority in listed {
            let arn = authority["Arn"] as? String ?? ""
            let permissions = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", arn])["Permissions"]
                as? [[String: Any]] ?? []
            grants[arn] = permissions.flatMap { $0["Actions"] as? [String] ?? [] }.sorted()
        }
        return grants
    }

    /// The admin's day: filter the CAs without renewal, mark them all, grant in one go; the AWS CLI then sees
    /// that exactly the grantable ones changed.
    func testFilterMarkAllAndEnableChangesExactlyThoseCAs() throws {
        guard (try? ChildProcess.run(["aws", "--version"], timeout: 60))?.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("the AWS CLI is required in CI") }
            throw XCTSkip("the AWS CLI is not installed")
        }
        let before = try grantsWithTheAWSCLI()
        let session = try startTUI(key: "AKIDLOCALADMIN", secret: "local-admin-secret")
        try session.waitFor("loaded")
        try session.send("/")
        try session.type("acm:off")
        try session.send("Enter")
        try session.waitFor("(5 of 12")
        try session.send("*")
        try session.waitFor("5 marked")
        try session.send("p")
        try session.waitFor("5 marked CAs: 2 grants, 0 repairs, 3 refused")
        try session.send("Enter")
        let done = try session.waitFor("Done: 2 changed and verified, 0 failed")
        XCTAssertTrue(done.contains("refused: DISABLED, not ACTIVE"), done)
        try session.send("Enter")
        try quitAndCheckRestored(session)

        let after = try grantsWithTheAWSCLI()
        let full = ["GetCertificate", "IssueCertificate", "ListPermissions"]
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        XCTAssertEqual(changed, [DemoSeed.arn(DemoSeed.ID.internalCA), DemoSeed.arn(DemoSeed.ID.staging)])
        XCTAssertEqual(after[DemoSeed.arn(DemoSeed.ID.internalCA)], full)
        XCTAssertEqual(after[DemoSeed.arn(DemoSeed.ID.staging)], full)
        let audit = try String(contentsOf: home.appendingPathComponent(".local/state/pca-tui/audit.log"), encoding: .utf8)
        let phases = audit.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["phase"] as? String
        }
        XCTAssertEqual(phases.filter { $0 == "outcome" }.count, 2, "one outcome per changed CA")
        XCTAssertEqual(phases.filter { $0 == "intent" }.count, 2, "each written ahead")
        XCTAssertEqual(phases.filter { $0 == "refused" }.count, phases.count - 4, "the marked CAs that were refused are journaled too")
    }

    /// The ACM side: a CA whose renewals failed, granted, the renewals retried and renewed; then the blast
    /// radius before a revoke.
    func testGrantRetryRenewalsAndSeeTheBlastRadius() throws {
        let session = try startTUI(key: "AKIDLOCALADMIN", secret: "local-admin-secret")
        try session.waitFor("loaded")
        try session.waitFor("8 ✗3")
        try session.send("/")
        try session.type("Internal")
        try session.send("Enter")
        try session.waitFor("(1 of ")
        try session.send("Enter")
        try session.waitFor("3 renewals failed (3 PCA_ACCESS_DENIED)")
        try session.send("p")
        try session.waitFor("Now     ACM cannot renew")
        try session.send("Space")
        try session.send("Enter")
        try session.waitFor("press r to retry their renewal now")
        try session.send("r")
        let retried = try session.waitFor("build.corp.example.com: SUCCESS")
        XCTAssertTrue(retried.contains("intranet.corp.example.com: SUCCESS"), retried)
        try session.send("Enter")
        try session.waitFor("0 renewals failed")
        try session.send("p")
        try session.waitFor("Now     ACM can renew")
        try session.send("Space")
        try session.send("Enter")
        try session.waitFor("ACM renews 7 certificates from this CA, 7 in use; after revoking")
        try session.send("Escape")
        try session.send("Escape")
        try session.send("Escape")
        try quitAndCheckRestored(session)
        let audit = try String(contentsOf: home.appendingPathComponent(".local/state/pca-tui/audit.log"), encoding: .utf8)
        XCTAssertEqual(audit.split(separator: "\n").filter { $0.contains("retry-acm-renewal") && $0.contains("\"phase\":\"step\"") }.count, 3,
                       "one line per retried certificate")
    }

    func testIssuerSeesAccessDeniedAndNothingChanges() async throws {
        let session = try startTUI(key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        try session.waitFor("loaded")
        try session.send("/")
        try session.type("Payments")
        try session.send("Enter")
        try session.waitFor("◐ partial")
        try session.send("p")
        try session.waitFor("A partial grant is in place")
        try session.send("Tab")
        try session.send("Enter")
        let screen = try session.waitFor("Not saved: AccessDeniedException")
        XCTAssertTrue(screen.contains("Your IAM identity is not allowed to do this; nothing was changed."), screen)
        try session.send("Enter")
        try quitAndCheckRestored(session)

        let permissions = try await client(key: "AKIDLOCALADMIN", secret: "local-admin-secret")
            .allPermissions(arn: DemoSeed.arn(DemoSeed.ID.payments))
        XCTAssertEqual(permissions.first?.actions, [.issueCertificate, .getCertificate], "the partial grant is untouched")
    }

    func testTinyTerminalAndCtrlC() throws {
        let session = try TerminalSession(
            command: "\(Self.binary("pca-tui")) --demo",
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "TERM": "tmux-256color"], width: 20, height: 5)
        try session.waitFor("too small")
        try session.send("C-c")
        let screen = try session.waitFor("PCA_TUI_EXITED=")
        XCTAssertTrue(screen.contains("PCA_TUI_EXITED=0"), screen)
    }

    /// Signals nobody expects (SIGUSR1, SIGUSR2, SIGALRM) restore the terminal as SIGTERM does; SIGPIPE is
    /// ignored and the UI goes on.
    func testUnexpectedSignalsRestoreTheTerminal() throws {
        for signalName in ["USR1", "USR2", "ALRM"] {
            let session = try TerminalSession(
                command: "\(Self.binary("pca-tui")) --demo",
                environment: ["HOME": home.path, "LANG": "C.UTF-8", "TERM": "tmux-256color"])
            try session.waitFor("Example Corp Root CA G1")
            let program = try session.programPID()
            _ = try ChildProcess.run(["kill", "-PIPE", String(program)], timeout: 10)
            try session.send("j")
            Thread.sleep(forTimeInterval: 0.3)
            XCTAssertFalse(try session.screen().contains("PCA_TUI_EXITED="), "SIGPIPE is ignored")
            _ = try ChildProcess.run(["kill", "-\(signalName)", String(program)], timeout: 10)
            let screen = try session.waitFor("PCA_TUI_EXITED=")
            XCTAssertTrue(screen.contains("PCA_TUI_EXITED=0"), "SIG\(signalName): \(screen)")
            let modes = try session.waitFor("icanon")
            XCTAssertFalse(modes.contains("-icanon"), "SIG\(signalName) left cbreak mode:\n\(modes)")
            XCTAssertFalse(modes.contains("-echo"), "SIG\(signalName) left echo off:\n\(modes)")
        }
    }

    /// A command stopped by SIGTERM while its credential_process still runs takes that process with it.
    func testCredentialProcessDoesNotOutliveTheProgram() throws {
        let pidFile = home.appendingPathComponent("credential-process.pid").path
        let config = home.appendingPathComponent("config")
        try "[default]\ncredential_process = /bin/sh -c 'echo $$ > \(pidFile); exec sleep 60'\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let program = try ChildProcess.Running(
            [Self.binary("pca-tui"), "list", "--endpoint-url", endpoint, "--region", "us-east-1"],
            environment: ["HOME": home.path, "AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                          "AWS_EC2_METADATA_DISABLED": "true", "PATH": "/usr/bin:/bin"])
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: pidFile, encoding: .utf8))?.hasSuffix("\n") != true, Date() < deadline {
            usleep(20_000)
        }
        let helper = try XCTUnwrap(Int32((try String(contentsOfFile: pidFile, encoding: .utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        program.kill(signal: SIGTERM)
        XCTAssertEqual(program.wait(timeout: 10), 128 + SIGTERM)
        var gone = false
        for _ in 0..<300 where !gone {
            gone = kill(helper, 0) != 0 || Self.isZombie(helper)
            if !gone { usleep(10_000) }
        }
        XCTAssertTrue(gone, "credential_process (pid \(helper)) outlived pca-tui")
    }

    /// `--read-only` on the command line cannot be lifted with W; the dialog says why Save is off.
    func testCommandLineReadOnlyCannotBeLiftedInTheUI() throws {
        let session = try TerminalSession(
            command: "\(Self.binary("pca-tui")) --demo --read-only",
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "TERM": "tmux-256color"])
        try session.waitFor("Example Corp Root CA G1")
        try session.send("W")
        try session.waitFor("--read-only was given on the command line")
        try session.send("y")
        try session.send("p")
        try session.waitFor("Configure CA permissions")
        try session.send("Space")
        try session.waitFor("changes are off for this session")
        try session.send("Escape")
        try quitAndCheckRestored(session)
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
