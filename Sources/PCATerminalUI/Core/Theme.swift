/// What the terminal can show: colours, UTF-8 symbols.
public struct Theme: Sendable, Hashable {
    public var color: Bool
    public var unicode: Bool

    public init(color: Bool, unicode: Bool) {
        self.color = color
        self.unicode = unicode
    }

    /// The style with colours dropped when the terminal has none (emphasis stays).
    public func style(_ style: CellStyle) -> CellStyle {
        guard !color else { return style }
        var mono = style
        mono.foreground = .default
        mono.background = .default
        return mono
    }

    public func symbol(_ unicodeForm: String, _ asciiForm: String) -> String {
        unicode ? unicodeForm : asciiForm
    }

    public var marker: String { symbol("▶", ">") }
    public var horizontal: String { symbol("─", "-") }
    public var vertical: String { symbol("│", "|") }
    public var ellipsis: String { symbol("…", "...") }
}
