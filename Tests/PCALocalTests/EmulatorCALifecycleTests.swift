import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import XCTest

/// A CA created through the API becomes ACTIVE: CSR, self-signed root certificate, import; then revocation
/// and audit reports.
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
        let body = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        let response = emulator.respond(to: signedRequest(target: "ACMPrivateCA.\(operation)", body: body))
        let object = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
        return (response.statusCode == 200 ? nil : object["__type"] as? String, object)
    }

    private func createRoot() throws -> String {
        let created = try call("CreateCertificateAuthority", [
            "CertificateAuthorityType": "ROOT",
            "CertificateAuthorityConfiguration": ["KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                                  "Subject": ["CommonName": "Lifecycle Root"]]])
        return try XCTUnwrap(created.body["CertificateAuthorityArn"] as? String, "\(created)")
    }

    private func status(_ arn: String) throws -> String? {
        ((try call("DescribeCertificateAuthority", ["CertificateAuthorityArn": arn]).body["CertificateAuthority"])
            as? [String: Any])?["Status"] as? String
    }

    func testARootCreatedThroughTheAPIBecomesActive() throws {
        let arn = try createRoot()
        XCTAssertEqual(try status(arn), "PENDING_CERTIFICATE")
        let csr = try XCTUnwrap(try call("GetCertificateAuthorityCsr", ["CertificateAuthorityArn": arn]).body["Csr"] as? String)
        XCTAssertTrue(csr.hasPrefix("-----BEGIN CERTIFICATE REQUEST-----"))
        let other = try call("IssueCertificate", ["CertificateAuthorityArn": arn, "Csr": Data("-----BEGIN CERTIFICATE REQUEST-----\nx\n-----END CERTIFICATE REQUEST-----\n".utf8).base64EncodedString(),
                                                  "SigningAlgorithm": "SHA256WITHRSA", "Validity": ["Value": 1, "Type": "YEARS"],
                                                  "TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        XCTAssertEqual(other.code, "InvalidStateException", "a pending root signs only its own CSR")
        let issued = try call("IssueCertificate", ["CertificateAuthorityArn": arn, "Csr": Data(csr.utf8).base64EncodedString(),
                                                   "SigningAlgorithm": "SHA256WITHRSA", "Validity": ["Value": 10, "Type": "YEARS"],
                                                   "TemplateArn": "arn:aws:acm-pca:::template/RootCACertificate/V1"])
        let certificateARN = try XCTUnwrap(issued.body["CertificateArn"] as? String, "\(issued)")
        let certificate = try XCTUnwrap(try call("GetCertificate", ["CertificateAuthorityArn": arn, "CertificateArn": certificateARN])
            .body["Certificate"] as? String)
        let imported = try call("ImportCertificateAuthorityCertificate",
                                ["CertificateAuthorityArn": arn, "Certificate": Data(certificate.utf8).base64EncodedString()])
        XCTAssertNil(imported.code, "\(imported.body)")
        XCTAssertEqual(try status(arn), "ACTIVE")
        let installed = try call("GetCertificateAuthorityCertificate", ["CertificateAuthorityArn": arn])
        XCTAssertEqual(installed.body["Certificate"] as? String, certificate)
    }

    func testARealX509CertificateIsImportedWithItsValidity() throws {
        let arn = try createRoot()
        let imported = try call("ImportCertificateAuthorityCertificate",
                                ["CertificateAuthorityArn": arn, "Certificate": Data(Self.realCertificate.utf8).base64EncodedString()])
        XCTAssertNil(imported.code, "\(imported.body)")
        let authority = try XCTUnwrap(emulator.snapshot.authorities.first { $0.arn == arn }?.authority)
        XCTAssertEqual(authority.status, .active)
        XCTAssertEqual(authority.notBefore?.timeIntervalSince1970, 1_767_225_600)
        XCTAssertEqual(authority.notAfter?.timeIntervalSince1970, 2_398_377_600)
        let garbage = try call("ImportCertificateAuthorityCertificate",
                               ["CertificateAuthorityArn": try createRoot(), "Certificate": Data("not a certificate".utf8).base64EncodedString()])
        XCTAssertEqual(garbage.code, "MalformedCertificateException")
    }

    func testASubordinateNeedsItsChain() throws {
        let created = try call("CreateCertificateAuthority", [
            "CertificateAuthorityType": "SUBORDINATE",
            "CertificateAuthorityConfiguration": ["KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                                  "Subject": ["CommonName": "Lifecycle Sub"]]])
        let arn = try XCTUnwrap(created.body["CertificateAuthorityArn"] as? String)
        let certificate = Data(Self.realCertificate.utf8).base64EncodedString()
        XCTAssertEqual(try call("ImportCertificateAuthorityCertificate", ["CertificateAuthorityArn": arn, "Certificate": certificate]).code,
                       "InvalidRequestException")
        XCTAssertNil(try call("ImportCertificateAuthorityCertificate",
                              ["CertificateAuthorityArn": arn, "Certificate": certificate, "CertificateChain": certificate]).code)
    }

    func testRevocationAndAuditReports() throws {
        let arn = DemoSeed.arn(DemoSeed.ID.web)
        let issued = try call("IssueCertificate", ["CertificateAuthorityArn": arn,
                                                   "Csr": Data("-----BEGIN CERTIFICATE REQUEST-----\nx\n-----END CERTIFICATE REQUEST-----\n".utf8).base64EncodedString(),
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

    func testX509ValidityRejectsTruncatedDER() {
        XCTAssertNil(X509Validity.read(pem: "-----BEGIN CERTIFICATE-----\nMIIBHjCBxKADAgEC\n-----END CERTIFICATE-----\n"))
        XCTAssertNil(X509Validity.read(der: [0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))
    }
}
