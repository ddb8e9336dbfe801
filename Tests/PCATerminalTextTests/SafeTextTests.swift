import PCATerminalText
import XCTest

final class SafeTextTests: XCTestCase {
    func testControlAndEscapeCharactersAreShownEscaped() {
        XCTAssertEqual(SafeText.escaped("Evil\u{1b}]0;pwned\u{07}CA"), "Evil\\e]0;pwned\\u{7}CA")
        XCTAssertEqual(SafeText.escaped("a\nb\tc\r"), "a\\nb\\tc\\r")
        XCTAssertEqual(SafeText.escaped("\u{9b}31m"), "\\u{9B}31m")
        XCTAssertEqual(SafeText.escaped("abc\u{202E}fed"), "abc\\u{202E}fed")
        XCTAssertEqual(SafeText.escaped("東京 Issuing CA"), "東京 Issuing CA")
    }

    func testInvisibleCharactersAreShownEscaped() {
        let invisible: [UInt32] = [0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063,
                                   0x2064, 0xFEFF]
        for value in invisible {
            let scalar = Unicode.Scalar(value)!
            let hex = String(value, radix: 16, uppercase: true)
            XCTAssertTrue(SafeText.isUnsafe(scalar), hex)
            XCTAssertEqual(SafeText.escaped("a\(scalar)b"), "a\\u{\(hex)}b")
            XCTAssertEqual(SafeText.escaped("a\(scalar)b", keepingLineBreaks: true), "a\\u{\(hex)}b", "only \\n is a line break")
            XCTAssertEqual(SafeText.firstUnsafe(in: "ok \(scalar)"), scalar)
        }
        XCTAssertEqual(SafeText.fitted("a\u{200B}b", width: 12), "a\\u{200B}b  ", "a zero-width character takes its escape's columns")
        for printable in ["é", "東", "✓", "\u{A0}", "\u{2010}", "\u{2027}", "\u{202F}", "\u{2070}", "\u{FEFE}", "\u{FF00}"] {
            XCTAssertNil(SafeText.firstUnsafe(in: printable), printable.debugDescription)
        }
    }

    func testDisplayWidth() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("東京"), 4)
        XCTAssertEqual(DisplayWidth.of("株式会社"), 8)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("🔒"), 2)
        XCTAssertEqual(DisplayWidth.of("✓"), 1)
    }

    func testFittingKeepsColumnsAligned() {
        XCTAssertEqual(SafeText.fitted("東京 Issuing CA", width: 10), "東京 Issu…")
        XCTAssertEqual(DisplayWidth.of(SafeText.fitted("東京 Issuing CA", width: 10)), 10)
        XCTAssertEqual(SafeText.fitted("東京東京", width: 4, ellipsis: "~"), "東~ ")
        XCTAssertEqual(SafeText.fitted("ab", width: 4), "ab  ")
        XCTAssertEqual(SafeText.fitted("ab", width: 4, alignRight: true), "  ab")
        XCTAssertEqual(SafeText.fitted("abcdef", width: 4, ellipsis: "..."), "a...")
        XCTAssertEqual(SafeText.fitted("x\u{1b}[2J", width: 20), "x\\e[2J" + String(repeating: " ", count: 14))
    }
}
