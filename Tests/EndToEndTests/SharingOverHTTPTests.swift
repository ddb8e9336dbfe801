import Foundation
import PCALocal
import PCAProcess
import XCTest

/// Sharing a CA with another account, checked by independent clients: `pca-tui share` and `unshare` against
/// pca-local, the AWS CLI reading the policy back and issuing as the partner's user, boto3 summarising the
/// policy the way `pca-tui policy -o json` does.
final class SharingOverHTTPTests: XCTestCase {
    private var server: LocalServer!
    private var home = ""
    private let ca = DemoSeed.arn(DemoSeed.ID.internalCA)
    /// Someone else's statement, in a layout of its own, that every edit must keep byte for byte.
    private let foreign = #"{ "Sid" : "AuditRead",  "Effect":"Allow", "Principal":{"AWS":["arn:aws:iam::999988887777:role/audit"]},"Action":"acm-pca:DescribeCertificateAuthority","Resource":"*" }"#

    override func setUpWithError() throws {
        try LocalServer.requireBinaries()
        guard (try? ChildProcess.run(["aws", "--version"], timeout: 60))?.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("the AWS CLI is required in CI") }
            throw XCTSkip("the AWS CLI is not installed")
        }
        server = try LocalServer()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("sharing-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(atPath: home)
    }

    private func environment(key: String, secret: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment.merge(["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": "us-east-1",
                           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                           "AWS_EC2_METADATA_DISABLED": "true", "HOME": home]) { _, new in new }
        return environment
    }

    private func pcaTUI(_ arguments: [String]) throws -> ProgramRun {
        try ProgramRun.run(LocalServer.binary("pca-tui"), arguments + ["--endpoint-url", server.endpoint, "--region", "us-east-1"],
                           environment: environment(key: "AKIDLOCALADMIN", secret: "local-admin-secret"))
    }

    private func aws(_ arguments: [String], partner: Bool = false) throws -> ChildProcess.Output {
        let keys = partner ? ("AKIDLOCALPARTNER", "local-partner-secret") : ("AKIDLOCALADMIN", "local-admin-secret")
        return try ChildProcess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", "acm-pca"] + arguments,
                                    environment: environment(key: keys.0, secret: keys.1), timeout: 120)
    }

    private func policyWithTheAWSCLI() throws -> String? {
        let run = try aws(["get-policy", "--resource-arn", ca])
        if run.stderr.contains("ResourceNotFoundException") { return nil }
        XCTAssertEqual(run.status, 0, run.stderr)
        return (try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])?["Policy"] as? String
    }

    /// The partner's `aws acm-pca issue-certificate`: the certificate ARN, or the AWS CLI's error text.
    private func partnerIssues() throws -> Result<String, ProgramFailure> {
        let csr = home + "/csr.pem"
        // pca-local parses the CSR and checks its self-signature: a real one, made by openssl.
        let made = try ChildProcess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                         "-keyout", home + "/csr.key", "-out", csr, "-subj", "/CN=partner.example.com"], timeout: 60)
        XCTAssertEqual(made.status, 0, made.stderr)
        let run = try aws(["issue-certificate", "--certificate-authority-arn", ca, "--csr", "fileb://\(csr)",
                           "--signing-algorithm", "SHA256WITHRSA", "--validity", "Value=30,Type=DAYS"], partner: true)
        guard run.status == 0 else { return .failure(ProgramFailure(text: run.stderr)) }
        let arn = (try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])?["CertificateArn"] as? String
        return arn.map { .success($0) } ?? .failure(ProgramFailure(text: run.stdout))
    }

    func testShareThenThePartnerIssuesThenUnshareDeniesIt() throws {
        let before = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    \(foreign)\n  ]\n}"
        XCTAssertEqual(try aws(["put-policy", "--resource-arn", ca, "--policy", before]).status, 0)
        guard case let .failure(denied) = try partnerIssues() else { return XCTFail("issued before sharing") }
        XCTAssertTrue(denied.text.contains("AccessDeniedException") && denied.text.contains("no resource-based policy allows"), denied.text)

        let dryRun = try pcaTUI(["share", ca, "--account", DemoSeed.partnerAccount, "--issue", "--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.stderr)
        XCTAssertTrue(dryRun.stdout.contains("+ {\"Sid\":\"Share555566667777Issue\""), dryRun.stdout)
        XCTAssertTrue(dryRun.stdout.contains("aws acm-pca put-policy --resource-arn \(ca) --policy file://policy.json"), dryRun.stdout)
        XCTAssertEqual(try policyWithTheAWSCLI(), before, "--dry-run sent nothing")

        let share = try pcaTUI(["share", ca, "--account", DemoSeed.partnerAccount, "--issue", "--yes"])
        XCTAssertEqual(share.status, 0, share.stderr)
        let after = try XCTUnwrap(try policyWithTheAWSCLI())
        let documented = [
            #"{"Sid":"Share555566667777Read","Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\#(ca)"}"#,
            #"{"Sid":"Share555566667777Issue","Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":"acm-pca:IssueCertificate","Resource":"\#(ca)","Condition":{"StringEquals":{"acm-pca:TemplateArn":"arn:aws:acm-pca:::template/EndEntityCertificate/V1"}}}"#,
        ]
        XCTAssertEqual(after, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    \(foreign),\n    "
                       + documented.joined(separator: ",\n    ") + "\n  ]\n}",
                       "exactly the documented statements after the one that was there, kept byte for byte")
        guard case .success = try partnerIssues() else { return XCTFail("the partner cannot issue after sharing") }

        let unshare = try pcaTUI(["unshare", ca, "--account", DemoSeed.partnerAccount, "--yes"])
        XCTAssertEqual(unshare.status, 0, unshare.stderr)
        XCTAssertEqual(try policyWithTheAWSCLI(), before, "only the partner's statements went")
        guard case let .failure(deniedAgain) = try partnerIssues() else { return XCTFail("issued after unsharing") }
        XCTAssertTrue(deniedAgain.text.contains("AccessDeniedException"), deniedAgain.text)
    }

    func testBoto3ReadsTheSameSummaryAsPolicyJSON() throws {
        let share = try pcaTUI(["share", ca, "--organization", DemoSeed.organizationID, "--issue", "--yes"])
        XCTAssertEqual(share.status, 0, share.stderr)
        for arn in [ca, DemoSeed.arn(DemoSeed.ID.web)] {
            let ours = try pcaTUI(["policy", arn, "-o", "json"])
            XCTAssertEqual(ours.status, 0, ours.stderr)
            let summary = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(ours.stdout.utf8)) as? [String: Any])?["summary"] as? [[String: Any]])
            let theirs = try boto3Summary(arn)
            XCTAssertEqual(NSArray(array: summary), NSArray(array: theirs), "pca-tui: \(summary)\nboto3: \(theirs)")
            XCTAssertFalse(theirs.isEmpty)
        }
    }

    /// Who may do what, computed by boto3 from GetPolicy with the rules IAM documents: an account by id or root
    /// ARN, "*" with a single aws:PrincipalOrgID StringEquals as the organization.
    private func boto3Summary(_ arn: String) throws -> [[String: Any]] {
        let script = #"""
        import boto3, json, re, sys
        client = boto3.client("acm-pca", endpoint_url=sys.argv[1], region_name="us-east-1")
        policy = json.loads(client.get_policy(ResourceArn=sys.argv[2])["Policy"])
        statements = policy["Statement"] if isinstance(policy["Statement"], list) else [policy["Statement"]]
        listed = lambda v: [v] if isinstance(v, str) else list(v or [])
        out = []
        for s in statements:
            conditions = [(test, key, listed(values)) for test, keys in (s.get("Condition") or {}).items() for key, values in keys.items()]
            principal = s.get("Principal")
            whos = []
            if principal == "*":
                whos = ["*"]
            else:
                whos = [p for p in listed(principal.get("AWS"))] + [("service", p) for p in listed(principal.get("Service"))]
            for who in whos:
                kept = list(conditions)
                if isinstance(who, tuple):
                    kind, value = who
                elif who == "*":
                    org = [c for c in kept if c[0] == "StringEquals" and c[1] == "aws:PrincipalOrgID" and len(c[2]) == 1]
                    if org:
                        kind, value = "organization", org[0][2][0]
                        kept.remove(org[0])
                    else:
                        kind, value = "anyone", "*"
                elif re.fullmatch(r"\d{12}", who):
                    kind, value = "account", who
                elif re.fullmatch(r"arn:[^:]+:iam::(\d{12}):root", who):
                    kind, value = "account", who.split(":")[4]
                else:
                    kind, value = "principal", who
                out.append({"principalType": kind, "principal": value, "effect": s["Effect"],
                            "actions": sorted(listed(s["Action"])), "sid": s.get("Sid"),
                            "conditions": sorted("%s %s %s" % (key, test, " | ".join(values)) for test, key, values in kept)})
        print(json.dumps(out))
        """#
        let run = try ChildProcess.run(["python3", "-c", script, server.endpoint, arn],
                                       environment: environment(key: "AKIDLOCALADMIN", secret: "local-admin-secret"), timeout: 120)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: run.standardOutput) as? [[String: Any]])
    }
}

struct ProgramFailure: Error {
    var text: String
}
