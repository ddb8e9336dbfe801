import Foundation
import PCAClient
import PCALocal
import PCAProcess
import XCTest

/// The real binary against a hostile server: escape sequences in error messages and CA names, timestamps out
/// of range, endless pagination. Each ends with a clear error (or clean output), never a crash, a hang or an
/// escape sequence on the terminal.
final class HostileServerTests: XCTestCase {
    private static let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"
    private var arn: String { Self.arn }
    /// OSC 52 (writes the clipboard), a bell, a screen clear and a CSI in its C1 form.
    private static let evil = "\u{1b}]52;c;ZXZpbA==\u{07}\u{1b}[2J\u{9b}31m"

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
    }

    /// Serves STS GetCallerIdentity normally and every ACM-PCA operation with `answer`.
    private func serve(_ answer: @escaping @Sendable (_ operation: String, _ body: Data) -> HTTPResponse) throws -> HTTPServer {
        let server = HTTPServer { _, _, headers, body in
            guard let target = headers.first(where: { $0.name.lowercased() == "x-amz-target" })?.value else {
                return HTTPResponse(statusCode: 200, headers: [("Content-Type", "text/xml")], body: Data("""
                    <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/admin</Arn>\
                    <UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
                    """.utf8))
            }
            return answer(target.replacingOccurrences(of: "ACMPrivateCA.", with: ""), body)
        }
        _ = try server.start()
        return server
    }

    /// A server whose account holds one ACTIVE CA with no grant and no tags.
    private func serveOneCA(arn: String, commonName: String) throws -> HTTPServer {
        try serve { operation, _ in
            switch operation {
            case "ListCertificateAuthorities":
                return Self.jsonAnswer(["CertificateAuthorities": [[
                    "Arn": arn, "Status": "ACTIVE", "Type": "ROOT", "OwnerAccount": "111122223333", "NotAfter": 1_900_000_000,
                    "CertificateAuthorityConfiguration": ["KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                                          "Subject": ["CommonName": commonName]]]]])
            case "ListPermissions":
                return Self.jsonAnswer(["Permissions": []])
            default:
                return Self.jsonAnswer(["Tags": []])
            }
        }
    }

    private func run(_ server: HTTPServer, _ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"),
                           arguments + ["--endpoint-url", "http://127.0.0.1:\(server.port)", "--region", "us-east-1"],
                           environment: Self.hostileEnvironment)
    }

    private static let hostileEnvironment = [
        "AWS_ACCESS_KEY_ID": "AKIDHOSTILE", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": "/nonexistent", "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1", "PATH": "/usr/bin:/bin",
    ]

    private func assertNoEscapes(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for control in ["\u{1b}", "\u{07}", "\u{9b}"] {
            XCTAssertFalse(text.contains(control), "\(what) carries a raw control character: \(text.debugDescription)",
                           file: file, line: line)
        }
    }

    private static func jsonAnswer(_ object: [String: Any], status: Int = 200) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        var headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", "req-1")]
        if let code = object["__type"] as? String { headers.append(("x-amzn-ErrorType", code)) }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    func testEscapeSequencesInErrorsNeverReachTheTerminal() throws {
        let server = try serve { _, _ in
            Self.jsonAnswer(["__type": "AccessDeniedException\(Self.evil)", "message": "denied \(Self.evil) here"], status: 400)
        }
        defer { server.stop() }
        for arguments in [["describe", arn], ["acm-renewal", "status", arn], ["list", "--debug"],
                          ["describe", arn, "--output", "json"]] {
            let result = try run(server, arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            assertNoEscapes(result.stderr, "stderr of \(arguments)")
            assertNoEscapes(result.stdout, "stdout of \(arguments)")
        }
        let shown = try run(server, ["describe", arn])
        XCTAssertTrue(shown.stderr.contains("\\e]52;c;ZXZpbA==\\u{7}"), "escaped, not dropped: \(shown.stderr)")
    }

    func testEscapeSequencesInCANamesStayOutOfTablesAndCSV() throws {
        let server = try serveOneCA(arn: Self.arn, commonName: "Evil\(Self.evil)CA")
        defer { server.stop() }
        for arguments in [["list"], ["report", "--output", "csv"], ["report"], ["list", "--output", "json"]] {
            let result = try run(server, arguments)
            XCTAssertTrue([0, 3].contains(result.status), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("Evil"), result.stdout)
            assertNoEscapes(result.stdout, "stdout of \(arguments)")
        }
        let json = try run(server, ["list", "--output", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let name = (object["certificateAuthorities"] as? [[String: Any]])?.first?["commonName"] as? String
        XCTAssertEqual(name, "Evil\(Self.evil)CA", "JSON keeps the data exactly, escaped as \\u sequences")
    }

    func testTimestampsOutOfRangeAreAClearErrorNotACrash() throws {
        for value in [1e19, -1e20, 1.7e300] {
            let server = try serve { _, _ in
                Self.jsonAnswer(["CertificateAuthority": ["Arn": Self.arn, "Status": "ACTIVE", "NotAfter": value]])
            }
            defer { server.stop() }
            let result = try run(server, ["describe", arn])
            XCTAssertEqual(result.status, 1, "\(value): exit \(result.status) \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("out of range"), result.stderr)
        }
    }

    func testEndlessPaginationEndsWithAClearError() throws {
        let counter = Counter()
        let server = try serve { _, _ in
            Self.jsonAnswer(["CertificateAuthorities": [], "NextToken": "token-\(counter.next())"])
        }
        defer { server.stop() }
        let result = try run(server, ["list"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("still paging after 1000 pages"), result.stderr)
    }

    /// The real binary with `arguments` against `port`, watched while it runs: killed (and the test failed) once
    /// its peak resident memory (VmHWM) passes `ceilingMiB` or it outlives `timeout`.
    private func runMeasured(port: Int, _ arguments: [String], ceilingMiB: Int, timeout: TimeInterval = 60,
                             file: StaticString = #filePath, line: UInt = #line) throws -> (run: ProgramRun, peakMiB: Double, seconds: Double) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdout = directory.appendingPathComponent("out").path, stderr = directory.appendingPathComponent("err").path
        let started = Date()
        let process = try ChildProcess.Running(
            [LocalServer.binary("pca-tui")] + arguments + ["--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1"],
            environment: Self.hostileEnvironment, stdoutPath: stdout, stderrPath: stderr)
        var peakKiB = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peakKiB = max(peakKiB, kib)
            }
            if peakKiB > ceilingMiB << 10 || Date().timeIntervalSince(started) > timeout {
                process.kill()
                XCTFail("\(arguments) reached \(peakKiB >> 10) MiB after \(Date().timeIntervalSince(started)) s; killed",
                        file: file, line: line)
                break
            }
            usleep(20_000)
        }
        let status = process.wait(timeout: 10) ?? -1
        let seconds = Date().timeIntervalSince(started)
        let run = ProgramRun(status: status, stdout: (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
        print("measured: pca-tui \(arguments.joined(separator: " ")): peak \(peakKiB >> 10) MiB, \(String(format: "%.2f", seconds)) s, exit \(status)")
        return (run, Double(peakKiB) / 1024, seconds)
    }

    /// Answers that never end (chunked, or a Content-Length over the cap followed by bytes for ever) are cut at
    /// the 8 MiB cap as they arrive, in bounded memory and at once. One endless answer at a time: several at
    /// once on one URLSession can starve each other's cancels (see the README's Safety section).
    func testEndlessAnswersAreCutAtTheCap() throws {
        for answer in [EndlessAnswerServer.Answer.chunkedForever, .announcedHugeThenForever] {
            let server = try EndlessAnswerServer(answer)
            defer { server.stop() }
            let measured = try runMeasured(port: server.port, ["certificates", arn], ceilingMiB: 150, timeout: 20)
            XCTAssertEqual(measured.run.status, 1, "\(answer): \(measured.run.stderr)")
            XCTAssertTrue(measured.run.stderr.contains("larger than 8 MiB"), "\(answer): \(measured.run.stderr)")
            XCTAssertLessThan(measured.seconds, 5, "\(answer)")
        }
    }

    /// ACM's ListCertificates never stops, a thousand summaries a page, and every DescribeCertificate is fat
    /// (400 users of 250 bytes), SearchCertificates being denied: `certificates` and `list` stop at the listing's
    /// bounds (200,000 summaries, 24 MiB of certificates), show what they read, warn "truncated at N" on stderr and
    /// exit 1, in bounded memory.
    func testEndlessACMListingIsTruncatedInBoundedMemory() throws {
        try assertEndlessACMIsTruncated(searchAllowed: false)
    }

    /// The same through SearchCertificates, which never stops either (500 results a page).
    func testEndlessACMSearchIsTruncatedInBoundedMemory() throws {
        try assertEndlessACMIsTruncated(searchAllowed: true)
    }

    private func assertEndlessACMIsTruncated(searchAllowed: Bool) throws {
        let pages = Counter()
        let fatUsers = (0..<400).map { "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/\($0)/" + String(repeating: "u", count: 160) }
        let arn = Self.arn
        let server = try serve { operation, body in
            switch operation {
            case "CertificateManager.ListCertificates":
                let page = pages.next()
                return Self.jsonAnswer(["NextToken": "page-\(page)", "CertificateSummaryList": (0..<1000).map {
                    ["CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/\(page)-\($0)", "Type": "PRIVATE"]
                }])
            case "CertificateManager.SearchCertificates" where !searchAllowed:
                return Self.jsonAnswer(["__type": "AccessDeniedException", "message": "not allowed"], status: 400)
            case "CertificateManager.SearchCertificates":
                let page = pages.next()
                return Self.jsonAnswer(["NextToken": "page-\(page)", "Results": (0..<500).map { index -> [String: Any] in
                    ["CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/\(page)-\(index)",
                     "X509Attributes": ["Issuer": ["CommonName": "Bounded CA"], "Subject": ["CommonName": "x.example.com"]],
                     "CertificateMetadata": ["AcmCertificateMetadata": ["Type": "PRIVATE", "Status": "ISSUED", "InUse": true]]]
                }])
            case "CertificateManager.DescribeCertificate":
                let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
                return Self.jsonAnswer(["Certificate": ["CertificateArn": request?["CertificateArn"] ?? "", "Type": "PRIVATE",
                                                        "Status": "ISSUED", "DomainName": "x.example.com", "CertificateAuthorityArn": arn,
                                                        "InUseBy": fatUsers]])
            case "ListCertificateAuthorities":
                return Self.jsonAnswer(["CertificateAuthorities": [[
                    "Arn": arn, "Status": "ACTIVE", "Type": "ROOT", "OwnerAccount": "111122223333", "NotAfter": 1_900_000_000,
                    "CertificateAuthorityConfiguration": ["KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                                          "Subject": ["CommonName": "Bounded CA"]]]]])
            case "ListPermissions":
                return Self.jsonAnswer(["Permissions": []])
            default:
                return Self.jsonAnswer(["Tags": []])
            }
        }
        defer { server.stop() }
        for arguments in [["certificates", arn, "--output", "json"], ["list"]] {
            let measured = try runMeasured(port: server.port, arguments, ceilingMiB: 300, timeout: 110)
            XCTAssertEqual(measured.run.status, 1, "\(arguments): \(measured.run.stderr)")
            XCTAssertTrue(measured.run.stderr.contains("truncated at"), "\(arguments): \(measured.run.stderr)")
            if arguments.contains("json") {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(measured.run.stdout.utf8)) as? [String: Any])
                XCTAssertEqual(object["truncated"] as? Bool, true)
                XCTAssertGreaterThan((object["certificates"] as? [Any])?.count ?? 0, 100, "what was read is kept")
            } else {
                XCTAssertTrue(measured.run.stdout.contains("Bounded CA"), measured.run.stdout)
            }
        }
    }

    /// An answer that trickles one byte at a time never trips libcurl's idle timeout; the transport's own
    /// deadline ends it, for every caller of the transport (the credential providers call it directly).
    func testATricklingAnswerEndsAtTheTransportsDeadline() throws {
        let server = try EndlessAnswerServer(.trickle(interval: 0.2))
        defer { server.stop() }
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:\(server.port)/")!,
                                  headers: [("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities")], body: Data("{}".utf8))
        let ended = expectation(description: "the request ended")
        let outcome = Outcome()
        let started = Date()
        Task {
            do {
                _ = try await URLSessionTransport().send(request, timeout: 2)
                outcome.set("answered")
            } catch {
                outcome.set("\(error)")
            }
            ended.fulfill()
        }
        wait(for: [ended], timeout: 15)
        let seconds = Date().timeIntervalSince(started)
        print("measured: trickling answer ended after \(String(format: "%.2f", seconds)) s: \(outcome.value)")
        XCTAssertTrue(outcome.value.contains("timed out after 2 s"), outcome.value)
        XCTAssertLessThan(seconds, 6)
    }

    /// The UI's `C` on a CA whose server-supplied ARN holds a command substitution: the copied line, pasted
    /// into a shell, runs `aws` with the ARN as one literal argument and runs nothing else.
    /// An ARN that does not match the API's `Arn` pattern (here: shell code, and an ESC that ends bracketed
    /// paste) is never put on the clipboard, by `c` or `C`; the status line says why.
    func testAHostileARNIsNeverCopied() throws {
        guard (try? TerminalSession.tmux(["-V"]))?.hasPrefix("tmux") ?? false else { throw XCTSkip("tmux is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-paste-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostileARN = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x$(touch${IFS}pwned)\u{1b}[201~touch pwned2\r"
        let server = try serveOneCA(arn: hostileARN, commonName: "Hostile CA")
        defer { server.stop() }
        try TerminalSession.tmux(["start-server", ";", "set", "-g", "set-clipboard", "on"])
        let session = try TerminalSession(
            command: "\(LocalServer.binary("pca-tui")) --endpoint-url http://127.0.0.1:\(server.port) --region us-east-1",
            environment: ["AWS_ACCESS_KEY_ID": "AKIDHOSTILE", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": directory.path,
                          "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                          "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8", "TERM": "tmux-256color"])
        try TerminalSession.tmux(["set", "-g", "set-clipboard", "on"])
        try session.waitFor("Hostile CA")
        try session.waitFor("off")
        for key in ["C", "c"] {
            try session.send(key)
            try session.waitFor("Nothing copied: the ARN does not match")
            Thread.sleep(forTimeInterval: 0.5)
            let buffer = (try? TerminalSession.tmux(["show-buffer"])) ?? ""
            XCTAssertFalse(buffer.contains("touch"), "\(key) copied the hostile ARN: \(buffer.debugDescription)")
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var text = "none"
    func set(_ value: String) { lock.withLock { text = value } }
    var value: String { lock.withLock { text } }
}
