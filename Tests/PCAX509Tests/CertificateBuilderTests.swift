import Foundation
import PCAX509
import XCTest

/// A signer that asks openssl to sign: the builder's DER is judged by openssl without our own key arithmetic.
private struct OpenSSLSigner: CertificateSigner {
    var keyPath: URL
    var directory: URL
    var signatureAlgorithm: ObjectIdentifier
    var digest: String

    func sign(_ message: [UInt8]) throws -> [UInt8] {
        let input = directory.appendingPathComponent("tbs-\(UUID().uuidString)")
        try Data(message).write(to: input)
        let output = input.appendingPathExtension("sig")
        try OpenSSL.run(["dgst", "-\(digest)", "-sign", keyPath.path, "-out", output.path, input.path], in: directory)
        return try [UInt8](Data(contentsOf: output))
    }
}

final class CertificateBuilderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try OpenSSL.available()
        directory = try OpenSSL.temporaryDirectory()
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func key(_ name: String, _ options: [String]) throws -> (URL, SubjectPublicKeyInfo) {
        try OpenSSL.run(["genpkey"] + options + ["-out", "\(name).pem"], in: directory)
        try OpenSSL.run(["pkey", "-in", "\(name).pem", "-pubout", "-outform", "DER", "-out", "\(name).pub"], in: directory)
        let der = try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(name).pub")))
        return (directory.appendingPathComponent("\(name).pem"), try SubjectPublicKeyInfo(node: try DERNode(der)))
    }

    func testARootAndALeafBuiltByTemplateVerifyWithOpenssl() throws {
        let (rootKey, rootPublic) = try key("root", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        let (_, leafPublic) = try key("leaf", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        let rootName = DistinguishedName(rdns: [[.init(type: ObjectIdentifier("2.5.4.10"), value: "Example Corp")],
                                                [.init(type: .commonName, value: "Example Corp Root CA")]])
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let signer = OpenSSLSigner(keyPath: rootKey, directory: directory, signatureAlgorithm: .sha256WithRSA, digest: "sha256")
        let rootTemplate = try XCTUnwrap(CertificateTemplate.named("arn:aws:acm-pca:::template/RootCACertificate/V1"))
        let root = try CertificateBuilder(
            serial: [0x01, 0x23], issuer: rootName, subject: rootName, notBefore: now.addingTimeInterval(-60),
            notAfter: now.addingTimeInterval(10 * 365 * 86_400), publicKey: rootPublic.der,
            extensions: rootTemplate.extensions(subjectKey: rootPublic, authorityKeyID: nil, subjectAlternativeNames: [])
        ).build(signer: signer)
        let rootKeyID = try XCTUnwrap(root.extensions.subjectKeyIdentifier)
        let leaf = try CertificateBuilder(
            serial: [0x8f, 0x01, 0x02], issuer: root.subject, subject: DistinguishedName(rdns: [[.init(type: .commonName, value: "app.example.com")]]),
            notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(397 * 86_400), publicKey: leafPublic.der,
            extensions: CertificateTemplate.endEntity.extensions(subjectKey: leafPublic, authorityKeyID: rootKeyID,
                                                                 subjectAlternativeNames: ["DNS:app.example.com", "IP:10.1.2.3"])
        ).build(signer: signer)
        try root.pem.write(to: directory.appendingPathComponent("root.crt"), atomically: true, encoding: .utf8)
        try leaf.pem.write(to: directory.appendingPathComponent("leaf.crt"), atomically: true, encoding: .utf8)
        let verified = try OpenSSL.run(["verify", "-CAfile", "root.crt", "leaf.crt"], in: directory)
        XCTAssertTrue(verified.contains("leaf.crt: OK"), verified)
        let text = try OpenSSL.run(["x509", "-in", "leaf.crt", "-noout", "-text"], in: directory)
        for expected in ["CA:FALSE", "Digital Signature, Key Encipherment", "TLS Web Server Authentication, TLS Web Client Authentication",
                         "DNS:app.example.com, IP Address:10.1.2.3", "Serial Number: 9371906 (0x8f0102)"] {
            XCTAssertTrue(text.contains(expected), "\(expected) in\n\(text)")
        }
        let rootText = try OpenSSL.run(["x509", "-in", "root.crt", "-noout", "-text"], in: directory)
        XCTAssertTrue(rootText.contains("CA:TRUE"), rootText)
        XCTAssertTrue(rootText.contains("Certificate Sign, CRL Sign"), rootText)
        XCTAssertEqual(leaf.extensions.authorityKeyIdentifier, rootKeyID)
        XCTAssertEqual(leaf.extensions.subjectAlternativeNames, ["DNS:app.example.com", "IP:10.1.2.3"])
    }

    func testEveryTemplateHasItsDocumentedUsage() {
        XCTAssertEqual(CertificateTemplate.all.count, 10)
        XCTAssertEqual(CertificateTemplate.named("SubordinateCACertificate_PathLen0/V1")?.caPathLength, .some(.some(0)))
        XCTAssertEqual(CertificateTemplate.named("EndEntityClientAuthCertificate/V1")?.extendedKeyUsage, [.clientAuth])
        XCTAssertNil(CertificateTemplate.named("NoSuchTemplate/V1"))
        XCTAssertEqual(CertificateTemplate.endEntity.arn, "arn:aws:acm-pca:::template/EndEntityCertificate/V1")
    }
}
