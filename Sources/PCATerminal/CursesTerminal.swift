import CNcurses
import Foundation
import PCATerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The only code that talks to ncurses: starts and restores the terminal, copies screen buffers to it
/// and decodes keys.
public final class CursesTerminal: TerminalDriver, ColorCapable {
    private let useColor: Bool
    private var pairs: [Int: Int16] = [:]
    private var nextPair: Int16 = 1
    private var stopped = false

    public let inputDescriptor: Int32 = STDIN_FILENO

    /// Whether the terminal can show colours (false with NO_COLOR, --no-color, or a monochrome terminal).
    public private(set) var hasColor = false

    /// True when the locale cannot show UTF-8: other characters are then drawn as `?` per column.
    private let asciiOnly: Bool

    public init(useColor: Bool, mouse: Bool) {
        self.useColor = useColor
        setlocale(LC_ALL, "")
        asciiOnly = String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8"
        pca_install_crash_handlers()
        initscr()
        cbreak()
        noecho()
        nonl()
        intrflush(pca_stdscr(), false)
        keypad(pca_stdscr(), true)
        nodelay(pca_stdscr(), true)
        curs_set(0)
        // Esc must act at once; arrows still decode, since terminals send their bytes together.
        pca_set_escdelay(25)
        if useColor, has_colors() {
            start_color()
            use_default_colors()
            hasColor = true
        }
        if mouse {
            mousemask(pca_wheel_up() | pca_wheel_down() | pca_button1_clicked(), nil)
        }
    }

    deinit {
        stop()
    }

    public var size: (width: Int, height: Int) {
        (Int(pca_cols()), Int(pca_lines()))
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
    }

    public func writeRaw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func draw(_ buffer: ScreenBuffer) {
        let screen = pca_stdscr()
        for y in 0..<min(buffer.height, Int(pca_lines())) {
            var x = 0
            while x < min(buffer.width, Int(pca_cols())) {
                let style = buffer[x, y].style
                var run = ""
                let start = x
                while x < buffer.width, buffer[x, y].style == style {
                    let cell = buffer[x, y]
                    if asciiOnly {
                        run += cell.text.unicodeScalars.allSatisfy(\.isASCII) && !cell.isContinuation ? cell.text : "?"
                    } else if !cell.isContinuation {
                        run += cell.text
                    }
                    x += 1
                }
                wattrset(screen, Int32(attributes(style)))
                // The bottom-right cell cannot be written without scrolling; ncurses reports ERR and that is fine.
                _ = mvwaddstr(screen, Int32(y), Int32(start), run)
            }
        }
        wattrset(screen, 0)
        wnoutrefresh(screen)
        doupdate()
    }

    public func readKeys() -> [Key?] {
        var keys: [Key?] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(pca_stdscr(), &character)
            if result == ERR { break }
            if result == pca_key_code_yes() {
                if Int32(character) == pca_key_resize() {
                    keys.append(nil)
                } else if let key = Self.functionKey(Int32(character)) {
                    keys.append(key)
                }
                continue
            }
            if let key = Self.characterKey(UInt32(character)) { keys.append(key) }
        }
        return keys
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 0x1B: return .escape
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_MOUSE: return mouseKey()
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// With --mouse: the wheel scrolls like the arrow keys; a left click selects (or opens) a row.
    private static func mouseKey() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        if event.bstate & pca_wheel_up() != 0 { return .up }
        if event.bstate & pca_wheel_down() != 0 { return .down }
        if event.bstate & pca_button1_clicked() != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
        return nil
    }

    private func attributes(_ style: CellStyle) -> UInt {
        var attributes: UInt = 0
        if style.bold { attributes |= UInt(pca_a_bold()) }
        if style.reverse { attributes |= UInt(pca_a_reverse()) }
        if style.dim { attributes |= UInt(pca_a_dim()) }
        if style.underline { attributes |= UInt(pca_a_underline()) }
        if hasColor, style.foreground != .default || style.background != .default {
            attributes |= UInt(pca_color_pair(Int32(pair(style.foreground, style.background))))
        }
        return attributes
    }

    private func pair(_ foreground: TerminalColor, _ background: TerminalColor) -> Int16 {
        let key = Int(foreground.rawValue) * 16 + Int(background.rawValue)
        if let existing = pairs[key] { return existing }
        guard Int32(nextPair) < pca_color_pairs() else { return 0 }
        let number = nextPair
        nextPair += 1
        init_pair(number, Self.cursesColor(foreground), Self.cursesColor(background))
        pairs[key] = number
        return number
    }

    private static func cursesColor(_ color: TerminalColor) -> Int16 {
        switch color {
        case .default: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }
}
