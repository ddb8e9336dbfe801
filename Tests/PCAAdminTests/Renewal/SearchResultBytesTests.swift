import Foundation
@testable import PCAAdmin
import PCAClient
import XCTest

/// What a search result counts against the listing's bytes bound is every string it keeps: a hostile answer may
/// put its megabytes in any member (names, issuer, serial).
final class SearchResultBytesTests: XCTestCase {
    private func result(_ attributes: [String: Any]) throws -> ACMSearchResult {
        let object: [String: Any] = ["CertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/x", "X509Attributes": attributes]
        return try JSONDecoder().decode(ACMSearchResult.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func testEveryKeptStringCounts() throws {
        let big = String(repeating: "n", count: 1 << 20)
        let plain = try result([:]).approximateBytes
        for attributes: [String: Any] in [["SubjectAlternativeNames": [["DnsName": big]]], ["Issuer": ["Organization": big]],
                                          ["Issuer": ["CustomAttributes": [["ObjectIdentifier": "1.2.3", "Value": big]]]],
                                          ["Subject": ["DomainComponents": [big]]], ["SerialNumber": big], ["KeyAlgorithm": big]] {
            XCTAssertGreaterThan(try result(attributes).approximateBytes, plain + (1 << 20) - 1, "\(attributes.keys)")
        }
    }
}
