import Foundation
import PCALocal
import PCAProcess
import XCTest

/// Issuing with the real binary against pca-local, which signs real X.509: `pca-tui issue` and the UI's issue
/// dialog write files that `openssl verify` accepts up to the root pca-local returned in the chain.
final class IssuanceOverHTTPTests: XCTestCase {
    private var server: LocalServer!
    private var folder: URL!
    private let internalCA = DemoSeed.arn(DemoSeed.ID.internalCA)

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        try requireOpenSSL()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pca-issue-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        server = try LocalServer()
    }

    override func tearDown() {
        server?.stop()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func requireOpenSSL() throws {
        if let found = try? ChildProcess.run(["openssl", "version"], timeout: 30), found.status == 0 { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("openssl is required in CI") }
        throw XCTSkip("openssl is not installed")
    }

    private var environment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "AKIDLOCALISSUER", "AWS_SECRET_ACCESS_KEY": "local-issuer-secret", "HOME": folder.path,
         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
         "PATH": "/usr/bin:/bin", "XDG_STATE_HOME": folder.appendingPathComponent("state").path]
    }

    private func pcaTUI(_ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"), arguments + ["--endpoint-url", server.endpoint, "--region", "us-east-1"],
                           environment: environment)
    }

    @discardableResult
    private func openssl(_ arguments: [String]) throws -> ChildProcess.Output {
        let run = try ChildProcess.run(["sh", "-c", "cd \"$0\" && exec openssl \"$@\"", folder.path] + arguments, timeout: 60)
        XCTAssertEqual(run.status, 0, "openssl \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// A CSR made by openssl with an EC P-256 key.
    private func request(_ name: String, commonName: String) throws -> String {
        try openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(name).key",
                     "-out", "\(name).csr", "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=DNS:\(commonName)"])
        return folder.appendingPathComponent("\(name).csr").path
    }

    /// The PEM certificates of a file, in order.
    private func certificates(in path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "-----END CERTIFICATE-----").dropLast()
            .map { String($0.drop { $0 == "\n" }) + "-----END CERTIFICATE-----\n" }
    }

    /// `openssl verify` of `leaf` with the last certificate of `chain` as the only trust anchor.
    private func verify(leaf: String, chain: [String]) throws -> String {
        try XCTUnwrap(chain.last).write(to: folder.appendingPathComponent("anchor.pem"), atomically: true, encoding: .utf8)
        try chain.dropLast().joined().write(to: folder.appendingPathComponent("untrusted.pem"), atomically: true, encoding: .utf8)
        try leaf.write(to: folder.appendingPathComponent("leaf.pem"), atomically: true, encoding: .utf8)
        let untrusted = chain.count > 1 ? ["-untrusted", "untrusted.pem"] : []
        return try openssl(["verify", "-CAfile", "anchor.pem"] + untrusted + ["leaf.pem"]).stdout
    }

    func testIssueCommandWritesACertificateAndChainOpensslVerifies() throws {
        let csr = try request("cmd", commonName: "cmd.example.com")
        let out = folder.appendingPathComponent("cmd.crt").path
        let chainOut = folder.appendingPathComponent("cmd-chain.pem").path
        let issued = try pcaTUI(["issue", internalCA, "--csr", csr, "--yes", "--out", out, "--chain-out", chainOut])
        XCTAssertEqual(issued.status, 0, issued.stderr)
        let leaf = try XCTUnwrap(try certificates(in: out).first)
        let chain = try certificates(in: chainOut)
        XCTAssertEqual(chain.count, 2, "the Internal CA's certificate and the root's")
        let verified = try verify(leaf: leaf, chain: chain)
        XCTAssertTrue(verified.contains("leaf.pem: OK"), verified)
        let text = try openssl(["x509", "-in", out, "-noout", "-text"]).stdout
        XCTAssertTrue(text.contains("Subject: CN = cmd.example.com"), text)
        XCTAssertTrue(text.contains("DNS:cmd.example.com"), text)
        XCTAssertTrue(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"), text)

        let described = try pcaTUI(["describe", internalCA, "-o", "json"])
        XCTAssertEqual(described.status, 0, described.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any])
        let caCertificate = try XCTUnwrap(object["caCertificate"] as? [String: String], described.stdout)
        XCTAssertEqual(caCertificate["Subject"], "CN=Example Corp Issuing CA - Internal,L=Seattle,ST=Washington,OU=PKI,O=Example Corp,C=US")
        XCTAssertEqual(caCertificate["Issuer"], "CN=Example Corp Root CA G1,L=Seattle,ST=Washington,OU=PKI,O=Example Corp,C=US")
        XCTAssertEqual(caCertificate["Key"], "RSA 2048")
        XCTAssertEqual(caCertificate["Basic constraints"], "CA, path length 0")
    }

    /// The issuer user in the UI: select the Internal CA, `i`, type the CSR's path, down to [ Issue ], Enter;
    /// the dialog says Issued and where it saved, and the saved file (certificate then chain) verifies.
    func testTheIssueDialogSavesACertificateOpensslVerifies() throws {
        let hasTmux = (try? TerminalSession.tmux(["-V"]))?.hasPrefix("tmux") ?? false
        guard hasTmux else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("tmux is required in CI") }
            throw XCTSkip("tmux is not installed")
        }
        let csr = try request("ui", commonName: "ui.example.com")
        var variables = environment
        variables["LANG"] = "C.UTF-8"
        variables["TERM"] = "tmux-256color"
        variables.removeValue(forKey: "PATH")
        let session = try TerminalSession(
            command: "\(LocalServer.binary("pca-tui")) --endpoint-url \(server.endpoint) --region us-east-1", environment: variables)
        try session.waitFor("loaded")
        try session.send("/")
        try session.type("Internal")
        try session.send("Enter")
        try session.waitFor("Issuing CA - Internal")
        try session.send("i")
        try session.waitFor("CSR")
        try session.type(csr)
        for _ in 0..<5 { try session.send("Down") }  // template, validity, algorithm, save-to, [ Issue ]
        try session.send("Enter")
        let screen = try session.waitFor("Saved to", timeout: 30)
        XCTAssertTrue(screen.contains("Issued arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/\(DemoSeed.ID.internalCA.prefix(20))"),
                      screen)
        XCTAssertTrue(screen.contains("Issuer              CN=Example Corp Issuing CA - Internal"), screen)
        let saved = folder.appendingPathComponent("ui.crt").path
        XCTAssertTrue(screen.contains("Saved to \(saved)"), screen)
        let file = try certificates(in: saved)
        XCTAssertEqual(file.count, 3, "the certificate, then the Internal CA's and the root's")
        let verified = try verify(leaf: try XCTUnwrap(file.first), chain: Array(file.dropFirst()))
        XCTAssertTrue(verified.contains("leaf.pem: OK"), verified)
        try session.send("Enter")
        try session.send("q")
        XCTAssertTrue(try session.waitFor("PCA_TUI_EXITED=").contains("PCA_TUI_EXITED=0"))
    }
}
