import PCAAdmin
import PCATerminalText

/// Terminal colours the UI uses; `.default` keeps the terminal's own colour (and background).
public enum TerminalColor: UInt8, Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks.
public struct CellStyle: Sendable, Hashable {
    public var foreground: TerminalColor = .default
    public var background: TerminalColor = .default
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false,
                reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = CellStyle()
}

/// One screen position: a grapheme and its style. A wide grapheme's right half is a continuation cell.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: CellStyle
    public var isContinuation: Bool

    public static let blank = Cell(text: " ", style: .plain, isContinuation: false)
}

/// The screen drawn in memory. Screens render into it; only the terminal driver copies it to ncurses, and
/// tests compare it with golden text.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(x: Int, y: Int, width fillWidth: Int, height fillHeight: Int, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + fillHeight) {
            for column in max(0, x)..<min(width, x + fillWidth) {
                cells[row * width + column] = Cell(text: " ", style: style, isContinuation: false)
            }
        }
    }

    /// Writes `text` (escaped first: no control character reaches a cell) at (x, y), clipped to `limit`
    /// columns and to the screen; returns the columns used. A wide character that does not fit whole is
    /// replaced by a space.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        if x >= 0, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII: one cell per byte, nothing to escape or measure.
            var column = x
            for byte in text.utf8 {
                guard column < end else { break }
                set(column, y, Cell(text: String(UnicodeScalar(byte)), style: style, isContinuation: false))
                column += 1
            }
            return column - x
        }
        var column = x
        for character in SafeText.escaped(text) {
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 { continue }
            if column + characterWidth > end {
                if column < end { set(column, y, Cell(text: " ", style: style, isContinuation: false)) }
                column = end
                break
            }
            if column >= 0 {
                set(column, y, Cell(text: String(character), style: style, isContinuation: false))
                if characterWidth == 2 { set(column + 1, y, Cell(text: "", style: style, isContinuation: true)) }
            }
            column += characterWidth
        }
        return max(0, column - x)
    }

    /// Changes the style of a run of cells, keeping their text.
    public mutating func restyle(x: Int, y: Int, width runWidth: Int, _ change: (inout CellStyle) -> Void) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + runWidth) {
            change(&cells[y * width + column].style)
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        // Overwriting half of a wide character blanks its other half, so no orphan half remains.
        let index = y * width + x
        if cells[index].isContinuation, x > 0 { cells[index - 1] = .blank }
        if !cells[index].isContinuation, DisplayWidth.of(cells[index].text) == 2, x + 1 < width {
            cells[index + 1] = .blank
        }
        cells[index] = cell
    }

    /// The text of each row, for golden files and tests.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !self[column, row].isContinuation {
                line += self[column, row].text
            }
            return line
        }
    }

    /// Text plus a style map: under each text row, one letter per column naming its style class, so a
    /// golden file shows colour and emphasis without escape codes.
    public func snapshot(withStyles: Bool) -> String {
        guard withStyles else { return lines.joined(separator: "\n") + "\n" }
        var out = ""
        for (row, line) in lines.enumerated() {
            out += "|" + line + "\n"
            out += ":" + (0..<width).map { Self.styleCode(self[$0, row].style) }.joined() + "\n"
        }
        return out
    }

    /// `.` plain; a colour letter (r g y b m c w k); uppercase when bold; `#` reverse; `_` dim.
    static func styleCode(_ style: CellStyle) -> String {
        if style.reverse { return "#" }
        if style.dim { return "_" }
        let letters: [TerminalColor: String] = [.red: "r", .green: "g", .yellow: "y", .blue: "b", .magenta: "m",
                                                .cyan: "c", .white: "w", .black: "k"]
        guard let letter = letters[style.foreground] else { return style.bold ? "*" : "." }
        return style.bold ? letter.uppercased() : letter
    }
}
