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
