@testable import PCATerminalUI
import XCTest

final class ScreenBufferTests: XCTestCase {
    func testWideCharactersTakeTwoCellsAndClipWhole() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        XCTAssertEqual(buffer.put("東京ab", x: 0, y: 0), 6)
        XCTAssertEqual(buffer.lines, ["東京ab"])
        XCTAssertTrue(buffer[1, 0].isContinuation)
        var clipped = ScreenBuffer(width: 5, height: 1)
        clipped.put("ab東京", x: 0, y: 0)
        XCTAssertEqual(clipped.lines, ["ab東 "], "a wide character that does not fit becomes a space")
    }

    func testOverwritingHalfAWideCharacterLeavesNoOrphan() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("東京", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        XCTAssertEqual(buffer.lines, [" x京"])
    }

    func testControlCharactersNeverReachACell() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.put("a\u{1b}[31mb", x: 0, y: 0)
        XCTAssertEqual(buffer.lines, ["a\\e[31mb            "])
    }

    func testInvisibleCharactersNeverReachACell() {
        var buffer = ScreenBuffer(width: 40, height: 1)
        buffer.put("a\u{2028}b\u{200D}c\u{FEFF}d\u{2060}", x: 0, y: 0)
        XCTAssertEqual(buffer.lines, ["a\\u{2028}b\\u{200D}c\\u{FEFF}d\\u{2060}" + String(repeating: " ", count: 4)])
        for cell in buffer.cells {
            XCTAssertTrue(cell.text.unicodeScalars.allSatisfy(\.isASCII), cell.text.debugDescription)
        }
    }

    func testStyleSnapshot() {
        var buffer = ScreenBuffer(width: 3, height: 1)
        buffer.put("ab", x: 0, y: 0, style: CellStyle(foreground: .red, bold: true))
        buffer.put("c", x: 2, y: 0, style: CellStyle(reverse: true))
        XCTAssertEqual(buffer.snapshot(withStyles: true), "|abc\n:RR#\n")
    }
}
