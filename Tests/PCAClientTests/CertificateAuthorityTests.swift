import Foundation
@testable import PCAClient
import XCTest

/// `CertificateAuthority` and `ASN1Subject` keep their members in a shared storage: copies must still behave as
/// values, and the API shape (JSON, equality, printing) must be the members'.
final class CertificateAuthorityTests: XCTestCase {
    private let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-4000-8000-333333333333"

    private func authority() -> CertificateAuthority {
        CertificateAuthority(arn: arn, ownerAccount: "111122223333", type: .root, status: .active,
                             notAfter: Date(timeIntervalSince1970: 1_900_000_000),
                             certificateAuthorityConfiguration: CertificateAuthorityConfiguration(
                                keyAlgorithm: .rsa2048, subject: ASN1Subject(organization: "Example Corp", commonName: "Root")),
                             keyStorageSecurityStandard: .fips140Level3)
    }

    func testACopyIsIndependentOfTheOriginal() {
        let original = authority()
        var copy = original
        copy.status = .disabled
        copy.certificateAuthorityConfiguration?.subject?.commonName = "Renamed"
        copy.revocationConfiguration = RevocationConfiguration(crlConfiguration: CrlConfiguration(enabled: true))
        XCTAssertEqual(original.status, .active)
        XCTAssertEqual(original.commonName, "Root")
        XCTAssertNil(original.revocationConfiguration)
        XCTAssertEqual(copy.status, .disabled)
        XCTAssertEqual(copy.commonName, "Renamed")
        XCTAssertEqual(copy.certificateAuthorityConfiguration?.subject?.organization, "Example Corp")
        XCTAssertNotEqual(copy, original)
    }

    func testEqualValuesAreEqualAndHashAlike() {
        var other = authority()
        XCTAssertEqual(other, authority())
        XCTAssertEqual(Set([other, authority()]).count, 1)
        XCTAssertEqual(ASN1Subject(commonName: "A").hashValue, ASN1Subject(commonName: "A").hashValue)
        other.certificateAuthorityConfiguration?.subject?.country = "US"
        XCTAssertNotEqual(other, authority())
        XCTAssertNotEqual(ASN1Subject(commonName: "A"), ASN1Subject(commonName: "B"))
    }

    func testJSONIsTheMembersWithAbsentOnesLeftOut() throws {
        let json = #"{"Arn":"\#(arn)","CertificateAuthorityConfiguration":{"KeyAlgorithm":"RSA_2048","Subject":{"CommonName":"Root","Organization":"Example Corp"}},"KeyStorageSecurityStandard":"FIPS_140_2_LEVEL_3_OR_HIGHER","NotAfter":1900000000,"OwnerAccount":"111122223333","Status":"ACTIVE","Type":"ROOT"}"#
        let decoded = try AWSJSONClient.decoder.decode(CertificateAuthority.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, authority())
        XCTAssertEqual(String(decoding: try AWSJSONClient.encoder.encode(decoded), as: UTF8.self), json)
    }

    func testAKnownLongValueSharesTheConstantsText() throws {
        let json = #"["FIPS_140_2_LEVEL_3_OR_HIGHER","FIPS_140_2_LEVEL_9_OR_HIGHER","CCPC_LEVEL_1_OR_HIGHER"]"#
        let decoded = try AWSJSONClient.decoder.decode([KeyStorageSecurityStandard].self, from: Data(json.utf8))
        XCTAssertEqual(decoded, [.fips140Level3, KeyStorageSecurityStandard(rawValue: "FIPS_140_2_LEVEL_9_OR_HIGHER"), .ccpcLevel1])
        func text(_ value: KeyStorageSecurityStandard) -> UnsafePointer<UInt8>? {
            value.rawValue.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        XCTAssertEqual(text(decoded[0]), text(.fips140Level3), "one text for every CA that names it")
        XCTAssertNotEqual(text(decoded[1]), text(.fips140Level3))
    }

    func testPrintingShowsTheMembers() {
        let text = String(describing: ASN1Subject(commonName: "Root"))
        XCTAssertTrue(text.hasPrefix("ASN1Subject(country: nil, "), text)
        XCTAssertTrue(text.contains(#"commonName: Optional("Root")"#), text)
        XCTAssertTrue(String(describing: authority()).contains(#"arn: Optional("\#(arn)")"#))
    }
}
