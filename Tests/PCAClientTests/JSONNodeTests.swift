import Foundation
@testable import PCAClient
import XCTest

/// The hand parser for large answers: what it accepts it reads as Foundation's parser does, and it refuses what
/// RFC 8259 refuses (the caller then leaves the answer to JSONDecoder).
final class JSONNodeTests: XCTestCase {
    /// The parsed value as Foundation objects, to compare with JSONSerialization's reading.
    private func foundation(_ node: JSONNode) -> Any {
        switch node {
        case let .object(members):
            var dictionary: [String: Any] = [:]
            for member in members { dictionary[member.key] = foundation(member.value) }
            return dictionary
        case let .array(elements): return elements.map(foundation)
        case let .string(text): return text
        case let .number(value): return value
        case let .bool(flag): return flag
        case .null: return NSNull()
        }
    }

    func testReadsWhatFoundationReadsOnRandomDocuments() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ0 \"\\/\n\t\u{1}\u{7F}\u{E9}\u{2028}\u{1F510}{}[],:")
        func text() -> String { String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0...(depth > 3 ? 4 : 6), using: &generator) {
            case 0: return text()
            case 1: return Int.random(in: -1_000_000...1_000_000, using: &generator)
            case 2: return Double(Int.random(in: -10_000...10_000, using: &generator)) / 8
            case 3: return Bool.random(using: &generator)
            case 4: return NSNull()
            case 5: return (0..<Int.random(in: 0...4, using: &generator)).map { _ in value(depth + 1) }
            default:
                var object: [String: Any] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &generator) { object[text()] = value(depth + 1) }
                return object
            }
        }
        for _ in 0..<1000 {
            let document = value(0)
            let data = try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed])
            let reference = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            let parsed = foundation(try JSONNode.parse(data))
            XCTAssertTrue(NSArray(array: [parsed]).isEqual(NSArray(array: [reference])), String(decoding: data, as: UTF8.self))
        }
    }

    func testEdgesOfTheGrammar() throws {
        XCTAssertEqual(try JSONNode.parse(Data(#" {"a" : [ 1 , -0.5e+2 , true , false , null ] } "#.utf8)),
                       .object([("a", .array([.number(1), .number(-50), .bool(true), .bool(false), .null]))]))
        XCTAssertEqual(try JSONNode.parse(Data(#""\ud83d\udd10 \u00e9 \/ \b\f\n\r\t \" \\""#.utf8)),
                       .string("\u{1F510} \u{E9} / \u{8}\u{C}\n\r\t \" \\"))
        XCTAssertEqual(try JSONNode.parse(Data(#"{"k":1,"k":2}"#.utf8)), .object([("k", .number(1)), ("k", .number(2))]),
                       "duplicates are kept; reading one is refused (see JSONNode+Members)")
        XCTAssertEqual(try JSONNode.parse(Data("\"\u{7F}\u{2028}\"".utf8)), .string("\u{7F}\u{2028}"))
        XCTAssertEqual(try JSONNode.parse(Data("0".utf8)), .number(0))
        let deepest = String(repeating: "[", count: JSONNode.maximumDepth) + String(repeating: "]", count: JSONNode.maximumDepth)
        XCTAssertNoThrow(try JSONNode.parse(Data(deepest.utf8)))
    }

    func testRefusesWhatTheRFCRefuses() {
        let tooDeep = String(repeating: "[", count: JSONNode.maximumDepth + 1) + String(repeating: "]", count: JSONNode.maximumDepth + 1)
        let refused: [[UInt8]] = [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "01", "1.", ".5", "-", "+1", "1e", "1e+",
            "NaN", "Infinity", "-Infinity", "1e400", "tru", "nul", "truex", "1 2", "{} {}", "\"a", "\"\\x\"", "\"\\u12\"",
            "\"\\u12G4\"", "\"\\ud83d\"", "\"\\ud83d\\u0041\"", "\"\\udd10\"", "\"a\u{1}b\"", "\"tab\there\"", "/* c */ 1", "[1] // c",
            "\u{FEFF}1", tooDeep, "1e-400", "-1e-400", "2.4e-324", "7075e-328", "0." + String(repeating: "0", count: 800) + "1",
        ].map { Array($0.utf8) } + [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]]
        for bytes in refused {
            XCTAssertThrowsError(try JSONNode.parse(Data(bytes)), String(decoding: bytes, as: UTF8.self).debugDescription)
        }
    }

    /// Numbers at the edges of a Double: accepted exactly when JSONDecoder accepts them, read as the same value.
    func testNumbersAsJSONDecoderReadsThem() throws {
        let literals = ["0", "-0", "0e-400", "0.000", "1E5", "1e+308", "1.7976931348623157e308", "1.8e308", "5e-324", "3e-324",
                        "2.4e-324", "1e-400", "-1e-400", "1796609587.6718552", "123456789012345678901234567890",
                        "0.1", "-2.5E-3", String(repeating: "9", count: 310), "1" + String(repeating: "0", count: 400)]
        for literal in literals {
            let data = Data("[\(literal)]".utf8)
            let reference = try? JSONDecoder().decode([Double].self, from: data)
            let parsed = try? JSONNode.parse(data)
            switch (reference, parsed) {
            case let (value?, parsed?):
                XCTAssertEqual(parsed, .array([.number(value[0])]), literal)
                if case let .array(elements) = parsed, case let .number(number) = elements.first {
                    XCTAssertEqual(number.sign, value[0].sign, "\(literal): the sign of zero")
                }
            case (nil, nil):
                break
            default:
                XCTFail("\(literal): JSONDecoder read \(String(describing: reference)), the hand parser \(String(describing: parsed))")
            }
        }
    }

    func testMembersFollowTheModelsRules() throws {
        let node = try JSONNode.parse(Data(#"{"s":"x","n":null,"b":true,"d":1.5,"far":3e11,"o":{},"a":[{}],"l":["x"],"twice":1,"twice":2}"#.utf8))
        XCTAssertEqual(try node.string("s"), "x")
        XCTAssertNil(try node.string("n"), "null is absent")
        XCTAssertNil(try node.string("missing"))
        XCTAssertEqual(try node.bool("b"), true)
        XCTAssertEqual(try node.date("d"), Date(timeIntervalSince1970: 1.5))
        XCTAssertThrowsError(try node.date("far"), "after the year 9999")
        XCTAssertThrowsError(try node.string("b"), "a boolean is not a string")
        XCTAssertThrowsError(try node.bool("s"))
        XCTAssertThrowsError(try node.date("s"))
        XCTAssertThrowsError(try node.objects("l"), "strings are not objects")
        XCTAssertEqual(try node.strings("l"), ["x"])
        XCTAssertEqual(try node.objects("a")?.count, 1)
        XCTAssertNotNil(try node.object("o"))
        XCTAssertThrowsError(try node.object("a"))
        XCTAssertThrowsError(try node.member("twice"), "a member given twice is left to JSONDecoder")
        XCTAssertThrowsError(try JSONNode.array([]).member("s"), "not an object")
    }
}
