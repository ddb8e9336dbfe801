import Foundation
import PCAClient
@testable import PCALocal
import PCAX509
import XCTest

/// IssueCertificate signs real X.509 from the CSR by the template, and openssl, not our own code, judges it:
/// `openssl verify` accepts the chain, `openssl x509 -text` shows the template's extensions and the validity
/// asked for.
final class EmulatorIssuanceTests: XCTestCase {
    private var directory: URL!
    private let emulator = demoEmulator()

    override func setUpWithError() throws {
        try OpenSSL.available()
        directory = try temporaryDirectory(self)
    }

    private func issue(_ ca: String, csr: Data, signing: String, validity: [String: Any] = ["Value": 30, "Type": "DAYS"],
                       extra: [String: Any] = [:]) throws -> (code: String?, body: [String: Any]) {
        try call(emulator, "IssueCertificate", ["CertificateAuthorityArn": ca, "Csr": csr.base64EncodedString(),
                                                "SigningAlgorithm": signing, "Validity": validity].merging(extra) { $1 })
    }

    /// Issues from `ca` with an openssl CSR, fetches it (through one RequestInProgressException) and verifies
    /// the leaf against the chain GetCertificate returned, the root as the only trust anchor.
    private func issueAndVerify(_ id: String, signing: String, template: String? = nil,
                                rsaRequest: Bool = false) throws -> (certificate: Certificate, text: String) {
        let ca = DemoSeed.arn(id)
        let csr = try Data(contentsOf: try OpenSSL.request(in: directory, name: "req-\(id.prefix(4))", commonName: "svc.example.com",
                                                           rsa: rsaRequest))
        let issued = try issue(ca, csr: csr, signing: signing, extra: template.map { ["TemplateArn": "arn:aws:acm-pca:::template/\($0)"] } ?? [:])
        let arn = try XCTUnwrap(issued.body["CertificateArn"] as? String, "\(issued)")
        let fetched = try fetchIssued(emulator, ca: ca, certificate: arn)
        XCTAssertEqual(fetched.inProgress, 1, "the first GetCertificate after IssueCertificate is RequestInProgressException")
        let chain = pemBlocks(try XCTUnwrap(fetched.chain))
        let caCertificate = try call(emulator, "GetCertificateAuthorityCertificate", ["CertificateAuthorityArn": ca])
        XCTAssertEqual(chain.first, caCertificate.body["Certificate"] as? String, "the chain starts with the issuing CA's certificate")
        let verified = try OpenSSL.verify(leaf: fetched.certificate, chain: chain, in: directory)
        XCTAssertTrue(verified.contains("leaf.pem: OK"), verified)
        let certificate = try Certificate(pem: fetched.certificate)
        XCTAssertEqual(arn, ca + "/certificate/" + certificate.serial.replacingOccurrences(of: ":", with: ""))
        return (certificate, try OpenSSL.text(fetched.certificate, in: directory))
    }

    func testEachKeyAlgorithmIssuesAChainOpensslVerifies() throws {
        let web = try issueAndVerify(DemoSeed.ID.web, signing: "SHA256WITHECDSA")  // EC_prime256v1, below the RSA-4096 root
        XCTAssertTrue(web.text.contains("Signature Algorithm: ecdsa-with-SHA256"), web.text)
        let internalCA = try issueAndVerify(DemoSeed.ID.internalCA, signing: "SHA256WITHRSA", rsaRequest: true)  // RSA_2048
        XCTAssertTrue(internalCA.text.contains("Signature Algorithm: sha256WithRSAEncryption"), internalCA.text)
        XCTAssertTrue(internalCA.text.contains("Public-Key: (2048 bit)"), "the RSA request's key: \(internalCA.text)")
        let payments = try issueAndVerify(DemoSeed.ID.payments, signing: "SHA384WITHECDSA")  // EC_secp384r1
        XCTAssertTrue(payments.text.contains("ecdsa-with-SHA384"), payments.text)
        let root = try issueAndVerify(DemoSeed.ID.root, signing: "SHA512WITHRSA")  // RSA_4096 root itself
        XCTAssertTrue(root.text.contains("sha512WithRSAEncryption"), root.text)
        XCTAssertTrue(root.text.contains("Issuer: C = US, O = Example Corp, OU = PKI, ST = Washington, L = Seattle, CN = Example Corp Root CA G1"),
                      root.text)
        for text in [web.text, internalCA.text, payments.text, root.text] {
            XCTAssertTrue(text.contains("Subject: O = Example Corp, CN = svc.example.com"), text)
            XCTAssertTrue(text.contains("DNS:svc.example.com"), "the CSR's SAN passes through: \(text)")
        }
    }

