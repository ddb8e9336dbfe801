import Foundation
import PCACrypto
@testable import PCAClient
import XCTest

/// The shortcuts a large listing takes per request (cached signing keys and endpoint parts, ASCII header names,
/// hand-written timestamps, the collapse fast path) give exactly what the general path gives.
final class SigningFastPathTests: XCTestCase {
    func testCachedSigningKeysAreTheDerivedOnesAndNeverMixSecretsDaysOrRegions() {
        let secrets = ["secret-a", "secret-b"]
        for secret in secrets {
            for day in ["20150830", "20150831"] {
                for region in ["us-east-1", "eu-west-1"] {
                    let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: secret),
                                             region: region, service: "acm-pca")
                    let first = signer.signingKey(dateStamp: day)
                    XCTAssertEqual(first, signer.deriveSigningKey(dateStamp: day), "\(secret) \(day) \(region)")
                    XCTAssertEqual(signer.signingKey(dateStamp: day), first)
                }
            }
        }
        let a = SigV4Signer(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "secret-a"), region: "us-east-1", service: "acm")
        let b = SigV4Signer(credentials: AWSCredentials(accessKeyID: "A", secretAccessKey: "secret-b"), region: "us-east-1", service: "acm")
        XCTAssertNotEqual(a.signingKey(dateStamp: "20150830"), b.signingKey(dateStamp: "20150830"))
    }

    func testEndpointPartsAreCachedPerURL() {
        let plain = URL(string: "http://127.0.0.1:4566/")!
        let other = URL(string: "https://acm-pca.eu-west-1.amazonaws.com/a%20b?x=1")!
        for _ in 0..<2 {
            XCTAssertEqual(SigV4Signer.endpointParts(plain).host, "127.0.0.1:4566")
            XCTAssertEqual(SigV4Signer.endpointParts(plain).canonicalURI, "/")
            XCTAssertEqual(SigV4Signer.endpointParts(other).host, "acm-pca.eu-west-1.amazonaws.com")
            XCTAssertEqual(SigV4Signer.endpointParts(other).canonicalURI, SigV4Signer.canonicalURI(other))
            XCTAssertEqual(SigV4Signer.endpointParts(other).canonicalQuery, "x=1")
        }
    }

    func testHeaderNamesCompareAndFoldAsASCII() {
        XCTAssertTrue(HeaderName.equal("X-Amz-Target", "x-amz-target"))
        XCTAssertTrue(HeaderName.equal("", ""))
        XCTAssertFalse(HeaderName.equal("X-Amz-Target", "x-amz-targets"))
        XCTAssertFalse(HeaderName.equal("Host", "Hos"))
        XCTAssertFalse(HeaderName.equal("a", "A-"))
        XCTAssertFalse(HeaderName.equal("[", "{"), "only letters fold")
        XCTAssertEqual(HeaderName.lowercased("X-Amz-Date"), "x-amz-date")
        XCTAssertEqual(HeaderName.lowercased("already-lower"), "already-lower")
        XCTAssertEqual(HeaderName.lowercased("Ä-Header"), "Ä-header", "non-ASCII bytes are kept")
        var request = HTTPRequest(method: "POST", url: URL(string: "https://x/")!, headers: [("Content-Type", "a")])
        XCTAssertEqual(request.header("CONTENT-TYPE"), "a")
        request.setHeader("content-type", "b")
        XCTAssertEqual(request.headers.map(\.name), ["content-type"])
    }

    func testAmzDateMatchesTheFormattedDateAcrossTheRange() {
        let dates: [Double] = [0, 1_440_938_160, 951_782_400, 253_402_300_799, -62_135_596_800, 4_102_444_799.999]
        for seconds in dates {
            let date = Date(timeIntervalSince1970: seconds)
            let iso = AWSTimestamp.iso8601(date)
            let expected = iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            XCTAssertEqual(AWSTimestamp.amzDate(date), expected, "\(seconds)")
            XCTAssertEqual(AWSTimestamp.parseAmzDate(AWSTimestamp.amzDate(date))?.timeIntervalSince1970, seconds.rounded(.down))
        }
        XCTAssertEqual(AWSTimestamp.amzDate(Date(timeIntervalSince1970: -62_135_596_800)), "00010101T000000Z")
    }

    /// Only the exact basic format of a real moment: no sign, space or other digit set in a field, no field out of
    /// range or normalised into the next month, and the date reads back as written.
    func testParseAmzDateTakesOnlyRealMoments() {
        XCTAssertEqual(AWSTimestamp.parseAmzDate("20150830T123600Z")?.timeIntervalSince1970, 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseAmzDate("20000229T000000Z")?.timeIntervalSince1970, 951_782_400)
        for text in ["2015+830T123600Z", "201508+1T123600Z", "20150830T+23600Z", "2015 830T123600Z", "20150830T12360\u{661}Z",
                     "20150230T123600Z", "20150229T000000Z", "20151301T000000Z", "20150800T000000Z", "20150830T240000Z",
                     "20150830T126000Z", "20150830T123660Z", "00000830T123600Z", "20150830T123600z", "20150830 123600Z",
                     "20150830T123600", "20150830T123600Z ", ""] {
            XCTAssertNil(AWSTimestamp.parseAmzDate(text), text)
        }
        XCTAssertNil(AWSTimestamp.parseISO8601("2015-+8-30T12:36:00Z"), "the credential sources' dates take digits only too")
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T12:36:00Z")?.timeIntervalSince1970, 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T14:36:00+02:00")?.timeIntervalSince1970, 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T12:06:00.5-0030")?.timeIntervalSince1970, 1_440_938_160.5)
        for offset in ["+-1:30", "+24:00", "+01:60", "+1:30", "+01:3"] {
            XCTAssertNil(AWSTimestamp.parseISO8601("2015-08-30T12:36:00" + offset), offset)
        }
    }

    func testCollapseFastPathAgreesWithTheGeneralRule() {
        func general(_ value: String) -> String {
            value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        let values = ["a b c", "application/x-amz-json-1.1", " a", "a ", "a  b", "a\tb", "\ta", "a\t", "\u{00A0}a", "a\u{00A0}",
                      "\u{2003}x\u{2003}", "", " ", "ACMPrivateCA.ListPermissions", "pca-tui/0.1.0", "x\u{7f}", "é"]
        for value in values {
            XCTAssertEqual(SigV4Signer.collapseSpaces(value), general(value), "\(value.debugDescription)")
        }
    }
}
