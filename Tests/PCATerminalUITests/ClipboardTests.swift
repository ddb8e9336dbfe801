import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

/// `c` and `C` copy exactly the bytes a paste will type: a server-supplied ARN that does not match the API's
/// `Arn` pattern is never copied, and the status line says why.
final class ClipboardTests: XCTestCase {
    private static let base = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/"

    /// Each one, pasted into bash, ended bracketed paste, ran a line or hid what ran.
    private static let hostile: [(String, String)] = [
        ("ESC ending bracketed paste", "x\u{1b}[201~touch pwned\r"), ("CR", "x\rtouch pwned\r"), ("LF", "x\ntouch pwned"),
        ("C1 CSI", "x\u{9b}201~"), ("DEL", "x\u{7f}"), ("RLO", "x\u{202e}fdp"), ("LRI", "x\u{2066}y"),
        ("U+2028", "x\u{2028}y"), ("U+2029", "x\u{2029}y"), ("ZWSP", "x\u{200b}y"), ("ZWJ", "x\u{200d}y"),
        ("word joiner", "x\u{2060}y"), ("BOM", "\u{feff}x"), ("shell", "x$(touch${IFS}pwned)"),
        ("Unicode letter", "caf\u{e9}"),
    ]

    private func state(withARN arn: String) -> AppState {
        var state = demoState(withRenewals: false)
        let authorities = state.rows.map(\.authority).map { authority -> CertificateAuthority in
            var changed = authority
            if changed.arn == internalARN { changed.arn = arn }
            return changed
        }
        state.generation = 2
        _ = Reducer.reduce(&state, .listLoaded(generation: 2, authorities))
        select(&state, name: "Example Corp Issuing CA - Internal")
        return state
    }

    func testAHostileARNIsNeverCopiedAndTheStatusLineSaysWhy() {
        for (what, tail) in Self.hostile {
            var state = state(withARN: Self.base + tail)
            XCTAssertEqual(state.selectedRow?.arn, Self.base + tail, what)
            for key in ["c", "C"] {
                XCTAssertEqual(send(&state, .character(Character(key))), [], "\(what): \(key) copied a hostile ARN")
                XCTAssertEqual(state.message?.kind, .error, what)
                let text = state.message?.text ?? ""
                XCTAssertTrue(text.hasPrefix("Nothing copied: the ARN does not match the API's Arn pattern"), "\(what): \(text)")
            }
        }
        var state = state(withARN: Self.base + "x\u{1b}[201~")
        send(&state, .character("c"))
        XCTAssertEqual(state.message?.text, "Nothing copied: the ARN does not match the API's Arn pattern, it holds \\e")
    }

    func testTheDetailRefusesAHostileARNToo() {
        var state = state(withARN: Self.base + "x\u{1b}[201~")
        send(&state, .enter)
        guard case .detail = state.screen else { return XCTFail("not on the detail screen") }
        XCTAssertEqual(send(&state, .character("C")), [])
        XCTAssertTrue(state.message?.text.hasPrefix("Nothing copied:") ?? false, state.message?.text ?? "")
    }

    func testAHostileRegionStopsTheCommandNotTheARN() {
        var state = state(withARN: internalARN)
        state.header.region = "us-east-1\u{1b}[201~"
        XCTAssertEqual(send(&state, .character("C")), [])
        XCTAssertEqual(state.message?.text, "Nothing copied: the region does not match the API's Region pattern, it holds \\e")
        XCTAssertEqual(send(&state, .character("c")), [.copyToClipboard(internalARN)], "the ARN holds no region")
    }

    func testANormalARNIsCopiedExactly() {
        let arn = Self.base + "a+b=c,d.e@f-g_h/0123"
        var state = state(withARN: arn)
        XCTAssertEqual(send(&state, .character("c")), [.copyToClipboard(arn)])
        XCTAssertEqual(state.message?.kind, .success)
        XCTAssertEqual(send(&state, .character("C")), [.copyToClipboard(
            "aws acm-pca list-permissions --certificate-authority-arn \(arn) --region us-east-1")])
    }

    func testTheRunnersSequenceRefusesEveryUnsafeCharacter() {
        XCTAssertEqual(Clipboard.osc52(internalARN), "\u{1b}]52;c;\(Data(internalARN.utf8).base64EncodedString())\u{07}")
        XCTAssertEqual(Clipboard.osc52("東京 CA"), "\u{1b}]52;c;\(Data("東京 CA".utf8).base64EncodedString())\u{07}")
        let unsafe = ["\u{1b}[201~", "\r", "\n", "\u{9b}", "\u{7f}", "\u{202e}", "\u{2066}", "\u{2028}", "\u{2029}", "\u{200b}",
                      "\u{200d}", "\u{2060}", "\u{2064}", "\u{feff}", "\u{0}"]
        for character in unsafe {
            XCTAssertNil(Clipboard.osc52("aws acm-pca list-permissions x\(character)y"), character.unicodeScalars.map(\.value).description)
        }
        XCTAssertNil(Clipboard.osc52("echo\u{9}hi"), "a tab completes in bash")
    }
}
