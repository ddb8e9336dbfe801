import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import PCAX509
import XCTest

/// A CA created through the API becomes ACTIVE with real X.509: its key, its CSR, a self-signed root certificate,
/// a subordinate signed by it, the import rules; then revocation and audit reports.
final class EmulatorCALifecycleTests: XCTestCase {
    /// A real X.509 certificate (EC P-256, valid 2026-01-01 to 2046-01-01), made with Python's cryptography.
    static let realCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBHjCBxKADAgECAgISNDAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA1JbXBvcnRl
        ZCBSb290MB4XDTI2MDEwMTAwMDAwMFoXDTQ2MDEwMTAwMDAwMFowGDEWMBQGA1UE
        AwwNSW1wb3J0ZWQgUm9vdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABE7e4VzC
        PqZdgwr5J6BR2Z0fluOQt6YpOtZZ9WgwURp2lEDUoP4yK7QCnqHma3Y3WJ2UNTZq
        KsaWcPDjuOcGV6wwCgYIKoZIzj0EAwIDSQAwRgIhAKeBUTWHrZ/FQp7SPUVlajxm
        S4pIzAPQmJyIWKyc8H2KAiEAjUIT4hiMltgD8UUVTe9dKmhHAAtkUkP5gWrmeNn8
        u+M=
        -----END CERTIFICATE-----

