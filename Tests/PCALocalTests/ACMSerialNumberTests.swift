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

extension ACMSerialNumberTests {
    /// The rule before it worked on bytes, kept as the reference.
    private func characterRule(_ arn: String) -> String {
        let hex = Array(arn.suffix(12).lowercased().filter(\.isHexDigit))
        let even = hex.count % 2 == 0 ? hex : ["0"] + hex
        return stride(from: 0, to: even.count, by: 2).map { String(even[$0...$0 + 1]) }.joined(separator: ":")
    }

    func testTheSameAsTheCharacterRuleForEveryARN() {
        let prefix = "arn:aws:acm:us-east-1:111122223333:certificate/"
        var arns = ["1234567890ab-\u{E9}", "0123456789abcd\u{E9}", "0000000000ab\r\n", "\u{FF21}\u{FF22}\u{FF23}\u{FF11}\u{FF12}\u{FF13}",
                    "ABCDEF123456", "e\u{301}0123456789ab", "x\r\ny", ""].map { prefix + $0 }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEFxyz-\r\n\u{E9}\u{301}\u{FF11}")
        for _ in 0..<500 {
            arns.append(prefix + String((0..<Int.random(in: 0...16, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for arn in arns {
            XCTAssertTrue(serial(arn).utf8.elementsEqual(characterRule(arn).utf8), arn.debugDescription)
        }
    }
}
