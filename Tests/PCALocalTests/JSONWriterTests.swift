import Foundation
@testable import PCALocal
import XCTest

/// The emulator's hand-written JSON (its SearchCertificates answers) read back by Foundation's parser: every
/// string, number and nesting must come back as written.
final class JSONWriterTests: XCTestCase {
    private func parse(_ writer: JSONWriter) throws -> Any {
        try JSONSerialization.jsonObject(with: writer.data, options: [.fragmentsAllowed])
    }

    func testStringsComeBackUnchanged() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let samples = ["", "plain", "quote \" and backslash \\ and slash /", controls, "\u{7F} DEL", "line\u{2028}separator",
                       "CN=caf\u{E9} \u{1F510} e\u{301}", "\\u0041 stays text", "\"\"\\\\", "tab\there\r\n"]
        for sample in samples {
            var writer = JSONWriter()
            writer.beginArray()
            writer.string(sample)
            writer.endArray()
            let array = try XCTUnwrap(try parse(writer) as? [String], "not an array of one string: \(sample.debugDescription)")
            XCTAssertEqual(array, [sample])
        }
    }

    func testNumbersReadBackAsTheSameDouble() throws {
        let values: [Double] = [0, 1, -1, 1_796_609_587.6718552, 1_796_609_587, 253_402_300_799, -62_135_596_800, 1e-7,
                                0.1, 123_456_789.000_001]
        var writer = JSONWriter()
        writer.beginArray()
        for value in values { writer.number(value) }
        writer.number(.infinity)
        writer.number(.nan)
        writer.endArray()
        // JSONDecoder, not JSONSerialization: the latter reads some 17-digit numbers one unit in the last place off.
        let array = try JSONDecoder().decode([Double?].self, from: writer.data)
        XCTAssertEqual(array, values + [nil, nil], "infinity and NaN are not JSON: written as null")
    }

    func testNestingAndCommas() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("Empty")
        writer.beginObject()
        writer.endObject()
        writer.key("List")
        writer.beginArray()
        writer.beginObject()
        writer.member("A", "1")
        writer.member("Absent", nil as String?)
        writer.member("B", true)
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.encoded(Array("{\"Raw\":[1,2]}".utf8))
        writer.bool(false)
        writer.endArray()
        writer.member("When", 12.5 as Double?)
        writer.member("Never", nil as Double?)
        writer.endObject()
        let object = try XCTUnwrap(try parse(writer) as? NSDictionary)
        let expected: NSDictionary = ["Empty": [String: Any](), "List": [["A": "1", "B": true], [Any](), ["Raw": [1, 2]], false],
                                      "When": 12.5]
        XCTAssertEqual(object, expected)
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self),
                       "{\"Empty\":{},\"List\":[{\"A\":\"1\",\"B\":true},[],{\"Raw\":[1,2]},false],\"When\":12.5}")
    }
}