        """

    private let emulator = demoEmulator()

    private func call(_ operation: String, _ members: [String: Any]) throws -> (code: String?, body: [String: Any]) {
        try PCALocalTests.call(emulator, operation, members)
    }

    private func create(_ type: String, _ name: String, key: String = "EC_prime256v1", signing: String = "SHA256WITHECDSA") throws -> String {
        let created = try call("CreateCertificateAuthority", [
            "CertificateAuthorityType": type,
            "CertificateAuthorityConfiguration": ["KeyAlgorithm": key, "SigningAlgorithm": signing,
                                                  "Subject": ["Organization": "Example Corp", "CommonName": name]]])
        return try XCTUnwrap(created.body["CertificateAuthorityArn"] as? String, "\(created)")
    }

    private func status(_ arn: String) throws -> String? {
        ((try call("DescribeCertificateAuthority", ["CertificateAuthorityArn": arn]).body["CertificateAuthority"])
            as? [String: Any])?["Status"] as? String
    }

    /// The CA's CSR, asking again while its key is still being made (RequestInProgressException), as the
    /// CertificateAuthorityCSRCreated waiter does.
    private func csr(_ arn: String) throws -> String {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let answer = try call("GetCertificateAuthorityCsr", ["CertificateAuthorityArn": arn])
            if answer.code == "RequestInProgressException" {
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            return try XCTUnwrap(answer.body["Csr"] as? String, "\(answer)")
        }
        throw OpenSSLFailure(description: "no CSR within 120 s")
    }

    private func issue(_ arn: String, csr: String, signing: String = "SHA256WITHECDSA", template: String,
                       years: Int = 5) throws -> String {
        let issued = try call("IssueCertificate", ["CertificateAuthorityArn": arn, "Csr": Data(csr.utf8).base64EncodedString(),
                                                   "SigningAlgorithm": signing, "Validity": ["Value": years, "Type": "YEARS"],
                                                   "TemplateArn": "arn:aws:acm-pca:::template/\(template)"])
        let certificateARN = try XCTUnwrap(issued.body["CertificateArn"] as? String, "\(issued)")
        return try fetchIssued(emulator, ca: arn, certificate: certificateARN).certificate
    }

    /// A root made through the API: its CSR verifies with its own key, it signs its own certificate, which is
    /// installed; a subordinate's CSR is signed by that root and its certificate imported with the chain; the
    /// subordinate then issues a leaf that openssl verifies up to the root.
    func testARootAndASubordinateMadeThroughTheAPIIssueAChainOpensslVerifies() throws {
        try OpenSSL.available()
        let directory = try temporaryDirectory(self)
        let root = try create("ROOT", "Lifecycle Root", key: "RSA_2048", signing: "SHA256WITHRSA")
        XCTAssertEqual(try status(root), "PENDING_CERTIFICATE")
        let rootCSR = try csr(root)
        XCTAssertEqual(try CertificationRequest(pemOrDER: Array(rootCSR.utf8)).selfSignature, .valid)
        let csrFile = directory.appendingPathComponent("root.csr")
        try rootCSR.write(to: csrFile, atomically: true, encoding: .utf8)
        try OpenSSL.run(["req", "-in", csrFile.path, "-noout", "-verify"], in: directory)  // fails the test unless it verifies
        let other = try call("IssueCertificate", ["CertificateAuthorityArn": root, "Csr": try validCSR().base64EncodedString(),
                                                  "SigningAlgorithm": "SHA256WITHRSA", "Validity": ["Value": 1, "Type": "YEARS"],
                                                  "TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        XCTAssertEqual(other.code, "InvalidStateException", "a pending root signs only its own CSR")
        let rootCertificate = try issue(root, csr: rootCSR, signing: "SHA256WITHRSA", template: "RootCACertificate/V1", years: 10)
        XCTAssertEqual(try call("ImportCertificateAuthorityCertificate",
                                ["CertificateAuthorityArn": root, "Certificate": Data(rootCertificate.utf8).base64EncodedString()]).code, nil)
        XCTAssertEqual(try status(root), "ACTIVE")
        let installed = try call("GetCertificateAuthorityCertificate", ["CertificateAuthorityArn": root])
        XCTAssertEqual(installed.body["Certificate"] as? String, rootCertificate)
        XCTAssertNil(installed.body["CertificateChain"], "a root has no chain")
        let rootText = try OpenSSL.text(rootCertificate, in: directory)
        XCTAssertTrue(rootText.contains("Issuer: O = Example Corp, CN = Lifecycle Root"), rootText)
        XCTAssertTrue(rootText.contains("Subject: O = Example Corp, CN = Lifecycle Root"), rootText)
        XCTAssertTrue(rootText.contains("CA:TRUE"), rootText)

        let sub = try create("SUBORDINATE", "Lifecycle Sub")
        let subCertificate = try issue(root, csr: try csr(sub), signing: "SHA256WITHRSA", template: "SubordinateCACertificate_PathLen0/V1",
                                       years: 3)
        let subCertificateBlob = Data(subCertificate.utf8).base64EncodedString()
        XCTAssertEqual(try call("ImportCertificateAuthorityCertificate", ["CertificateAuthorityArn": sub, "Certificate": subCertificateBlob]).code,
                       "InvalidRequestException", "a subordinate needs its chain")
        let imported = try call("ImportCertificateAuthorityCertificate", ["CertificateAuthorityArn": sub, "Certificate": subCertificateBlob,
                                                                          "CertificateChain": Data(rootCertificate.utf8).base64EncodedString()])
        XCTAssertNil(imported.code, "\(imported.body)")
        XCTAssertEqual(try status(sub), "ACTIVE")
        let leafCSR = try Data(contentsOf: try OpenSSL.request(in: directory, name: "leaf", commonName: "leaf.example.com"))
        let leafARN = try XCTUnwrap(try call("IssueCertificate", [
            "CertificateAuthorityArn": sub, "Csr": leafCSR.base64EncodedString(), "SigningAlgorithm": "SHA256WITHECDSA",
            "Validity": ["Value": 90, "Type": "DAYS"]]).body["CertificateArn"] as? String)
        let leaf = try fetchIssued(emulator, ca: sub, certificate: leafARN)
        let chain = pemBlocks(try XCTUnwrap(leaf.chain))
        XCTAssertEqual(chain, [subCertificate, rootCertificate], "the issuing CA's certificate, then its parents")
        let verified = try OpenSSL.verify(leaf: leaf.certificate, chain: chain, in: directory)
        XCTAssertTrue(verified.contains("leaf.pem: OK"), verified)
    }

    func testAnImportedCertificateMustCarryTheCAsKeyAndVerifyAgainstItsChain() throws {
        let root = try create("ROOT", "Import Root")
        _ = try csr(root)
        let foreign = Data(Self.realCertificate.utf8).base64EncodedString()
        XCTAssertEqual(try call("ImportCertificateAuthorityCertificate", ["CertificateAuthorityArn": root, "Certificate": foreign]).code,
                       "CertificateMismatchException", "another key than the CA's")
        for garbage in ["not a certificate", "-----BEGIN CERTIFICATE-----\nMIIBHjCBxKADAgEC\n-----END CERTIFICATE-----\n"] {
            XCTAssertEqual(try call("ImportCertificateAuthorityCertificate",
                                    ["CertificateAuthorityArn": root, "Certificate": Data(garbage.utf8).base64EncodedString()]).code,
                           "MalformedCertificateException", garbage)
        }
        let rootCertificate = try issue(root, csr: try csr(root), template: "RootCACertificate/V1")
        XCTAssertNil(try call("ImportCertificateAuthorityCertificate",
                              ["CertificateAuthorityArn": root, "Certificate": Data(rootCertificate.utf8).base64EncodedString()]).code)
        let authority = try XCTUnwrap(emulator.snapshot.authorities.first { $0.arn == root }?.authority)
        let certificate = try Certificate(pem: rootCertificate)
        XCTAssertEqual(authority.notBefore, certificate.notBefore, "the validity is read from the certificate")
        XCTAssertEqual(authority.notAfter, certificate.notAfter)

        let sub = try create("SUBORDINATE", "Import Sub")
        let subCSR = try csr(sub)
        let selfSigned = try call("IssueCertificate", ["CertificateAuthorityArn": sub, "Csr": Data(subCSR.utf8).base64EncodedString(),
                                                       "SigningAlgorithm": "SHA256WITHECDSA", "Validity": ["Value": 1, "Type": "YEARS"],
                                                       "TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        XCTAssertEqual(selfSigned.code, "InvalidStateException", "a subordinate does not sign itself")
        let subCertificate = try issue(root, csr: subCSR, template: "SubordinateCACertificate_PathLen0/V1", years: 1)
        let wrongChain = try call("ImportCertificateAuthorityCertificate", [
            "CertificateAuthorityArn": sub, "Certificate": Data(subCertificate.utf8).base64EncodedString(), "CertificateChain": foreign])
        XCTAssertEqual(wrongChain.code, "CertificateMismatchException", "the chain did not sign it: \(wrongChain.body)")
        let withItself = try call("ImportCertificateAuthorityCertificate", [
            "CertificateAuthorityArn": sub, "Certificate": Data(subCertificate.utf8).base64EncodedString(),
            "CertificateChain": Data((subCertificate + rootCertificate).utf8).base64EncodedString()])
        XCTAssertEqual(withItself.code, "InvalidRequestException", "the chain must not hold the certificate itself")
        let rootAsSub = try call("ImportCertificateAuthorityCertificate", [
            "CertificateAuthorityArn": root, "Certificate": Data(subCertificate.utf8).base64EncodedString()])
        XCTAssertEqual(rootAsSub.code, "CertificateMismatchException", "the subordinate's key is not the root's")
    }

    func testAnRSAKeyIsMadeInTheBackgroundAndKeyAlgorithmsWeCannotSignWithFail() throws {
        let rsa = try create("ROOT", "RSA Root", key: "RSA_2048", signing: "SHA256WITHRSA")
        let request = try CertificationRequest(pemOrDER: Array(try csr(rsa).utf8))
        XCTAssertEqual(request.publicKey.algorithmWords, "RSA 2048")
        XCTAssertEqual(request.signatureAlgorithm, .sha256WithRSA)
        XCTAssertNotNil(emulator.snapshot.authorities.first { $0.arn == rsa }?.key, "the key is kept in the state")
        for algorithm in ["EC_secp521r1", "ML_DSA_65"] {
            let arn = try create("ROOT", "Unsigned", key: algorithm, signing: algorithm == "ML_DSA_65" ? "ML_DSA_65" : "SHA256WITHECDSA")
            let authority = try call("DescribeCertificateAuthority", ["CertificateAuthorityArn": arn]).body["CertificateAuthority"] as? [String: Any]
            XCTAssertEqual(authority?["Status"] as? String, "FAILED", algorithm)
            XCTAssertEqual(authority?["FailureReason"] as? String, "UNSUPPORTED_ALGORITHM", algorithm)
        }
    }

    func testRevocationAndAuditReports() throws {
        let arn = DemoSeed.arn(DemoSeed.ID.web)
        let issued = try call("IssueCertificate", ["CertificateAuthorityArn": arn,
                                                   "Csr": try validCSR().base64EncodedString(),
                                                   "SigningAlgorithm": "SHA256WITHECDSA", "Validity": ["Value": 30, "Type": "DAYS"]])
        let serial = String((issued.body["CertificateArn"] as? String ?? "").split(separator: "/").last ?? "")
        let colons = stride(from: 0, to: serial.count, by: 2).map { offset -> String in
            let start = serial.index(serial.startIndex, offsetBy: offset)
            return String(serial[start..<serial.index(start, offsetBy: 2)])
        }.joined(separator: ":").uppercased()
        XCTAssertNil(try call("RevokeCertificate", ["CertificateAuthorityArn": arn, "CertificateSerial": colons,
                                                    "RevocationReason": "KEY_COMPROMISE"]).code)
        XCTAssertEqual(try call("RevokeCertificate", ["CertificateAuthorityArn": arn, "CertificateSerial": serial,
                                                      "RevocationReason": "KEY_COMPROMISE"]).code, "RequestAlreadyProcessedException")
        XCTAssertEqual(try call("RevokeCertificate", ["CertificateAuthorityArn": arn, "CertificateSerial": "00:11",
                                                      "RevocationReason": "KEY_COMPROMISE"]).code, "ResourceNotFoundException")
        XCTAssertEqual(emulator.snapshot.authorities.first { $0.arn == arn }?.certificates[serial]?.revocationReason, "KEY_COMPROMISE")
        let report = try call("CreateCertificateAuthorityAuditReport", ["CertificateAuthorityArn": arn, "S3BucketName": "audit-bucket",
                                                                        "AuditReportResponseFormat": "JSON"])
        let id = try XCTUnwrap(report.body["AuditReportId"] as? String, "\(report)")
        XCTAssertTrue((report.body["S3Key"] as? String ?? "").hasPrefix("audit-report/\(DemoSeed.ID.web)/"))
        let described = try call("DescribeCertificateAuthorityAuditReport", ["CertificateAuthorityArn": arn, "AuditReportId": id])
        XCTAssertEqual(described.body["AuditReportStatus"] as? String, "SUCCESS")
        XCTAssertEqual(described.body["S3BucketName"] as? String, "audit-bucket")
        XCTAssertEqual(try call("DescribeCertificateAuthorityAuditReport",
                                ["CertificateAuthorityArn": arn, "AuditReportId": UUID().uuidString.lowercased()]).code,
                       "ResourceNotFoundException")
    }
}
