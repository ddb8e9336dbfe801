import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// The free-text filter's search bytes are built only for records that are indexed (the UI's rows); a record
/// that is not indexed must match exactly as an indexed one does.
final class CARecordTests: XCTestCase {
    private func record() -> CARecord {
        let authority = CertificateAuthority(
            arn: "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-4000-8000-333333333333",
            status: .active,
            certificateAuthorityConfiguration: CertificateAuthorityConfiguration(
                subject: ASN1Subject(organization: "Example Corp", commonName: "Payments CA")))
        return CARecord(authority: authority, tags: [Tag(key: "Env", value: "Prod")])
    }

    private let needles = ["payments", "o=example corp", "certificate-authority/1111", "active", "env=prod", "test", ""]

    func testARecordMatchesTheSameWhetherIndexedOrNot() {
        let plain = record()
        var indexed = record()
        indexed.index()
        XCTAssertNil(plain.searchBytes, "not built until asked for")
        XCTAssertNotNil(indexed.searchBytes)
        for needle in needles {
            XCTAssertEqual(plain.matches(Array(needle.utf8)), indexed.matches(Array(needle.utf8)), needle)
        }
        XCTAssertTrue(plain.matches(Array("env=prod".utf8)))
        XCTAssertFalse(plain.matches(Array("test".utf8)))
        XCTAssertNil(plain.searchBytes, "matching does not keep what it built")
    }

    func testAnIndexFollowsTheTagsAndTheCA() {
        var indexed = record()
        indexed.index()
        indexed.setTags([Tag(key: "team", value: "pki")])
        XCTAssertTrue(indexed.matches(Array("team=pki".utf8)))
        XCTAssertFalse(indexed.matches(Array("env=prod".utf8)))
        indexed.authority.status = .disabled
        XCTAssertTrue(indexed.matches(Array("disabled".utf8)))
        XCTAssertEqual(indexed.searchBytes, {
            var fresh = indexed
            fresh.index(rebuilding: true)
            return fresh.searchBytes
        }())
    }
}
