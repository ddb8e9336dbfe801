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
    /// Draws a styled line from column `x`, clipped to `width` columns.
    mutating func draw(_ line: StyledLine, x: Int, y: Int, width: Int) {
        var column = x
        for segment in line.segments {
            let remaining = x + width - column
            guard remaining > 0 else { return }
            column += put(segment.text, x: column, y: y, style: segment.style, limit: remaining)
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
                while DisplayWidth.of(word) > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    let head = SafeText.fitted(word, width: width, ellipsis: "")
                    lines.append(head)
                    word = String(word.dropFirst(head.trimmingCharacters(in: .whitespaces).count))
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
}
