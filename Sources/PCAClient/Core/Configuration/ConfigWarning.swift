/// Something in a config file that was not understood, or that the AWS CLI reads differently from what it
/// looks like; shown to the user, never silently ignored.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as it was opened.
    public var file: String
    /// The 1-based line, or nil for the file as a whole.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, as compilers write it.
    public var description: String {
        guard let line else { return "\(file): \(message)" }
        return "\(file):\(line): \(message)"
    }
}
