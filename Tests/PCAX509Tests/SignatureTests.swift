import Foundation
import PCACrypto
import PCAX509
import XCTest

/// Our signers and verifiers against openssl: requests openssl signed verify here, certificates signed here
/// verify in openssl.
final class SignatureTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try OpenSSL.available()
        directory = try OpenSSL.temporaryDirectory()
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func request(_ key: [String], digest: String = "sha256") throws -> CertificationRequest {
        try OpenSSL.run(["req", "-new", "-newkey"] + key + ["-nodes", "-keyout", "k.pem", "-out", "r.csr", "-\(digest)",
                                                           "-subj", "/CN=signed.example.com"], in: directory)
        return try CertificationRequest(pemOrDER: [UInt8](Data(contentsOf: directory.appendingPathComponent("r.csr"))))
    }

    func testRequestsOpensslSignedVerifyAndTamperedOnesDoNot() throws {
        for (key, digest) in [(["rsa:2048"], "sha256"), (["ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "sha256"),
                              (["ec", "-pkeyopt", "ec_paramgen_curve:P-384"], "sha384"), (["rsa:2048"], "sha512")] {
            var csr = try request(key, digest: digest)
            XCTAssertEqual(csr.selfSignature, .valid, "\(key) \(digest)")
            csr.signature[csr.signature.count / 2] ^= 0x01
            XCTAssertEqual(csr.selfSignature, .invalid, "a flipped bit: \(key)")
        }
        let ed = try request(["ed25519"])
        if case .notChecked = ed.selfSignature {} else { XCTFail("Ed25519 is not ours to check: \(ed.selfSignature)") }
    }

    func testCertificatesOurKeysSignVerifyInOpenssl() throws {
        let rootKey = try ECDSAPrivateKey.generate(curve: .p384)
        let rootSigner = ECDSACertificateSigner(key: rootKey, digest: .sha384)
        let rootInfo = try SubjectPublicKeyInfo(node: try DERNode(rootSigner.publicKeyInfo))
        let rootName = DistinguishedName(rdns: [[.init(type: .commonName, value: "Our Root")]])
        let now = Date()
        let root = try CertificateBuilder(
            serial: [0x42], issuer: rootName, subject: rootName, notBefore: now.addingTimeInterval(-60),
            notAfter: now.addingTimeInterval(3650 * 86_400), publicKey: rootSigner.publicKeyInfo,
            extensions: CertificateTemplate.named("RootCACertificate/V1")!.extensions(subjectKey: rootInfo, authorityKeyID: nil,
                                                                                     subjectAlternativeNames: [])
        ).build(signer: rootSigner)
        XCTAssertEqual(root.isSigned(by: root), .valid)
        let subKey = try RSAPrivateKey.generate(bitCount: 2048)
        let subSigner = RSACertificateSigner(key: subKey, digest: .sha256)
        let subInfo = try SubjectPublicKeyInfo(node: try DERNode(subSigner.publicKeyInfo))
        let sub = try CertificateBuilder(
            serial: [0x43], issuer: root.subject, subject: DistinguishedName(rdns: [[.init(type: .commonName, value: "Our Sub")]]),
            notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(1000 * 86_400), publicKey: subSigner.publicKeyInfo,
            extensions: CertificateTemplate.named("SubordinateCACertificate_PathLen0/V1")!.extensions(
                subjectKey: subInfo, authorityKeyID: root.extensions.subjectKeyIdentifier, subjectAlternativeNames: [])
        ).build(signer: rootSigner)
        let leafRequest = try request(["ec", "-pkeyopt", "ec_paramgen_curve:P-256"])
        let leaf = try CertificateBuilder(
            serial: [0x44], issuer: sub.subject, subject: leafRequest.subject, notBefore: now.addingTimeInterval(-60),
            notAfter: now.addingTimeInterval(90 * 86_400), publicKey: leafRequest.publicKey.der,
            extensions: CertificateTemplate.endEntity.extensions(subjectKey: leafRequest.publicKey,
                                                                 authorityKeyID: sub.extensions.subjectKeyIdentifier,
                                                                 subjectAlternativeNames: ["DNS:signed.example.com"])
        ).build(signer: subSigner)
        XCTAssertEqual(leaf.isSigned(by: sub), .valid)
        XCTAssertEqual(leaf.isSigned(by: root), .invalid)
        try root.pem.write(to: directory.appendingPathComponent("root.crt"), atomically: true, encoding: .utf8)
        try sub.pem.write(to: directory.appendingPathComponent("sub.crt"), atomically: true, encoding: .utf8)
        try leaf.pem.write(to: directory.appendingPathComponent("leaf.crt"), atomically: true, encoding: .utf8)
        let verified = try OpenSSL.run(["verify", "-CAfile", "root.crt", "-untrusted", "sub.crt", "leaf.crt"], in: directory)
        XCTAssertTrue(verified.contains("leaf.crt: OK"), verified)
    }
}