    func testTemplatesPutTheirDocumentedExtensions() throws {
        let endEntity = try issueAndVerify(DemoSeed.ID.web, signing: "SHA256WITHECDSA", template: "EndEntityCertificate/V1").text
        for expected in ["CA:FALSE", "Digital Signature, Key Encipherment", "TLS Web Server Authentication, TLS Web Client Authentication",
                         "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier"] {
            XCTAssertTrue(endEntity.contains(expected), "\(expected) in\n\(endEntity)")
        }
        let client = try issueAndVerify(DemoSeed.ID.web, signing: "SHA256WITHECDSA", template: "EndEntityClientAuthCertificate/V1").text
        XCTAssertTrue(client.contains("TLS Web Client Authentication"), client)
        XCTAssertFalse(client.contains("TLS Web Server Authentication"), client)
        XCTAssertFalse(client.contains("Key Encipherment"), client)
        let subordinate = try issueAndVerify(DemoSeed.ID.root, signing: "SHA256WITHRSA", template: "SubordinateCACertificate_PathLen0/V1").text
        XCTAssertTrue(subordinate.contains("CA:TRUE, pathlen:0"), subordinate)
        XCTAssertTrue(subordinate.contains("Digital Signature, Certificate Sign, CRL Sign"), subordinate)
        let tooDeep = try issue(DemoSeed.arn(DemoSeed.ID.web), csr: try validCSR(), signing: "SHA256WITHECDSA",
                                extra: ["TemplateArn": "arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1"])
        XCTAssertEqual(tooDeep.code, "InvalidArgsException", "a CA of path length 0 issues no CA certificate: \(tooDeep.body)")
        let unknown = try issue(DemoSeed.arn(DemoSeed.ID.web), csr: try validCSR(), signing: "SHA256WITHECDSA",
                                extra: ["TemplateArn": "arn:aws:acm-pca:::template/NoSuchTemplate/V1"])
        XCTAssertEqual(unknown.code, "InvalidArgsException")
        let root = try issue(DemoSeed.arn(DemoSeed.ID.root), csr: try validCSR(), signing: "SHA256WITHRSA",
                             extra: ["TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        XCTAssertEqual(root.code, "InvalidArgsException", "RootCACertificate/V1 is for the CA's own CSR only: \(root.body)")
    }

    func testSerialsAreRandomAndUnique() throws {
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let csr = try validCSR()
        var serials: Set<String> = []
        for _ in 0..<20 {
            let arn = try XCTUnwrap(try issue(web, csr: csr, signing: "SHA256WITHECDSA").body["CertificateArn"] as? String)
            let serial = String(arn.split(separator: "/").last ?? "")
            XCTAssertEqual(serial.count, 32, "16 bytes")
            serials.insert(serial)
        }
        XCTAssertEqual(serials.count, 20)
        let leading = Set(serials.map { $0.prefix(4) })
        XCTAssertGreaterThan(leading.count, 10, "not a counter: \(serials)")
    }

    func testValidityIsWhatWasAsked() throws {
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let csr = try validCSR()
        func issued(_ validity: [String: Any], notBefore: [String: Any]? = nil) throws -> Certificate {
            let answer = try issue(web, csr: csr, signing: "SHA256WITHECDSA", validity: validity,
                                   extra: notBefore.map { ["ValidityNotBefore": $0] } ?? [:])
            let arn = try XCTUnwrap(answer.body["CertificateArn"] as? String, "\(answer.body)")
            return try Certificate(pem: try fetchIssued(emulator, ca: web, certificate: arn).certificate)
        }
        let start = Date()
        let days = try issued(["Value": 45, "Type": "DAYS"])
        XCTAssertEqual(days.notAfter.timeIntervalSince(start), 45 * 86_400, accuracy: 5)
        XCTAssertEqual(start.timeIntervalSince(days.notBefore), 3600, accuracy: 5, "NotBefore is the issuance time minus 60 minutes")
        let absolute = try issued(["Value": 1_900_000_000, "Type": "ABSOLUTE"], notBefore: ["Value": 1_700_000_000, "Type": "ABSOLUTE"])
        XCTAssertEqual(absolute.notAfter.timeIntervalSince1970, 1_900_000_000)
        XCTAssertEqual(absolute.notBefore.timeIntervalSince1970, 1_700_000_000)
        let endDate = try issued(["Value": 20_280_229_123_456, "Type": "END_DATE"])
        XCTAssertEqual(endDate.notAfter, AWSTimestamp.parseISO8601("2028-02-29T12:34:56Z"))
        let utcTime = try issued(["Value": 280_301_000_000, "Type": "END_DATE"])
        XCTAssertEqual(utcTime.notAfter, AWSTimestamp.parseISO8601("2028-03-01T00:00:00Z"), "YY below 50 is 20YY")
        let months = try issued(["Value": 2, "Type": "MONTHS"])
        XCTAssertEqual(months.notAfter.timeIntervalSince(start), 61 * 86_400, accuracy: 3 * 86_400)
        let text = try OpenSSL.text(absolute.pem, in: directory)
        XCTAssertTrue(text.contains("Not Before: Nov 14 22:13:20 2023 GMT"), text)
        XCTAssertTrue(text.contains("Not After : Mar 17 17:46:40 2030 GMT"), text)

        let pastTheCA = try issue(web, csr: csr, signing: "SHA256WITHECDSA", validity: ["Value": 20, "Type": "YEARS"])
        XCTAssertEqual(pastTheCA.code, "ValidationException", "\(pastTheCA.body)")
        XCTAssertTrue((pastTheCA.body["message"] as? String ?? "").contains("exceeds the certificate authority validity"), "\(pastTheCA.body)")
        let endsBeforeItBegins = try issue(web, csr: csr, signing: "SHA256WITHECDSA", validity: ["Value": 1_600_000_000, "Type": "ABSOLUTE"])
        XCTAssertEqual(endsBeforeItBegins.code, "ValidationException")
        let relativeNotBefore = try issue(web, csr: csr, signing: "SHA256WITHECDSA", extra: ["ValidityNotBefore": ["Value": 1, "Type": "DAYS"]])
        XCTAssertEqual(relativeNotBefore.code, "InvalidArgsException", "ValidityNotBefore is ABSOLUTE")
    }

    func testBadRequestsAreRefusedWithAWSCodes() throws {
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let garbage = try issue(web, csr: Data("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n".utf8),
                                signing: "SHA256WITHECDSA")
        XCTAssertEqual(garbage.code, "MalformedCSRException")
        var tampered = try CertificationRequest(pemOrDER: [UInt8](try validCSR()))
        tampered.signature[tampered.signature.count - 3] ^= 0x01
        let forged = DER.sequence([tampered.info, CertificateBuilder.algorithmIdentifier(tampered.signatureAlgorithm),
                                   DER.bitString(tampered.signature)])
        let badSignature = try issue(web, csr: Data(PEM.encode(forged, label: "CERTIFICATE REQUEST").utf8), signing: "SHA256WITHECDSA")
        XCTAssertEqual(badSignature.code, "MalformedCSRException", "a self-signature that does not verify: \(badSignature.body)")
        let der = try issue(web, csr: Data(try CertificationRequest(pemOrDER: [UInt8](try validCSR())).der), signing: "SHA256WITHECDSA")
        XCTAssertNil(der.code, "a DER request is a request too: \(der.body)")
        let wrongFamily = try issue(web, csr: try validCSR(), signing: "SHA256WITHRSA")
        XCTAssertEqual(wrongFamily.code, "InvalidArgsException", "an EC CA does not sign with RSA: \(wrongFamily.body)")
        let disabled = try issue(DemoSeed.arn(DemoSeed.ID.legacy), csr: try validCSR(), signing: "SHA256WITHRSA")
        XCTAssertEqual(disabled.code, "InvalidStateException")
    }

    func testRequestInProgressCountIsAFaultSetting() throws {
        let patient = Emulator(state: DemoSeed.state(.demo), faults: FaultInjection(certificateReadsInProgress: 3))
        let web = DemoSeed.arn(DemoSeed.ID.web)
        let issued = try call(patient, "IssueCertificate", ["CertificateAuthorityArn": web, "Csr": try validCSR().base64EncodedString(),
                                                            "SigningAlgorithm": "SHA256WITHECDSA", "Validity": ["Value": 30, "Type": "DAYS"]])
        let arn = try XCTUnwrap(issued.body["CertificateArn"] as? String)
        XCTAssertEqual(try fetchIssued(patient, ca: web, certificate: arn).inProgress, 3)
        let immediate = Emulator(state: DemoSeed.state(.demo), faults: FaultInjection(certificateReadsInProgress: 0))
        let now = try call(immediate, "IssueCertificate", ["CertificateAuthorityArn": web, "Csr": try validCSR().base64EncodedString(),
                                                           "SigningAlgorithm": "SHA256WITHECDSA", "Validity": ["Value": 30, "Type": "DAYS"]])
        XCTAssertEqual(try fetchIssued(immediate, ca: web, certificate: try XCTUnwrap(now.body["CertificateArn"] as? String)).inProgress, 0)
    }
}
