/// The real terminal, as the runtime sees it. The ncurses driver implements it; tests use a recording fake.
public protocol TerminalDriver: AnyObject {
    /// The terminal's size now.
    var size: (width: Int, height: Int) { get }
    /// The file descriptor to wait on for input.
    var inputDescriptor: Int32 { get }
    /// Shows `buffer`.
    func draw(_ buffer: ScreenBuffer)
    /// Every key already typed, without waiting. A resize shows up as `nil` in the list.
    func readKeys() -> [Key?]
    /// Writes bytes straight to the terminal (OSC 52 clipboard).
    func writeRaw(_ text: String)
    /// Gives the terminal back in the state it was found.
    func stop()
}

/// A driver that knows whether the terminal shows colours.
public protocol ColorCapable {
    var hasColor: Bool { get }
}
