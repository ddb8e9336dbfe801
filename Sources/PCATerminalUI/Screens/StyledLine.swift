import PCAAdmin
import PCATerminalText

/// A line of text made of styled runs.
public struct StyledLine: Sendable {
    public var segments: [(text: String, style: CellStyle)]

    public init(_ segments: [(text: String, style: CellStyle)] = []) {
        self.segments = segments
    }

    public init(_ text: String, _ style: CellStyle = .plain) {
        segments = [(text, style)]
    }

    public var text: String { segments.map(\.text).joined() }
}

extension ScreenBuffer {
    /// Draws a styled line from column `x`, clipped to `width` columns. With an `ellipsis`, a line that does
    /// not fit ends in it, so a cut never passes for the whole text.
    mutating func draw(_ line: StyledLine, x: Int, y: Int, width: Int, ellipsis: String? = nil) {
        var column = x
        let cut = ellipsis.map { DisplayWidth.of(SafeText.escaped(line.text)) > width ? $0 : nil } ?? nil
        let room = width - (cut.map(DisplayWidth.of) ?? 0)
        for segment in line.segments {
            let remaining = x + room - column
            guard remaining > 0 else { break }
            column += put(segment.text, x: column, y: y, style: segment.style, limit: remaining)
        }
        if let cut, let last = line.segments.last {
            put(cut, x: x + room, y: y, style: last.style)
        }
    }
}

/// Word wrapping by display width.
enum TextWrap {
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                if DisplayWidth.of(word) > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    var pieces = breakWord(word, width: width)
                    word = pieces.removeLast()
                    lines += pieces
                }
                if line.isEmpty {
                    line = word
                } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// A word longer than `width` in pieces that fit, broken after a `/` or `:` where there is one, so an
    /// ARN never breaks inside a token.
    static func breakWord(_ word: String, width: Int) -> [String] {
        guard width > 0 else { return [word] }
        var pieces: [String] = []
        var rest = Substring(word)
        while DisplayWidth.of(String(rest)) > width {
            var used = 0
            var end = rest.startIndex
            var lastBreak: Substring.Index?
            for index in rest.indices {
                let characterWidth = DisplayWidth.of(rest[index])
                if used + characterWidth > width { break }
                used += characterWidth
                end = rest.index(after: index)
                if rest[index] == "/" || rest[index] == ":" { lastBreak = end }
            }
            let cut = lastBreak ?? end
            guard cut > rest.startIndex else { break }
            pieces.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        pieces.append(String(rest))
        return pieces
    }
}
