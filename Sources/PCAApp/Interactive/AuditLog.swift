import Foundation

/// Appends one JSON line per write to `$XDG_STATE_HOME/pca-tui/audit.log` (default
/// `~/.local/state/pca-tui/audit.log`): who, when, which CA, what, the AWS request ids and the result.
public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The audit log's path. Demo-mode writes go to `demo-audit.log` beside it, never into the real one.
    public static func defaultPath(environment: [String: String], demo: Bool = false) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + (demo ? "/pca-tui/demo-audit.log" : "/pca-tui/audit.log")
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var time: String
        public var caller: String
        public var profile: String
        public var region: String
        public var certificateAuthorityArn: String
        public var action: String
        public var result: String
        public var change: String?
        public var errorCode: String?
        public var errorMessage: String?
        public var requestIds: [String]
        public var before: String?
        public var after: String?
        /// The ACM certificate, for a renewal retry.
        public var certificateArn: String?
    }

    /// Appends `entry`; the directory is created on first use. The log and its folder are kept private
    /// (0600 and 0700, also when they existed with wider modes), and a symlink in the log's place is refused.
    /// Failures are returned, never thrown, so a read-only home directory cannot break a save that already
    /// happened.
    @discardableResult
    public func append(_ entry: Entry) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let encoded = try? encoder.encode(entry) else { return false }
        // Error messages come from the server: C1 controls, bidi overrides and invisible characters
        // (`SafeText.isUnsafe`) leave as \u escapes, so `cat audit.log` cannot drive the terminal and U+2028
        // cannot split a line (JSONEncoder escapes only the C0 controls).
        var line = Data(JSONOutput.terminalSafe(String(decoding: encoded, as: UTF8.self)).utf8)
        line.append(0x0a)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        chmod(directory, 0o700)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        fchmod(fd, 0o600)
        return line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
    }
}
