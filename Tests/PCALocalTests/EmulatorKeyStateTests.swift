import Foundation
import PCAClient
@testable import PCALocal
import PCAX509
import XCTest

/// CA keys live in the state file, which stays private; a state file of a version with simulated
/// certificates still loads and is served real X.509.
final class EmulatorKeyStateTests: XCTestCase {
    func testAKeyMadeThroughTheAPIIsKeptInThePrivateStateFile() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        let emulator = try Emulator.open(seed: .empty, statePath: path)
        let created = try call(emulator, "CreateCertificateAuthority", [
            "CertificateAuthorityType": "ROOT",
            "CertificateAuthorityConfiguration": ["KeyAlgorithm": "EC_secp384r1", "SigningAlgorithm": "SHA384WITHECDSA",
                                                  "Subject": ["CommonName": "Kept Key"]]])
        let arn = try XCTUnwrap(created.body["CertificateAuthorityArn"] as? String, "\(created)")
        let csr = try XCTUnwrap(try call(emulator, "GetCertificateAuthorityCsr", ["CertificateAuthorityArn": arn]).body["Csr"] as? String)
        let saved = try EmulatorState.load(from: path)
        guard case let .ec(curve, scalar)? = saved.authorities.first?.key else { return XCTFail("no key in the state file") }
        XCTAssertEqual(curve, "EC_secp384r1")
        XCTAssertFalse(scalar.isEmpty)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(permissions?.intValue, 0o600)
        let reopened = try Emulator.open(seed: .empty, statePath: path)
        XCTAssertEqual(try call(reopened, "GetCertificateAuthorityCsr", ["CertificateAuthorityArn": arn]).body["Csr"] as? String, csr,
                       "the same key and CSR after a restart")
    }

    func testAStateFileWithSimulatedCertificatesLoadsAndServesRealOnes() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        var old = DemoSeed.state(.demo)
        let simulated = "-----BEGIN CERTIFICATE-----\n" + Data("pca-local simulated CA certificate\nserial=1".utf8).base64EncodedString()
            + "\n-----END CERTIFICATE-----\n"
        for index in old.authorities.indices {
            old.authorities[index].key = nil
            old.authorities[index].importedCertificate = simulated
            old.authorities[index].csr = simulated.replacingOccurrences(of: "CERTIFICATE", with: "CERTIFICATE REQUEST")
        }
        try old.save(to: path)
        let emulator = try Emulator.open(seed: .demo, statePath: path)
        let root = try call(emulator, "GetCertificateAuthorityCertificate", ["CertificateAuthorityArn": DemoSeed.arn(DemoSeed.ID.root)])
        let certificate = try Certificate(pem: try XCTUnwrap(root.body["Certificate"] as? String, "\(root.body)"))
        XCTAssertEqual(certificate.isSigned(by: certificate), .valid)
        XCTAssertEqual(emulator.snapshot.authorities.first?.key, .demo("root"), "the demo CA has its fixed key back")
        let csr = try XCTUnwrap(try call(emulator, "GetCertificateAuthorityCsr",
                                         ["CertificateAuthorityArn": DemoSeed.arn(DemoSeed.ID.staging)]).body["Csr"] as? String)
        XCTAssertEqual(try CertificationRequest(pemOrDER: Array(csr.utf8)).selfSignature, .valid)
    }
}
