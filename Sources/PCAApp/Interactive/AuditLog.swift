import Foundation

/// Appends one JSON line per write to `$XDG_STATE_HOME/pca-tui/audit.log` (default
/// `~/.local/state/pca-tui/audit.log`): who, when, which CA, what, the AWS request ids and the result.
public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public static func defaultPath(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + "/pca-tui/audit.log"
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
    }

    /// Appends `entry`; the directory is created on first use. Failures are returned, never thrown, so a
    /// read-only home directory cannot break a save that already happened.
    @discardableResult
    public func append(_ entry: Entry) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { return false }
        line.append(0x0a)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
    }
}
