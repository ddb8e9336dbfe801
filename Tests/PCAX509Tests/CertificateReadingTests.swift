import Foundation
import PCAX509
import XCTest

/// Certificates and requests openssl made, read back field by field and compared with what openssl says.
final class CertificateReadingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try OpenSSL.available()
        directory = try OpenSSL.temporaryDirectory()
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func makeCertificate(key: [String], sans: String = "DNS:www.example.com,DNS:api.example.com,IP:10.0.0.1",
                                 extraExtensions: [String] = []) throws -> (Certificate, URL) {
        try OpenSSL.run(["genpkey"] + key + ["-out", "key.pem"], in: directory)
        try OpenSSL.run(["req", "-new", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "397", "-sha256",
                         "-subj", "/C=US/O=Example Corp/OU=Web+L=Seattle/CN=www.example.com",
                         "-addext", "subjectAltName=\(sans)", "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
                         "-addext", "extendedKeyUsage=serverAuth,clientAuth"] + extraExtensions.flatMap { ["-addext", $0] },
                        in: directory)
        let url = directory.appendingPathComponent("cert.pem")
        return (try Certificate(pem: try String(contentsOf: url, encoding: .utf8)), url)
    }

    private func openssl(_ field: String, _ url: URL) throws -> String {
        try OpenSSL.run(["x509", "-in", url.path, "-noout", field] + (field == "-fingerprint" ? ["-sha256"] : []), in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testAnRSACertificateReadsAsOpensslReadsIt() throws {
        let (certificate, url) = try makeCertificate(key: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        XCTAssertEqual(certificate.version, 3)
        XCTAssertEqual(certificate.subject.commonName, "www.example.com")
        XCTAssertEqual(certificate.subject.description, "CN=www.example.com,OU=Web+L=Seattle,O=Example Corp,C=US")
        XCTAssertEqual(certificate.issuer, certificate.subject)
        let serial = try openssl("-serial", url).replacingOccurrences(of: "serial=", with: "").lowercased()
        XCTAssertEqual(String(certificate.serial.replacingOccurrences(of: ":", with: "").drop { $0 == "0" }),
                       String(serial.drop { $0 == "0" }))
        let fingerprint = try openssl("-fingerprint", url).replacingOccurrences(of: "-fingerprint", with: "")
        XCTAssertTrue(fingerprint.hasSuffix(certificate.sha256Fingerprint), "\(fingerprint) vs \(certificate.sha256Fingerprint)")
        XCTAssertEqual(certificate.publicKey.algorithmWords, "RSA 2048")
        XCTAssertEqual(certificate.extensions.subjectAlternativeNames, ["DNS:www.example.com", "DNS:api.example.com", "IP:10.0.0.1"])
        XCTAssertEqual(certificate.extensions.keyUsage, ["digitalSignature", "keyEncipherment"])
        XCTAssertEqual(certificate.extensions.extendedKeyUsage, ["serverAuth", "clientAuth"])
        XCTAssertEqual(certificate.signatureAlgorithm, .sha256WithRSA)
        let days = certificate.notAfter.timeIntervalSince(certificate.notBefore) / 86_400
        XCTAssertEqual(days, 397, accuracy: 0.01)
        let end = try openssl("-enddate", url)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy 'GMT'"
        let opensslEnd = formatter.date(from: end.replacingOccurrences(of: "notAfter=", with: "").replacingOccurrences(of: "  ", with: " "))
        XCTAssertEqual(opensslEnd, certificate.notAfter)
        XCTAssertEqual(PEM.blocks(certificate.pem, labels: ["CERTIFICATE"]).first?.der, certificate.der, "PEM round trip")
    }

    func testECCertificatesNameTheirCurve() throws {
        let (p256, _) = try makeCertificate(key: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        XCTAssertEqual(p256.publicKey.algorithmWords, "EC P-256")
        XCTAssertEqual(p256.signatureAlgorithm, .ecdsaWithSHA256)
        let (p384, _) = try makeCertificate(key: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
                                           extraExtensions: ["basicConstraints=critical,CA:TRUE,pathlen:0"])
        XCTAssertEqual(p384.publicKey.algorithmWords, "EC P-384")
        XCTAssertEqual(p384.extensions.basicConstraints?.isCA, true)
        XCTAssertEqual(p384.extensions.basicConstraints?.pathLength, 0)
        XCTAssertNotNil(p384.extensions.subjectKeyIdentifier, "openssl adds a subject key identifier")
    }

    func testARequestReadsWithItsRequestedNamesUnderEitherLabel() throws {
        try OpenSSL.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"], in: directory)
        try OpenSSL.run(["req", "-new", "-key", "key.pem", "-out", "req.pem", "-subj", "/CN=app.example.com/O=Example Corp",
                         "-addext", "subjectAltName=DNS:app.example.com,DNS:app2.example.com"], in: directory)
        let pem = try String(contentsOf: directory.appendingPathComponent("req.pem"), encoding: .utf8)
        let request = try CertificationRequest(pemOrDER: Array(pem.utf8))
        XCTAssertEqual(request.subject.description, "O=Example Corp,CN=app.example.com")
        XCTAssertEqual(request.requestedExtensions.subjectAlternativeNames, ["DNS:app.example.com", "DNS:app2.example.com"])
        XCTAssertEqual(request.publicKey.algorithmWords, "EC P-256")
        let legacy = pem.replacingOccurrences(of: "CERTIFICATE REQUEST", with: "NEW CERTIFICATE REQUEST")
        XCTAssertEqual(try CertificationRequest(pemOrDER: Array(legacy.utf8)), request)
        try OpenSSL.run(["req", "-in", "req.pem", "-outform", "DER", "-out", "req.der"], in: directory)
        let der = try [UInt8](Data(contentsOf: directory.appendingPathComponent("req.der")))
        XCTAssertEqual(try CertificationRequest(pemOrDER: der), request)
    }

    func testGarbageIsAClearErrorNeverACrash() {
        let inputs: [[UInt8]] = [[], [0x30], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x30, 0x03, 0x02, 0x01], Array("not a csr".utf8),
                                 Array("-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END CERTIFICATE REQUEST-----\n".utf8),
                                 [0x30, 0x02, 0x30, 0x00], [0x06, 0x01, 0x80]]
        for input in inputs {
            XCTAssertThrowsError(try CertificationRequest(pemOrDER: input), "\(input)")
            XCTAssertThrowsError(try Certificate(der: input), "\(input)")
        }
    }

    func testDERRoundTripsNamesAndOIDs() throws {
        let name = DistinguishedName(rdns: [[.init(type: ObjectIdentifier("2.5.4.6"), value: "US")],
                                            [.init(type: .commonName, value: "Example, Inc. \u{e9}")]])
        let read = try DistinguishedName(node: try DERNode(name.der))
        XCTAssertEqual(read.rdns, name.rdns)
        XCTAssertEqual(read.description, "CN=Example\\, Inc. \u{e9},C=US")
        for dotted in ["2.5.4.3", "1.2.840.113549.1.1.11", "1.3.6.1.4.1.311.21.7", "2.999.1"] {
            XCTAssertEqual(try ObjectIdentifier(node: try DERNode(ObjectIdentifier(dotted).der)).dotted, dotted)
        }
    }
}
