import Foundation
import PCATerminalText

/// Where a command writes: standard output for results, standard error for messages. Tests capture both.
public struct CommandOutput: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether standard input and output are a terminal (confirmations need one).
    public var isInteractive: Bool
    /// Asks a yes/no question on the terminal; nil when there is none.
    public var confirm: (@Sendable (String) -> Bool)?

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                isInteractive: Bool = false, confirm: (@Sendable (String) -> Bool)? = nil) {
        self.out = out
        self.err = err
        self.isInteractive = isInteractive
        self.confirm = confirm
    }

    /// Standard output and error. Everything passes `SafeText` on its way out (line breaks kept), so no
    /// escape sequence from a server, a config file or an error message reaches the terminal, whichever code
    /// path printed it.
    public static let standard = writing(out: .standardOutput, err: .standardError, isInteractive: isatty(0) == 1 && isatty(1) == 1,
                                         confirm: { question in
        FileHandle.standardError.write(Data("\(SafeText.escaped(question)) [y/N] ".utf8))
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    })

    /// Output to two open files, each text through `SafeText` (line breaks kept).
    static func writing(out: FileHandle, err: FileHandle, isInteractive: Bool = false,
                        confirm: (@Sendable (String) -> Bool)? = nil) -> CommandOutput {
        CommandOutput(out: { out.write(Data(SafeText.escaped($0, keepingLineBreaks: true).utf8)) },
                      err: { err.write(Data(SafeText.escaped($0, keepingLineBreaks: true).utf8)) },
                      isInteractive: isInteractive, confirm: confirm)
    }
}

/// How a command ended; the README and `--help` show the same table (`ExitStatus.table`).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything planned was done and verified (a dry run too).
    case success = 0
    /// An AWS or network error stopped it.
    case failure = 1
    case usage = 2
    /// `report` found something.
    case findings = 3
    /// Nothing was sent: declined, read-only, or everything refused.
    case refused = 4
    /// Partly done: some CAs changed, others were refused, unreadable or failed.
    case partial = 5
    /// Changed, not verified: AWS accepted every change, but reading one back failed.
    case notVerified = 6

    /// The exit-code table of `--help` and the README.
    public static let table = """
          0  everything planned was done and verified (a --dry-run too)
          1  an AWS or network error stopped it (code and message on stderr)
          2  a usage error
          3  report found something
          4  nothing was sent: declined, read-only, or everything refused
          5  partly done: some CAs changed, others were refused, unreadable or failed
          6  changed, not verified: AWS accepted the change, reading it back failed
        128+N  ended by signal N after the change in flight finished and was journaled
        """
}

/// A failure that ends a command with a message on standard error.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
