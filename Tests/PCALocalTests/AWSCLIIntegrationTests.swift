import Foundation
import PCALocal
import PCAProcess
import XCTest

/// Starts the real `pca-local` binary and drives it with the real AWS CLI, checking output and exit codes.
/// Locally it is skipped when the AWS CLI is missing; in CI (CI=true) a missing CLI is a failure.
final class AWSCLIIntegrationTests: XCTestCase {
    private var server: ChildProcess.Running?
    private var endpoint = ""
    private var stateFile = ""

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private static func findExecutable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    override func setUpWithError() throws {
        guard Self.findExecutable("aws") != nil else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("the AWS CLI is required in CI")
            }
            throw XCTSkip("the AWS CLI is not installed")
        }
        let binary = ProcessInfo.processInfo.environment["PCA_LOCAL_BIN"]
            ?? Self.packageRoot.appendingPathComponent(".build/debug/pca-local").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("pca-local is not built at \(binary); run 'swift build' first")
            return
        }
        stateFile = try temporaryDirectory(self).appendingPathComponent("state.json").path
        try startServer(binary)
    }

    private func startServer(_ binary: String) throws {
        let log = stateFile + ".\(UUID().uuidString.prefix(8)).out"
        let process = try ChildProcess.Running([binary, "--port", "0", "--seed", "demo", "--state", stateFile], stdoutPath: log)
        server = process
        let text = process.firstLine(ofFile: log, timeout: 30) ?? ""
        XCTAssertTrue(text.hasPrefix("pca-local listening on http://127.0.0.1:"), text)
        endpoint = String(text.dropFirst("pca-local listening on ".count))
    }

    /// Stops the server, changes its state file, and starts it again on that file.
    private func restartServer(changing change: (inout EmulatorState) -> Void) throws {
        XCTAssertEqual(server?.terminate(), 0)
        var state = try EmulatorState.load(from: stateFile)
        change(&state)
        try state.save(to: stateFile)
        try startServer(ProcessInfo.processInfo.environment["PCA_LOCAL_BIN"]
            ?? Self.packageRoot.appendingPathComponent(".build/debug/pca-local").path)
    }

    override func tearDown() {
        server?.terminate()
    }

    private struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    private func aws(_ arguments: [String], key: String = "AKIDLOCALADMIN", secret: String = "local-admin-secret",
                     token: String? = nil) throws -> Result {
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
        XCTAssertFalse(output.timedOut, "aws \(arguments.joined(separator: " ")) did not finish within 120 s")
        return Result(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    /// The AWS CLI exits 254 (v2) or 255 (v1) when the service answers with an error.
    private func assertServiceError(_ result: Result, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue([254, 255].contains(result.status), "exit status \(result.status): \(result.stderr)", file: file, line: line)
    }

    func testTheRenewalGrantLifecycleWithTheAWSCLI() throws {
        let list = try aws(["acm-pca", "list-certificate-authorities"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let authorities = list.json?["CertificateAuthorities"] as? [[String: Any]] ?? []
        XCTAssertGreaterThanOrEqual(authorities.count, 8)
        let target = DemoSeed.arn(DemoSeed.ID.internalCA)
        XCTAssertTrue(authorities.contains { $0["Arn"] as? String == target })

        let grant = ["acm-pca", "create-permission", "--certificate-authority-arn", target,
                     "--actions", "IssueCertificate", "GetCertificate", "ListPermissions",
                     "--principal", "acm.amazonaws.com"]
        let created = try aws(grant)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "")

        let listed = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", target])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let permissions = listed.json?["Permissions"] as? [[String: Any]] ?? []
        XCTAssertEqual(permissions.count, 1)
        XCTAssertEqual(permissions.first?["Principal"] as? String, "acm.amazonaws.com")
        XCTAssertEqual(permissions.first?["Actions"] as? [String], ["IssueCertificate", "GetCertificate", "ListPermissions"])
        XCTAssertEqual(permissions.first?["SourceAccount"] as? String, "111122223333")

        let again = try aws(grant)
        assertServiceError(again)
        XCTAssertTrue(again.stderr.contains("(PermissionAlreadyExistsException) when calling the CreatePermission operation"), again.stderr)

        let deleted = try aws(["acm-pca", "delete-permission", "--certificate-authority-arn", target, "--principal", "acm.amazonaws.com"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        let empty = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", target])
        XCTAssertEqual((empty.json?["Permissions"] as? [Any])?.count, 0)

        let nothing = try aws(["acm-pca", "delete-permission", "--certificate-authority-arn", target, "--principal", "acm.amazonaws.com"])
        assertServiceError(nothing)
        XCTAssertTrue(nothing.stderr.contains("(ResourceNotFoundException)"), nothing.stderr)
    }

    func testAssumeRoleWithMFAThenActAsTheRole() throws {
        let role = "arn:aws:iam::111122223333:role/ca-admin-role"
        let noMFA = try aws(["sts", "assume-role", "--role-arn", role, "--role-session-name", "cli"])
        assertServiceError(noMFA)
        XCTAssertTrue(noMFA.stderr.contains("(AccessDenied) when calling the AssumeRole operation"), noMFA.stderr)

        let assumed = try aws(["sts", "assume-role", "--role-arn", role, "--role-session-name", "cli",
                               "--serial-number", "arn:aws:iam::111122223333:mfa/ca-admin", "--token-code", DemoSeed.mfaCode])
        XCTAssertEqual(assumed.status, 0, assumed.stderr)
        let credentials = try XCTUnwrap(assumed.json?["Credentials"] as? [String: Any], assumed.stdout)
        let key = try XCTUnwrap(credentials["AccessKeyId"] as? String)
        let secret = try XCTUnwrap(credentials["SecretAccessKey"] as? String)
        let token = try XCTUnwrap(credentials["SessionToken"] as? String)
        XCTAssertNotNil(credentials["Expiration"])
        XCTAssertEqual((assumed.json?["AssumedRoleUser"] as? [String: Any])?["Arn"] as? String,
                       "arn:aws:sts::111122223333:assumed-role/ca-admin-role/cli")

        let identity = try aws(["sts", "get-caller-identity"], key: key, secret: secret, token: token)
        XCTAssertEqual(identity.json?["Arn"] as? String, "arn:aws:sts::111122223333:assumed-role/ca-admin-role/cli", identity.stderr)
        let listed = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.root)],
                             key: key, secret: secret, token: token)
        XCTAssertEqual(listed.status, 0, listed.stderr)
    }

    func testInvalidStateForADisabledCA() throws {
        let result = try aws(["acm-pca", "create-permission", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.legacy),
                              "--actions", "IssueCertificate", "GetCertificate", "ListPermissions", "--principal", "acm.amazonaws.com"])
        assertServiceError(result)
        XCTAssertTrue(result.stderr.contains("An error occurred (InvalidStateException) when calling the CreatePermission operation: "
                                             + "The certificate authority is in the DISABLED state."), result.stderr)
        let deleted = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.decommissioned)])
        assertServiceError(deleted)
        XCTAssertTrue(deleted.stderr.contains("(InvalidStateException)"), deleted.stderr)
    }

    func testIssuerKeysAreDenied() throws {
        let target = DemoSeed.arn(DemoSeed.ID.internalCA)
        let result = try aws(["acm-pca", "create-permission", "--certificate-authority-arn", target,
                              "--actions", "IssueCertificate", "GetCertificate", "ListPermissions", "--principal", "acm.amazonaws.com"],
                             key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        assertServiceError(result)
        XCTAssertTrue(result.stderr.contains("(AccessDeniedException) when calling the CreatePermission operation: "
                                             + "User: arn:aws:iam::111122223333:user/ca-issuer is not authorized to perform: acm-pca:CreatePermission"),
                      result.stderr)
        let reads = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.root)],
                            key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        XCTAssertEqual(reads.status, 0, reads.stderr)
        let who = try aws(["sts", "get-caller-identity"], key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        XCTAssertEqual(who.json?["Arn"] as? String, "arn:aws:iam::111122223333:user/ca-issuer")
        let unchanged = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", target])
        XCTAssertEqual((unchanged.json?["Permissions"] as? [Any])?.count, 0)
    }

    /// Ownership, a foreign SourceAccount and bound NextTokens, as the AWS CLI sees them.
    func testOwnershipAndBoundTokensWithTheAWSCLI() throws {
        let shared = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        let grant = try aws(["acm-pca", "create-permission", "--certificate-authority-arn", shared,
                             "--actions", "IssueCertificate", "GetCertificate", "ListPermissions", "--principal", "acm.amazonaws.com"])
        assertServiceError(grant)
        XCTAssertTrue(grant.stderr.contains("(AccessDeniedException) when calling the CreatePermission operation: User: "
                                            + "arn:aws:iam::111122223333:user/ca-admin is not authorized to perform: "
                                            + "acm-pca:CreatePermission on resource: \(shared)"), grant.stderr)
        let tag = try aws(["acm-pca", "tag-certificate-authority", "--certificate-authority-arn", shared, "--tags", "Key=k,Value=v"])
        assertServiceError(tag)
        XCTAssertTrue(tag.stderr.contains("(AccessDeniedException)"), tag.stderr)
        let foreign = try aws(["acm-pca", "create-permission", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.internalCA),
                               "--actions", "IssueCertificate", "--principal", "acm.amazonaws.com", "--source-account", "999988887777"])
        assertServiceError(foreign)
        XCTAssertTrue(foreign.stderr.contains("(AccessDeniedException)"), foreign.stderr)

        let page = try aws(["acm-pca", "list-certificate-authorities", "--max-results", "2", "--no-paginate"])
        let token = try XCTUnwrap(page.json?["NextToken"] as? String, page.stdout)
        let reused = try aws(["acm-pca", "list-permissions", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.root),
                              "--next-token", token])
        assertServiceError(reused)
        XCTAssertTrue(reused.stderr.contains("(InvalidNextTokenException)"), "a token of another listing: \(reused.stderr)")
        let forged = try aws(["acm-pca", "list-certificate-authorities", "--max-results", "2", "--no-paginate",
                              "--next-token", Data("2.00000000000000000000000000000000".utf8).base64EncodedString()])
        assertServiceError(forged)
        XCTAssertTrue(forged.stderr.contains("(InvalidNextTokenException)"), forged.stderr)
        let next = try aws(["acm-pca", "list-certificate-authorities", "--max-results", "2", "--no-paginate", "--next-token", token])
        XCTAssertEqual(next.status, 0, "its own token works: \(next.stderr)")
    }

    /// The model's constraints, all counted, as the AWS CLI sees them (botocore checks none of these lengths
    /// or patterns itself, so the emulator must).
    func testValidationErrorsAreCountedWithTheAWSCLI() throws {
        let configuration = #"{"KeyAlgorithm":"RSA_2048","SigningAlgorithm":"SHA256WITHRSA","Subject":{"CommonName":"\#(String(repeating: "c", count: 65))","Country":"USA"}}"#
        let result = try aws(["acm-pca", "create-certificate-authority", "--certificate-authority-type", "ROOT",
                              "--certificate-authority-configuration", configuration])
        assertServiceError(result)
        XCTAssertTrue(result.stderr.contains("(ValidationException) when calling the CreateCertificateAuthority operation: "
                                             + "3 validation errors detected: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("at 'certificateAuthorityConfiguration.subject.commonName' failed to satisfy constraint: "
                                             + "Member must have length less than or equal to 64"), result.stderr)
    }

    /// The console's "install CA certificate" flow for a root, done with the AWS CLI: CSR, self-signed
    /// certificate from the RootCACertificate template, import; the CA is then ACTIVE and issues.
    func testARootCAIsActivatedWithTheAWSCLI() throws {
        let folder = try temporaryDirectory(self)
        let configuration = #"{"KeyAlgorithm":"RSA_2048","SigningAlgorithm":"SHA256WITHRSA","Subject":{"CommonName":"CLI Root"}}"#
        let created = try aws(["acm-pca", "create-certificate-authority", "--certificate-authority-type", "ROOT",
                               "--certificate-authority-configuration", configuration])
        let arn = try XCTUnwrap(created.json?["CertificateAuthorityArn"] as? String, created.stderr)
        let waitedForCSR = try aws(["acm-pca", "wait", "certificate-authority-csr-created", "--certificate-authority-arn", arn])
        XCTAssertEqual(waitedForCSR.status, 0, "the key is made in the background: \(waitedForCSR.stderr)")
        let csr = try aws(["acm-pca", "get-certificate-authority-csr", "--certificate-authority-arn", arn])
        let csrFile = folder.appendingPathComponent("ca.csr")
        try Data(try XCTUnwrap(csr.json?["Csr"] as? String, csr.stderr).utf8).write(to: csrFile)
        let issued = try aws(["acm-pca", "issue-certificate", "--certificate-authority-arn", arn, "--csr", "fileb://\(csrFile.path)",
                              "--signing-algorithm", "SHA256WITHRSA", "--validity", "Value=10,Type=YEARS",
                              "--template-arn", "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        let certificateARN = try XCTUnwrap(issued.json?["CertificateArn"] as? String, issued.stderr)
        let waited = try aws(["acm-pca", "wait", "certificate-issued", "--certificate-authority-arn", arn, "--certificate-arn", certificateARN])
        XCTAssertEqual(waited.status, 0, waited.stderr)
        let fetched = try aws(["acm-pca", "get-certificate", "--certificate-authority-arn", arn, "--certificate-arn", certificateARN])
        let certificateFile = folder.appendingPathComponent("ca.pem")
        try Data(try XCTUnwrap(fetched.json?["Certificate"] as? String, fetched.stderr).utf8).write(to: certificateFile)
        let imported = try aws(["acm-pca", "import-certificate-authority-certificate", "--certificate-authority-arn", arn,
                                "--certificate", "fileb://\(certificateFile.path)"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let described = try aws(["acm-pca", "describe-certificate-authority", "--certificate-authority-arn", arn])
        XCTAssertEqual((described.json?["CertificateAuthority"] as? [String: Any])?["Status"] as? String, "ACTIVE")
        let revoked = try aws(["acm-pca", "revoke-certificate", "--certificate-authority-arn", arn,
                               "--certificate-serial", "00:00", "--revocation-reason", "KEY_COMPROMISE"])
        assertServiceError(revoked)
        XCTAssertTrue(revoked.stderr.contains("(ResourceNotFoundException)"), revoked.stderr)
    }

    /// The AWS CLI's own issue-certificate with a CSR openssl made, its certificate-issued waiter (the first
    /// GetCertificate answers RequestInProgressException), then get-certificate: openssl verifies the leaf up to
    /// the root; the state file keeps the CA keys private (0600).
    func testIssueWaitAndGetWithTheAWSCLIVerifyWithOpenssl() throws {
        try OpenSSL.available()
        let folder = try temporaryDirectory(self)
        let ca = DemoSeed.arn(DemoSeed.ID.internalCA)
        let csr = try OpenSSL.request(in: folder, name: "cli", commonName: "cli.example.com", rsa: true)
        let issued = try aws(["acm-pca", "issue-certificate", "--certificate-authority-arn", ca, "--csr", "fileb://\(csr.path)",
                              "--signing-algorithm", "SHA256WITHRSA", "--validity", "Value=90,Type=DAYS"])
        let arn = try XCTUnwrap(issued.json?["CertificateArn"] as? String, issued.stderr)
        let early = try aws(["acm-pca", "get-certificate", "--certificate-authority-arn", ca, "--certificate-arn", arn])
        assertServiceError(early)
        XCTAssertTrue(early.stderr.contains("(RequestInProgressException)"), early.stderr)
        let waited = try aws(["acm-pca", "wait", "certificate-issued", "--certificate-authority-arn", ca, "--certificate-arn", arn])
        XCTAssertEqual(waited.status, 0, waited.stderr)
        let fetched = try aws(["acm-pca", "get-certificate", "--certificate-authority-arn", ca, "--certificate-arn", arn])
        let certificate = try XCTUnwrap(fetched.json?["Certificate"] as? String, fetched.stderr)
        let chain = pemBlocks(try XCTUnwrap(fetched.json?["CertificateChain"] as? String))
        XCTAssertEqual(chain.count, 2, "the Internal CA's certificate and the root's")
        let verified = try OpenSSL.verify(leaf: certificate, chain: chain, in: folder)
        XCTAssertTrue(verified.contains("leaf.pem: OK"), verified)
        let text = try OpenSSL.text(certificate, in: folder)
        XCTAssertTrue(text.contains("Subject: O = Example Corp, CN = cli.example.com"), text)
        XCTAssertTrue(text.contains("Issuer: C = US, O = Example Corp, OU = PKI, ST = Washington, L = Seattle, CN = Example Corp Issuing CA - Internal"), text)
        let malformed = try aws(["acm-pca", "issue-certificate", "--certificate-authority-arn", ca, "--csr", "fileb://\(folder.path)/cli.key",
                                 "--signing-algorithm", "SHA256WITHRSA", "--validity", "Value=90,Type=DAYS"])
        assertServiceError(malformed)
        XCTAssertTrue(malformed.stderr.contains("(MalformedCSRException)"), malformed.stderr)
        let permissions = try FileManager.default.attributesOfItem(atPath: stateFile)[.posixPermissions] as? NSNumber
        XCTAssertEqual(permissions?.intValue, 0o600, "the state file holds CA keys")
    }

    /// IssueCertificate's IdempotencyToken, and a configuration with every member of the model, seen by the CLI.
    func testIdempotencyAndAFullConfigurationWithTheAWSCLI() throws {
        let folder = try temporaryDirectory(self)
        let csrFile = folder.appendingPathComponent("leaf.csr")
        try validCSR().write(to: csrFile)
        let issue = ["acm-pca", "issue-certificate", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.web),
                     "--csr", "fileb://\(csrFile.path)", "--signing-algorithm", "SHA256WITHECDSA",
                     "--validity", "Value=30,Type=DAYS", "--idempotency-token", "cli-token-1"]
        let first = try aws(issue)
        let again = try aws(issue)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.json?["CertificateArn"] as? String, again.json?["CertificateArn"] as? String)
        let other = try aws(Array(issue.dropLast()) + ["cli-token-2"])
        XCTAssertNotEqual(other.json?["CertificateArn"] as? String, first.json?["CertificateArn"] as? String)

        let created = try aws(["acm-pca", "create-certificate-authority", "--certificate-authority-type", "ROOT",
                               "--certificate-authority-configuration", InputShapesTests.fullConfiguration,
                               "--revocation-configuration", InputShapesTests.fullRevocation])
        let arn = try XCTUnwrap(created.json?["CertificateAuthorityArn"] as? String, created.stderr)
        let described = try aws(["acm-pca", "describe-certificate-authority", "--certificate-authority-arn", arn])
        let authority = described.json?["CertificateAuthority"] as? [String: Any]
        let sent = try JSONSerialization.jsonObject(with: Data(InputShapesTests.fullConfiguration.utf8)) as? NSDictionary
        XCTAssertEqual(authority?["CertificateAuthorityConfiguration"] as? NSDictionary, sent)
        let revocation = try JSONSerialization.jsonObject(with: Data(InputShapesTests.fullRevocation.utf8)) as? NSDictionary
        XCTAssertEqual(authority?["RevocationConfiguration"] as? NSDictionary, revocation)
    }

    /// ACM on the same server, as the AWS CLI sees it: a private certificate requested through a CA, described,
    /// listed only when its key type is named, and renewed.
    func testACMWithTheAWSCLI() throws {
        let requested = try aws(["acm", "request-certificate", "--domain-name", "cli.example.com", "--key-algorithm", "EC_prime256v1",
                                 "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.web)], key: "AKIDLOCALISSUER",
                                secret: "local-issuer-secret")
        let arn = try XCTUnwrap(requested.json?["CertificateArn"] as? String, requested.stderr)
        let described = try aws(["acm", "describe-certificate", "--certificate-arn", arn])
        let certificate = described.json?["Certificate"] as? [String: Any]
        XCTAssertEqual(certificate?["Status"] as? String, "ISSUED", described.stderr)
        XCTAssertEqual(certificate?["CertificateAuthorityArn"] as? String, DemoSeed.arn(DemoSeed.ID.web))
        let plain = try aws(["acm", "list-certificates"])
        let plainARNs = (plain.json?["CertificateSummaryList"] as? [[String: Any]] ?? []).compactMap { $0["CertificateArn"] as? String }
        XCTAssertFalse(plainARNs.contains(arn), "an EC certificate is not listed unless its key type is named")
        let all = try aws(["acm", "list-certificates", "--includes", "keyTypes=EC_prime256v1,RSA_2048"])
        let allARNs = (all.json?["CertificateSummaryList"] as? [[String: Any]] ?? []).compactMap { $0["CertificateArn"] as? String }
        XCTAssertTrue(allARNs.contains(arn), all.stderr)
        let ineligible = try aws(["acm", "renew-certificate", "--certificate-arn", arn])
        assertServiceError(ineligible)
        XCTAssertTrue(ineligible.stderr.contains("(ValidationException)"), ineligible.stderr)
        let failedRenewal = (all.json?["CertificateSummaryList"] as? [[String: Any]] ?? [])
            .first { $0["DomainName"] as? String == "shop.example.com" }?["CertificateArn"] as? String
        let renewed = try aws(["acm", "renew-certificate", "--certificate-arn", try XCTUnwrap(failedRenewal)])
        XCTAssertEqual(renewed.status, 0, renewed.stderr)
        let after = try aws(["acm", "describe-certificate", "--certificate-arn", try XCTUnwrap(failedRenewal)])
        XCTAssertEqual(((after.json?["Certificate"] as? [String: Any])?["RenewalSummary"] as? [String: Any])?["RenewalStatus"] as? String,
                       "SUCCESS", "the web CA grants ACM renewal")
        let search = try aws(["acm", "search-certificates", "--filter-statement",
                              #"{"And":[{"Filter":{"AcmCertificateMetadataFilter":{"Type":"PRIVATE"}}},{"Filter":{"AcmCertificateMetadataFilter":{"RenewalStatus":"FAILED"}}}]}"#])
        XCTAssertEqual(search.status, 0, search.stderr)
        let failedCount = (search.json?["Results"] as? [[String: Any]])?.count ?? 0
        XCTAssertEqual(failedCount, 9, "the demo's failed renewals: 3 internal, 2 payments, 3 IoT, 1 legacy: \(search.stdout)")
        let denied = try aws(["acm", "renew-certificate", "--certificate-arn", arn], key: "AKIDLOCALISSUER", secret: "local-issuer-secret")
        assertServiceError(denied)
        XCTAssertTrue(denied.stderr.contains("(AccessDeniedException)"), denied.stderr)
        // What pca-tui attributes certificates by: the issuer of the requested certificate is its CA's subject.
        let byArn = try aws(["acm", "search-certificates", "--filter-statement", #"{"Filter":{"CertificateArn":"\#(arn)"}}"#])
        let result = try XCTUnwrap((byArn.json?["Results"] as? [[String: Any]])?.first, byArn.stdout + byArn.stderr)
        let attributes = try XCTUnwrap(result["X509Attributes"] as? [String: Any])
        let ca = try aws(["acm-pca", "describe-certificate-authority", "--certificate-authority-arn", DemoSeed.arn(DemoSeed.ID.web)])
        let subject = ((ca.json?["CertificateAuthority"] as? [String: Any])?["CertificateAuthorityConfiguration"] as? [String: Any])?["Subject"]
        XCTAssertEqual(attributes["Issuer"] as? NSDictionary, subject as? NSDictionary)
        XCTAssertEqual((attributes["Subject"] as? [String: Any])?["CommonName"] as? String, "cli.example.com")
        XCTAssertEqual(attributes["KeyAlgorithm"] as? String, "EC_prime256v1")
        XCTAssertNotNil((attributes["SerialNumber"] as? String)?.wholeMatch(of: #/[0-9a-f]{2}(:[0-9a-f]{2}){1,19}/#), "the model's pattern")
        XCTAssertTrue(attributes["NotAfter"] is Double || attributes["NotAfter"] is String, "a timestamp the CLI read: \(attributes)")
        let metadata = (result["CertificateMetadata"] as? [String: Any])?["AcmCertificateMetadata"] as? [String: Any]
        XCTAssertEqual(metadata?["Status"] as? String, "ISSUED")
        XCTAssertEqual(metadata?["Type"] as? String, "PRIVATE")
        XCTAssertEqual(metadata?["InUse"] as? Bool, false)
    }

    func testSignatureErrors() throws {
        let badSecret = try aws(["acm-pca", "list-certificate-authorities"], secret: "not-the-secret")
        assertServiceError(badSecret)
        XCTAssertTrue(badSecret.stderr.contains("(InvalidSignatureException)"), badSecret.stderr)
        let unknownKey = try aws(["acm-pca", "list-certificate-authorities"], key: "AKIDUNKNOWN")
        assertServiceError(unknownKey)
        XCTAssertTrue(unknownKey.stderr.contains("(UnrecognizedClientException)"), unknownKey.stderr)
    }

    func testStateIsSavedOnSIGTERM() throws {
        let target = DemoSeed.arn(DemoSeed.ID.internalCA)
        let created = try aws(["acm-pca", "create-permission", "--certificate-authority-arn", target,
                               "--actions", "IssueCertificate", "--principal", "acm.amazonaws.com"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let server = try XCTUnwrap(server)
        XCTAssertEqual(server.terminate(), 0)
        let saved = try EmulatorState.load(from: stateFile)
        XCTAssertEqual(saved.authorities.first { $0.arn == target }?.permissions.first?.actions, ["IssueCertificate"])
    }

    /// Issue 15, items 8-10 as the AWS CLI sees them: another account's CA policy and ACM certificate, ACM's
    /// input constraints, and RequestCertificate's IdempotencyToken.
    func testACMOwnershipValidationAndIdempotencyWithTheAWSCLI() throws {
        let shared = DemoSeed.arn(DemoSeed.ID.shared, account: DemoSeed.sharingAccount)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"999988887777"},"Action":"acm-pca:IssueCertificate","Resource":"*"}]}"#
        for arguments in [["put-policy", "--resource-arn", shared, "--policy", policy], ["get-policy", "--resource-arn", shared],
                          ["delete-policy", "--resource-arn", shared]] {
            let result = try aws(["acm-pca"] + arguments)
            assertServiceError(result)
            XCTAssertTrue(result.stderr.contains("(AccessDeniedException)") && result.stderr.contains("on resource: \(shared)"),
                          "\(arguments[0]): \(result.stderr)")
        }
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let invalid: [[String]] = [
            ["--domain-name", "a b;$(id).com", "--certificate-authority-arn", web],
            ["--domain-name", "evil\u{1b}[2J.example.com", "--certificate-authority-arn", web],
            ["--domain-name", "ok.example.com", "--certificate-authority-arn", "certificate-authority/not-an-arn"],
            ["--domain-name", "ok.example.com", "--certificate-authority-arn", web, "--idempotency-token", "not-a-word"],
            ["--domain-name", "ok.example.com", "--certificate-authority-arn", web, "--subject-alternative-names", "ok.example.com", "bad_name.example.com"],
        ]
        for arguments in invalid {
            let result = try aws(["acm", "request-certificate"] + arguments)
            assertServiceError(result)
            XCTAssertTrue(result.stderr.contains("(ValidationException)") && result.stderr.contains("1 validation error detected"),
                          "\(arguments): \(result.stderr)")
        }
        func request(_ domain: String, token: String) throws -> Result {
            try aws(["acm", "request-certificate", "--domain-name", domain, "--certificate-authority-arn", web,
                     "--idempotency-token", token])
        }
        let first = try XCTUnwrap(try request("idem.example.com", token: "cli1").json?["CertificateArn"] as? String)
        XCTAssertEqual(try request("idem.example.com", token: "cli1").json?["CertificateArn"] as? String, first)
        let different = try request("other.example.com", token: "cli1")
        assertServiceError(different)
        XCTAssertTrue(different.stderr.contains("(InvalidParameterException)"), different.stderr)

        let foreign = "arn:aws:acm:us-east-1:\(DemoSeed.sharingAccount):certificate/f0e1d2c3-0000-4000-8000-000000000001"
        try restartServer { state in
            guard var theirs = state.acmCertificates?.first(where: { $0.status == "ISSUED" }) else { return }
            theirs.arn = foreign
            theirs.account = DemoSeed.sharingAccount
            state.acmCertificates?.append(theirs)
        }
        for operation in ["describe-certificate", "get-certificate", "renew-certificate"] {
            let result = try aws(["acm", operation, "--certificate-arn", foreign])
            assertServiceError(result)
            XCTAssertTrue(result.stderr.contains("(ResourceNotFoundException)"), "\(operation): \(result.stderr)")
        }
        let listed = try aws(["acm", "list-certificates", "--includes", "keyTypes=RSA_2048,EC_prime256v1,EC_secp384r1"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertFalse(listed.stdout.contains(foreign))
    }
}
