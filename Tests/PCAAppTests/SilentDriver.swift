import PCATerminalUI

/// A terminal that shows nothing and types nothing: the effect runner's tests need one to run effects.
final class SilentDriver: TerminalDriver {
    var size: (width: Int, height: Int) { (80, 24) }
    var inputDescriptor: Int32 { -1 }
    func draw(_ buffer: ScreenBuffer) {}
    func readKeys() -> [Key?] { [] }
    func writeRaw(_ text: String) {}
    func stop() {}
}
