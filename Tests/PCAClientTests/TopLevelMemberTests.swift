import Foundation
@testable import PCAClient
import XCTest

/// The NextToken read ahead of decoding: it must never give a value the decoded answer would not, and it gives
/// nil (no look-ahead) whenever it is unsure.
final class TopLevelMemberTests: XCTestCase {
    private func token(_ json: String) -> String? {
        TopLevelMember.string(named: "NextToken", in: Data(json.utf8))
    }

    func testFindsTheTopLevelMemberWherever_itIs() {
        XCTAssertEqual(token(#"{"NextToken":"abc","Results":[]}"#), "abc")
        XCTAssertEqual(token(#"{"Results":[{"a":1}],"NextToken":"abc"}"#), "abc")
        XCTAssertEqual(token(" \n{ \"Results\" : [ ] ,\t\"NextToken\" :\r\n \"a b/c=\" } \n"), "a b/c=")
        XCTAssertEqual(token(#"{"NextToken":""}"#), "")
    }

    func testIgnoresTheNameElsewhere() {
        XCTAssertNil(token(#"{"Results":[{"NextToken":"inner"}]}"#), "a nested member is not the answer's")
        XCTAssertNil(token(#"{"Results":{"NextToken":"inner"}}"#))
        XCTAssertNil(token(#"{"Note":"NextToken","Other":"x"}"#), "a value that reads NextToken is not a key")
        XCTAssertNil(token(#"{"NextTokenX":"a","XNextToken":"b"}"#))
        XCTAssertEqual(token(#"{"Results":[{"NextToken":"inner"}],"NextToken":"outer"}"#), "outer")
        XCTAssertEqual(token(#"{"s":"}]{\"","NextToken":"outer"}"#), "outer", "brackets and escaped quotes inside strings")
    }

    func testUnsureGivesNil() {
        XCTAssertNil(token(#"{"NextToken":"a","NextToken":"b"}"#), "given twice")
        XCTAssertNil(token(#"{"NextToken":null}"#))
        XCTAssertNil(token(#"{"NextToken":12}"#))
        XCTAssertNil(token(#"{"NextToken":"a\/b"}"#), "escapes are left to the decoder")
        XCTAssertNil(token(#"{"Next\u0054oken":"a"}"#), "an escaped key is left to the decoder")
        XCTAssertNil(token(#"{"NextToken":"abc""#), "cut short")
        XCTAssertNil(token(#"{"NextToken":"abc"#))
        XCTAssertNil(token(#"["NextToken","abc"]"#), "not an object")
        XCTAssertNil(token(""))
        XCTAssertNil(token(#"{"NextToken" "abc"}"#), "no colon")
        XCTAssertNil(token(#"{"Results":[]}"#), "absent")
    }

    /// Random answers written by JSONSerialization: whatever the scan finds is what the parser reads.
    func testAgreesWithTheParserOnRandomAnswers() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 =+/_-\"\\{}[],:\n\u{E9}")
        func text() -> String { String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        func value(depth: Int) -> Any {
            switch Int.random(in: 0...(depth > 2 ? 2 : 4), using: &generator) {
            case 0: return text()
            case 1: return Int.random(in: -5...5, using: &generator)
            case 2: return NSNull()
            case 3: return (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth: depth + 1) }
            default:
                var object: [String: Any] = [:]
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    object[Bool.random(using: &generator) ? "NextToken" : text()] = value(depth: depth + 1)
                }
                return object
            }
        }
        var found = 0
        for _ in 0..<2000 {
            var answer: [String: Any] = ["Results": value(depth: 1)]
            if Bool.random(using: &generator) { answer["NextToken"] = Bool.random(using: &generator) ? text() : value(depth: 1) }
            let data = try JSONSerialization.data(withJSONObject: answer)
            guard let scanned = TopLevelMember.string(named: "NextToken", in: data) else { continue }
            found += 1
            XCTAssertEqual(scanned, answer["NextToken"] as? String, String(decoding: data, as: UTF8.self))
        }
        XCTAssertGreaterThan(found, 100, "the scan found the token in too few answers to mean anything")
    }
}
