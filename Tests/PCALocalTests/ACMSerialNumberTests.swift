import Foundation
@testable import PCALocal
import XCTest

/// The serial number the emulator gives an ACM certificate (in DescribeCertificate and every SearchCertificates
/// result): the hex digits of its ARN's last 12 characters, lowercased, in pairs joined by colons, as the model's
/// pattern `[0-9a-f]{2}(:[0-9a-f]{2}){1,19}` requires.
final class ACMSerialNumberTests: XCTestCase {
    private func serial(_ arn: String) -> String {
        ACMStoredCertificate(arn: arn, domainName: "x.example", certificateAuthorityArn: "ca", notBefore: nil, notAfter: nil,
                             createdAt: Date(timeIntervalSince1970: 0)).serialNumber
    }

    func testPairsOfTheARNsLastHexDigits() {
        XCTAssertEqual(serial("arn:aws:acm:us-east-1:111122223333:certificate/1f2e3d4c-0000-4000-8000-00000000ABCD"),
                       "00:00:00:00:ab:cd")
        XCTAssertEqual(serial("arn:aws:acm:us-east-1:111122223333:certificate/x-5"), "0f:ca:e5",
                       "the last 12 characters are \"tificate/x-5\": f, c, a, e, 5, and an odd count gets a leading zero")
        XCTAssertEqual(serial("arn:aws:acm:us-east-1:111122223333:certificate/zz-1a2b3c4d5e"), "1a:2b:3c:4d:5e", "letters outside a-f are skipped")
    }

    func testEveryDemoCertificateMatchesTheModelsPattern() {
        let certificates = DemoSeed.acmCertificates(now: Date())
        XCTAssertFalse(certificates.isEmpty)
        for certificate in certificates {
            XCTAssertNotNil(certificate.serialNumber.wholeMatch(of: #/[0-9a-f]{2}(:[0-9a-f]{2}){1,19}/#),
                            "\(certificate.arn): \(certificate.serialNumber)")
        }
    }
}
