import Foundation
import PCACrypto
import PCALocal
import PCAProcess
import PCAX509
import XCTest

/// A CSR made in-process with a fresh P-256 key (cheap, no openssl): for tests that need any valid request.
func validCSR(commonName: String = "app.example.com", names: [String] = ["DNS:app.example.com"]) throws -> Data {
    let key = try ECDSAPrivateKey.generate(curve: .p256)
    let signer = ECDSACertificateSigner(key: key, digest: .sha256)
    let request = try CertificationRequest.make(subject: DistinguishedName(rdns: [[.init(type: .commonName, value: commonName)]]),
                                                subjectAlternativeNames: names, publicKey: signer.publicKeyInfo, signer: signer)
    return Data(request.pem.utf8)
}

/// openssl, the independent judge of what the emulator issues. Missing locally: the test skips; missing in CI
/// (CI=true): it fails.
enum OpenSSL {
    static func available() throws {
        if let found = try? ChildProcess.run(["openssl", "version"], timeout: 30), found.status == 0 { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("openssl is required in CI")
        }
        throw XCTSkip("openssl is not installed")
    }

    /// Runs openssl in `directory` and returns its output; a failure carries its stderr.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let result = try ChildProcess.run(["sh", "-c", "cd \"$0\" && exec openssl \"$@\"", directory.path] + arguments, timeout: 120)
        guard result.status == 0 else { throw OpenSSLFailure(description: "openssl \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// A CSR made by `openssl req` for `commonName` with a DNS SAN, with an EC P-256 or RSA 2048 key.
    static func request(in directory: URL, name: String, commonName: String, rsa: Bool = false) throws -> URL {
        let key = rsa ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
        try run(["req", "-new"] + key + ["-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/O=Example Corp/CN=\(commonName)",
                                         "-addext", "subjectAltName=DNS:\(commonName)"], in: directory)
        return directory.appendingPathComponent("\(name).csr")
    }

    /// `openssl verify -CAfile root -untrusted chain leaf`: true when the output says OK.
    static func verify(leaf: String, chain: [String], in directory: URL) throws -> String {
        let certificates = chain
        let root = try XCTUnwrap(certificates.last, "a chain ends with its root")
        try root.write(to: directory.appendingPathComponent("root.pem"), atomically: true, encoding: .utf8)
        try certificates.dropLast().joined().write(to: directory.appendingPathComponent("untrusted.pem"), atomically: true, encoding: .utf8)
        try leaf.write(to: directory.appendingPathComponent("leaf.pem"), atomically: true, encoding: .utf8)
        let untrusted = certificates.count > 1 ? ["-untrusted", "untrusted.pem"] : []
        return try run(["verify", "-CAfile", "root.pem"] + untrusted + ["leaf.pem"], in: directory)
    }

    /// `openssl x509 -text` of a PEM certificate.
    static func text(_ pem: String, in directory: URL) throws -> String {
        let file = directory.appendingPathComponent("text-\(UUID().uuidString.prefix(8)).pem")
        try pem.write(to: file, atomically: true, encoding: .utf8)
        return try run(["x509", "-in", file.path, "-noout", "-text"], in: directory)
    }
}

struct OpenSSLFailure: Error, CustomStringConvertible {
    var description: String
}

/// The PEM blocks of a chain, each with its END line and newline.
func pemBlocks(_ text: String) -> [String] {
    text.components(separatedBy: "-----END CERTIFICATE-----").dropLast().map {
        String($0.drop { $0 == "\n" }) + "-----END CERTIFICATE-----\n"
    }
}

/// One ACM-PCA call as the admin, straight to the emulator: the error code (nil on success) and the body.
func call(_ emulator: Emulator, _ operation: String, _ members: [String: Any]) throws -> (code: String?, body: [String: Any]) {
    let body = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
    let response = emulator.respond(to: signedRequest(target: "ACMPrivateCA.\(operation)", body: body))
    let object = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
    return (response.statusCode == 200 ? nil : object["__type"] as? String, object)
}

/// GetCertificate until it stops answering RequestInProgressException (at most `attempts` calls): the answer,
/// and how many calls were in progress.
func fetchIssued(_ emulator: Emulator, ca: String, certificate: String,
                 attempts: Int = 5) throws -> (certificate: String, chain: String?, inProgress: Int) {
    var inProgress = 0
    for _ in 0..<attempts {
        let answer = try call(emulator, "GetCertificate", ["CertificateAuthorityArn": ca, "CertificateArn": certificate])
        if answer.code == "RequestInProgressException" {
            inProgress += 1
            continue
        }
        XCTAssertNil(answer.code, "\(answer.body)")
        return (try XCTUnwrap(answer.body["Certificate"] as? String), answer.body["CertificateChain"] as? String, inProgress)
    }
    throw OpenSSLFailure(description: "still in progress after \(attempts) GetCertificate calls")
}
