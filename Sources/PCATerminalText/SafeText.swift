/// Text from a server, made safe to write to a terminal: control characters (escape, bell, newline,
/// C1 controls), bidi overrides and invisible characters (zero-width spaces and joiners, line and paragraph
/// separators, the byte-order mark) are shown escaped as `\e`, `\n`, `\u{202E}`, so a CA subject can never
/// move the cursor, change colours, retitle the window or hide what it says.
///
/// This is the one sanitiser for everything bound for a terminal: the UI's cells, the commands' tables, CSV
/// fields, messages on standard error and the `--debug` dump. `keepingLineBreaks` lets a multi-line message
/// keep its `\n` line ends (every other control character is still escaped).
public enum SafeText {
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Most server text is printable ASCII: hand it back without building a new string.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingLineBreaks && $0 == 0x0A) }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B: result += "\\e"
            case 0x0A: result += keepingLineBreaks ? "\n" : "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case _ where isUnsafe(scalar):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True for what must never reach a terminal, a log, a CSV or a clipboard raw: C0 and C1 controls and DEL;
    /// the bidi overrides, isolates and marks that reorder text (U+061C, U+200E, U+200F, U+202A-U+202E,
    /// U+2066-U+2069); the invisible characters that hide or split text (zero-width space, joiners U+200B-U+200D,
    /// word joiner and invisible operators U+2060-U+2064, the byte-order mark U+FEFF); and the line and
    /// paragraph separators U+2028 and U+2029, which editors, JavaScript and some terminals take as line ends.
    /// The one definition, for this escaping, JSON's, the audit log's and the clipboard's.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x061C, 0x200B...0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x2064,
             0x2066...0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// The first character of `text` that `isUnsafe`, or nil when there is none.
    public static func firstUnsafe(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isUnsafe)
    }

    /// `text` escaped, then cut or padded to exactly `width` columns; a cut is marked with `ellipsis`.
    /// `truncateMiddle` keeps the start and the end (`Example Corp…A - Web`), so names that differ only at the
    /// end stay apart.
    public static func fitted(_ text: String, width: Int, ellipsis: String = "…", alignRight: Bool = false,
                              truncateMiddle: Bool = false) -> String {
        guard width > 0 else { return "" }
        let safe = escaped(text)
        let total = DisplayWidth.of(safe)
        if total <= width {
            let padding = String(repeating: " ", count: width - total)
            return alignRight ? padding + safe : safe + padding
        }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        if truncateMiddle, width - ellipsisWidth >= 6 {
            let tailWidth = (width - ellipsisWidth) / 3
            var tail = ""
            var used = 0
            for character in safe.reversed() {
                let characterWidth = DisplayWidth.of(character)
                if used + characterWidth > tailWidth { break }
                tail.insert(character, at: tail.startIndex)
                used += characterWidth
            }
            let head = fitted(safe, width: width - ellipsisWidth - used, ellipsis: "")
                .trimmingTrailingSpaces(keeping: width - ellipsisWidth - used)
            return head + ellipsis + tail
        }
        var result = ""
        var used = 0
        for character in safe {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - ellipsisWidth { break }
            result.append(character)
            used += characterWidth
        }
        result += ellipsis
        used += ellipsisWidth
        return result + String(repeating: " ", count: max(0, width - used))
    }
}

private extension String {
    /// The string padded back to `width` columns after a cut (a wide character may leave one column).
    func trimmingTrailingSpaces(keeping width: Int) -> String {
        let columns = DisplayWidth.of(self)
        return columns < width ? self + String(repeating: " ", count: width - columns) : self
    }
}
