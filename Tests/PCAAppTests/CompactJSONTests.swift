import Foundation
@testable import PCAApp
import XCTest

/// The compact writer of `list --output json` is byte for byte Foundation's, whose key order is a localized
/// comparison: checked against `JSONSerialization` itself.
final class CompactJSONTests: XCTestCase {
    private func foundation(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
               as: UTF8.self)
    }

    private func assertSameAsFoundation(_ object: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
        let compact = try XCTUnwrap(CompactJSON.data(object), file: file, line: line)
        XCTAssertEqual(String(decoding: compact, as: UTF8.self), try foundation(object), file: file, line: line)
    }

    func testKeysWithDigitsAreFoundationsOrderOrLeftToFoundation() throws {
        try assertSameAsFoundation(["acmCertificates": ["total": 3, "inUse": 1, "dueWithin60Days": 2, "failedByReason": [String: Any](),
                                                        "nextRenewal": NSNull(), "failed": 0, "e2": 2, "key2": 1]])
        // Decided only by the digits or by a digit against punctuation: Foundation's order differs from the bytes'.
        XCTAssertNil(CompactJSON.data(["a9": 1, "a10": 2]))
        XCTAssertNil(CompactJSON.data(["a_": 1, "a0": 2]))
        XCTAssertNil(CompactJSON.data(["k1x": 1, "k1y": 2]))
        XCTAssertNil(CompactJSON.data(["2a": 1, "1b": 2]))
        XCTAssertNil(CompactJSON.data(["d1": 1, "dueWithin60Days": 2]))
        for object in [["a9": 1, "a10": 2], ["a_": 1, "a0": 2], ["k1x": 1, "k1y": 2]] as [[String: Any]] {
            XCTAssertNotNil(try? foundation(object), "the fallback writes them")
        }
    }

    func testTheListingsShapeIsFoundationsBytes() throws {
        try assertSameAsFoundation([
            "arn": "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/1/2", "id": NSNull(),
            "commonName": "Caf\u{E9} \"CA\" \\ tab\t nl\n cr\r bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F} \u{2028} \u{1F600}",
            "daysToExpiry": -12, "zero": 0, "one": 1, "big": Int.max, "truncated": true, "other": false,
            "acmRenewalMissing": ["IssueCertificate", "GetCertificate"], "empty": [String](), "emptyObject": [String: Any](),
            "acmCertificates": ["total": 3, "inUse": 1, "failedByReason": ["PCA_ACCESS_DENIED": 1, "PCA_INVALID_ARN": 2,
                                                                           "OTHER": 0, "PCA_NAME_CONSTRAINTS_VALIDATION": 1],
                                "nextRenewal": NSNull()] as [String: Any],
            "ownerAccount": "111122223333", "accountName": "a/b", "acmRenewal": "enabled", "renewalReadiness": "READY",
            "renewalReadinessDetail": "x", "acmFailureReason": NSNull(), "acmRenewalReason": "r", "acmCertificatesError": "e",
        ])
    }

    func testKeysInFoundationsCaseInsensitiveOrder() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBzZ_mM")
        for _ in 0..<200 {
            var object: [String: Any] = [:]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let key = String((0..<Int.random(in: 1...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
                object[key] = key.count
            }
            let lowered = object.keys.map { $0.lowercased() }
            guard Set(lowered).count == lowered.count else {
                XCTAssertNil(CompactJSON.data(object), "keys equal but for case are left to Foundation")
                continue
            }
            try assertSameAsFoundation(object)
        }
    }

    func testOtherShapesAreLeftToFoundation() {
        XCTAssertNil(CompactJSON.data(["key2": 1, "key10": 2]), "digits compare by value there")
        XCTAssertNil(CompactJSON.data(["a-b": 1]))
        XCTAssertNil(CompactJSON.data(["ratio": 0.5]))
        XCTAssertNil(CompactJSON.data(["date": Date()]))
    }
}

/// The streamed document (the CAs one a line, then an estate's errors) holds what Foundation's whole document
/// holds, keys in the same order.
final class JSONOutputStreamTests: XCTestCase {
    func testAStreamWithTrailingErrorsIsTheWholeDocument() throws {
        final class Collected: @unchecked Sendable {
            let lock = NSLock()
            var text = ""
        }
        let collected = Collected()
        let output = CommandOutput(out: { text in collected.lock.withLock { collected.text += text } }, err: { _ in })
        let items: [[String: Any]] = [["arn": "a", "account": "111122223333", "n": 1], ["arn": "b\u{2028}", "account": NSNull()]]
        let errors: [[String: Any]] = [["account": "222233334444", "region": "eu-west-1", "reason": "AccessDenied"]]
        for (cas, failures) in [(items, errors), (items, []), ([], errors), ([], [])] {
            collected.text = ""
            JSONOutput.stream(key: "certificateAuthorities", cas, trailing: [("errors", failures)], to: output)
            let streamed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(collected.text.utf8)) as? NSDictionary)
            let whole: NSDictionary = ["certificateAuthorities": cas, "errors": failures]
            XCTAssertEqual(streamed, whole, collected.text)
            XCTAssertLessThan(try XCTUnwrap(collected.text.range(of: "\"certificateAuthorities\"")).lowerBound,
                              try XCTUnwrap(collected.text.range(of: "\"errors\"")).lowerBound)
            XCTAssertFalse(collected.text.contains("\u{2028}"), "escaped for the terminal like every JSON sink")
        }
    }
}
