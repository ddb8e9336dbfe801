import Foundation
@testable import PCAApp
import PCAAdmin
import XCTest

/// The invisible characters from a server (line and paragraph separators, zero-width spaces and joiners, the
/// word joiner and invisible operators, the byte-order mark) leave escaped through every sink of the commands,
/// like the other control characters: standard output and error, JSON, CSV and the audit log.
final class InvisibleCharacterOutputTests: XCTestCase {
    private static let invisible: [Unicode.Scalar] = [
        "\u{2028}", "\u{2029}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}",
        "\u{2060}", "\u{2061}", "\u{2062}", "\u{2063}", "\u{2064}", "\u{FEFF}",
    ]
    private static let name = "CA" + invisible.map { String($0) + "x" }.joined()

    private func assertNoInvisibleCharacter(_ text: String, _ sink: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { Self.invisible.contains($0) }
        XCTAssertTrue(raw.isEmpty, "\(sink) holds raw \(raw.map { String($0.value, radix: 16) })", file: file, line: line)
    }

    func testJSONEscapesThemAndKeepsTheText() throws {
        let rendered = JSONOutput.render(["name": Self.name])
        assertNoInvisibleCharacter(rendered, "JSON")
        XCTAssertTrue(rendered.contains(#"\u2028x\u2029x\u200bx"#), rendered)
        XCTAssertTrue(rendered.contains(#"\ufeffx"#), rendered)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String])
        XCTAssertEqual(decoded["name"], Self.name, "a JSON reader gets the server's text exactly")

        let streamed = CapturedOutput()
        JSONOutput.stream(key: "items", [["name": Self.name]], to: streamed.output)
        assertNoInvisibleCharacter(streamed.out, "streamed JSON")
    }

    func testCSVEscapesThem() {
        let field = ReportCommand.csvField(Self.name)
        assertNoInvisibleCharacter(field, "CSV")
        XCTAssertEqual(field, "CA" + Self.invisible.map { "\\u{\(String($0.value, radix: 16, uppercase: true))}x" }.joined())
    }

    func testTheAuditLogEscapesThemAndKeepsOneLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-invisible-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.log").path
        var entry = Journal.Entry(time: "t", caller: "c", profile: "p", region: "r", certificateAuthorityArn: "a",
                                   action: "x", result: "error", requestIds: [])
        entry.errorMessage = "denied " + Self.name
        XCTAssertNoThrow(try Journal(path: path).append(entry))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        assertNoInvisibleCharacter(text, "the audit log")
        XCTAssertEqual(text.split(separator: "\n").count, 1)
        let decoded = try JSONDecoder().decode(Journal.Entry.self, from: Data(text.utf8).dropLast())
        XCTAssertEqual(decoded.errorMessage, entry.errorMessage, "the text itself is kept")
    }

    /// Standard output and error (and the `--debug` dump, which goes to standard error) as the commands write them.
    func testStandardOutputAndErrorEscapeThem() throws {
        let out = Pipe()
        let err = Pipe()
        let output = CommandOutput.writing(out: out.fileHandleForWriting, err: err.fileHandleForWriting)
        output.out("name: \(Self.name)\nnext line\n")
        output.err("error: \(Self.name)\n")
        try out.fileHandleForWriting.close()
        try err.fileHandleForWriting.close()
        let written = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        assertNoInvisibleCharacter(written, "standard output")
        assertNoInvisibleCharacter(errors, "standard error")
        XCTAssertTrue(written.hasPrefix("name: CA\\u{2028}x\\u{2029}x\\u{200B}x"), written)
        XCTAssertTrue(written.hasSuffix("\nnext line\n"), "line breaks of our own are kept")
        XCTAssertTrue(errors.contains("\\u{FEFF}x"), errors)
    }
}
