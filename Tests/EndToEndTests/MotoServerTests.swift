import Foundation
import PCAProcess
import XCTest

/// The real binary against moto, an independent ACM-PCA implementation (in Python, on botocore's model):
/// boto3 builds CAs there (one made ACTIVE with a real X.509 certificate, one with control characters in
/// its subject), and pca-tui must read back what boto3 reads. moto does not implement the permission
/// operations, so ACM renewal must come out as "unknown" with the reason, never as "off".
/// Skipped when moto is missing, except in CI (CI=true), where that is a failure.
final class MotoServerTests: XCTestCase {
    private var moto: ChildProcess.Running?
    private var endpoint = ""
    private var directory: URL!

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        let probe = try? ChildProcess.run(["python3", "-c", "import moto.server, boto3"], timeout: 60)
        guard probe?.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("moto and boto3 are required in CI (pip install 'moto[server]' boto3)")
            }
            throw XCTSkip("moto is not installed")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Self.freePort()
        endpoint = "http://127.0.0.1:\(port)"
        let log = directory.appendingPathComponent("moto.log").path
        moto = try ChildProcess.Running(["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
                                        stdoutPath: log, stderrPath: log)
        let deadline = Date().addingTimeInterval(60)
        while !Self.accepts(port: port) {
            guard Date() < deadline, moto?.isRunning == true else {
                XCTFail("moto did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                throw XCTSkip("moto did not start")
            }
            usleep(100_000)
        }
    }

    override func tearDown() {
        moto?.terminate(grace: 5)
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var environment: [String: String] {
        ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "HOME": directory.path,
         "AWS_EC2_METADATA_DISABLED": "true", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    private func pcaTUI(_ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"), arguments + ["--endpoint-url", endpoint, "--region", "us-east-1"],
                           environment: environment)
    }

    /// Builds the CAs in moto with boto3 and returns what boto3's DescribeCertificateAuthority says of each.
    private func seed() throws -> [[String: Any]] {
        let script = directory.appendingPathComponent("seed.py")
        try Data(Self.seedScript.utf8).write(to: script)
        let run = try ChildProcess.run(["python3", script.path, endpoint], environment: environment, timeout: 120)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: run.standardOutput) as? [[String: Any]], run.stdout)
    }

    func testListAndDescribeAgreeWithBoto3() throws {
        let expected = try seed()
        XCTAssertEqual(expected.count, 3)
        let run = try pcaTUI(["list", "--output", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let rows = try XCTUnwrap(object["certificateAuthorities"] as? [[String: Any]])
        XCTAssertEqual(rows.count, expected.count)
        for authority in expected {
            let arn = try XCTUnwrap(authority["Arn"] as? String)
            let row = try XCTUnwrap(rows.first { $0["arn"] as? String == arn }, "\(arn) missing from \(run.stdout)")
            XCTAssertEqual(row["status"] as? String, authority["Status"] as? String, arn)
            XCTAssertEqual(row["type"] as? String, authority["Type"] as? String, arn)
            XCTAssertEqual(row["usageMode"] as? String, authority["UsageMode"] as? String, arn)
            XCTAssertEqual(row["ownerAccount"] as? String, authority["OwnerAccount"] as? String, arn)
            XCTAssertEqual(row["keyAlgorithm"] as? String, authority["KeyAlgorithm"] as? String, arn)
            XCTAssertEqual(row["commonName"] as? String, authority["CommonName"] as? String, arn)
            // boto3 read NotAfter from the imported certificate; ours must be the same instant.
            if let notAfter = authority["NotAfter"] as? Double {
                let ours = try XCTUnwrap(row["notAfter"] as? String, arn)
                let parsed = try XCTUnwrap(ISO8601DateFormatter().date(from: ours), ours)
                XCTAssertEqual(parsed.timeIntervalSince1970, notAfter, accuracy: 1, arn)
            } else {
                XCTAssertTrue(row["notAfter"] is NSNull, arn)
            }
            XCTAssertEqual(row["acmRenewal"] as? String, "unknown", "moto has no ListPermissions: never 'off'")
            XCTAssertFalse((row["acmRenewalReason"] as? String ?? "").isEmpty, arn)
        }
        let active = try XCTUnwrap(expected.first { $0["Status"] as? String == "ACTIVE" })
        let row = try XCTUnwrap(rows.first { $0["arn"] as? String == active["Arn"] as? String })
        XCTAssertEqual(row["daysToExpiry"] as? Int, 364, "a 365-day certificate issued just now")
    }

    func testDescribeEscapesControlCharactersFromTheServer() throws {
        let expected = try seed()
        let hostile = try XCTUnwrap(expected.first { ($0["CommonName"] as? String ?? "").contains("\u{1B}") })
        let run = try pcaTUI(["describe", try XCTUnwrap(hostile["Arn"] as? String)])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("\u{1B}"), "a raw escape reached the terminal")
        XCTAssertTrue(run.stdout.contains("Evil\\e[2J CA"), run.stdout)
    }

    func testPolicyReadsBackWhatBoto3Put() throws {
        let expected = try seed()
        let active = try XCTUnwrap(expected.first { $0["Status"] as? String == "ACTIVE" })
        let run = try pcaTUI(["policy", try XCTUnwrap(active["Arn"] as? String), "--output", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let ours = document?["policy"] as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(active["Policy"] as? String).utf8)) as? NSDictionary
        XCTAssertEqual(ours, theirs)
    }

    func testEnablingWhereThePermissionAPIIsMissingFailsClearly() throws {
        let expected = try seed()
        let active = try XCTUnwrap(expected.first { $0["Status"] as? String == "ACTIVE" })
        let run = try pcaTUI(["acm-renewal", "enable", try XCTUnwrap(active["Arn"] as? String), "--yes"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("pca-tui: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("500"), run.stderr)
        XCTAssertFalse(run.stderr.contains("<html"), "the server's HTML error page is not dumped on the admin")
        XCTAssertEqual(run.stdout, "")
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ServerFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Three CAs: a root made ACTIVE with its own 365-day certificate, tags and a resource policy; a
    /// subordinate left in PENDING_CERTIFICATE whose common name carries an escape sequence; a root DISABLED
    /// after activation. Prints boto3's view of each as JSON.
    /// ACM in moto: boto3 requests private certificates from a CA there; `pca-tui certificates` must read
    /// what boto3's DescribeCertificate reads (moto has no renewal, so no renewal status).
    func testCertificatesAgreeWithBoto3() throws {
        let script = directory.appendingPathComponent("acm.py")
        try Data(Self.acmScript.utf8).write(to: script)
        let seeded = try ChildProcess.run(["python3", script.path, endpoint], environment: environment, timeout: 120)
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: seeded.standardOutput) as? [String: Any], seeded.stdout)
        let ca = try XCTUnwrap(expected["ca"] as? String)
        let certificates = try XCTUnwrap(expected["certificates"] as? [[String: Any]])
        let run = try pcaTUI(["certificates", ca, "--output", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let rows = try XCTUnwrap(object["certificates"] as? [[String: Any]])
        XCTAssertEqual(rows.count, certificates.count, run.stdout)
        for certificate in certificates {
            let arn = try XCTUnwrap(certificate["CertificateArn"] as? String)
            let row = try XCTUnwrap(rows.first { $0["arn"] as? String == arn }, "\(arn) missing")
            XCTAssertEqual(row["domainName"] as? String, certificate["DomainName"] as? String)
            XCTAssertEqual(row["status"] as? String, certificate["Status"] as? String)
            XCTAssertEqual(row["renewalEligibility"] as? String, certificate["RenewalEligibility"] as? String)
            XCTAssertEqual(row["notAfter"] as? String, certificate["NotAfter"] as? String)
        }
        XCTAssertEqual((object["summary"] as? [String: Any])?["total"] as? Int, certificates.count)
    }

    private static let acmScript = #"""
    import json, sys
    import boto3

    pca = boto3.client("acm-pca", endpoint_url=sys.argv[1], region_name="us-east-1")
    acm = boto3.client("acm", endpoint_url=sys.argv[1], region_name="us-east-1")
    ca = pca.create_certificate_authority(
        CertificateAuthorityConfiguration={"KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                           "Subject": {"CommonName": "Moto ACM CA"}},
        CertificateAuthorityType="ROOT")["CertificateAuthorityArn"]
    arns = [acm.request_certificate(DomainName=name, CertificateAuthorityArn=ca)["CertificateArn"]
            for name in ["a.example.com", "b.example.com", "c.example.com"]]
    out = []
    for arn in arns:
        c = acm.describe_certificate(CertificateArn=arn)["Certificate"]
        out.append({"CertificateArn": c["CertificateArn"], "DomainName": c["DomainName"], "Status": c["Status"],
                    "RenewalEligibility": c.get("RenewalEligibility"),
                    "NotAfter": c["NotAfter"].astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
    print(json.dumps({"ca": ca, "certificates": out}))
    """#

    private static let seedScript = #"""
    import json, sys, time
    import boto3

    pca = boto3.client("acm-pca", endpoint_url=sys.argv[1], region_name="us-east-1")

    def create(name, kind, key="RSA_2048", mode="GENERAL_PURPOSE"):
        return pca.create_certificate_authority(
            CertificateAuthorityConfiguration={"KeyAlgorithm": key, "SigningAlgorithm": "SHA256WITHRSA",
                                               "Subject": {"CommonName": name, "Organization": "Example Corp"}},
            CertificateAuthorityType=kind, UsageMode=mode,
            Tags=[{"Key": "team", "Value": "pki"}])["CertificateAuthorityArn"]

    def activate(arn):
        csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
        issued = pca.issue_certificate(CertificateAuthorityArn=arn, Csr=csr.encode(), SigningAlgorithm="SHA256WITHRSA",
                                       TemplateArn="arn:aws:acm-pca:::template/RootCACertificate/V1",
                                       Validity={"Value": 365, "Type": "DAYS"})["CertificateArn"]
        certificate = pca.get_certificate(CertificateAuthorityArn=arn, CertificateArn=issued)["Certificate"]
        pca.import_certificate_authority_certificate(CertificateAuthorityArn=arn, Certificate=certificate.encode())

    root = create("Moto Root CA", "ROOT")
    activate(root)
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "ShareWithPartner", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
        "Action": ["acm-pca:IssueCertificate", "acm-pca:GetCertificate"], "Resource": root}]})
    pca.put_policy(ResourceArn=root, Policy=policy)
    pending = create("Evil\x1b[2J CA", "SUBORDINATE", key="EC_prime256v1", mode="SHORT_LIVED_CERTIFICATE")
    disabled = create("Moto Retired CA", "ROOT")
    activate(disabled)
    pca.update_certificate_authority(CertificateAuthorityArn=disabled, Status="DISABLED")

    out = []
    for arn in (root, pending, disabled):
        ca = pca.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]
        config = ca["CertificateAuthorityConfiguration"]
        out.append({"Arn": ca["Arn"], "Status": ca["Status"], "Type": ca["Type"], "OwnerAccount": ca.get("OwnerAccount"),
                    "UsageMode": ca.get("UsageMode"), "KeyAlgorithm": config["KeyAlgorithm"],
                    "CommonName": config["Subject"]["CommonName"],
                    "NotAfter": ca["NotAfter"].timestamp() if "NotAfter" in ca else None,
                    "Policy": policy if arn == root else None})
    print(json.dumps(out))
    """#
}
