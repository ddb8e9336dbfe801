import Foundation
import PCATerminalText
#if canImport(Glibc)
import Glibc
#endif

/// The write-ahead journal of changes, one JSON line each, at `$XDG_STATE_HOME/pca-tui/audit.log` (default
/// `~/.local/state/pca-tui/audit.log`). Every change writes an `intent` line (what will be sent, the state
/// before) before its first request and an `outcome` line (the state after, request ids, verified or not)
/// after it; refusals write a `refused` line. An intent without an outcome is a change that was interrupted:
/// the next start reports it once and writes a `recovered` line.
public struct Journal: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The journal's path. Demo-mode writes go to `demo-audit.log` beside it, never into the real one.
    public static func defaultPath(environment: [String: String], demo: Bool = false) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + (demo ? "/pca-tui/demo-audit.log" : "/pca-tui/audit.log")
    }

    public enum Phase: String, Codable, Sendable {
        /// Before the first request: what will be sent and the state before.
        case intent
        /// One step's result inside a change (a certificate of a retry).
        case step
        /// After the last request: the state read back, request ids, verified or not.
        case outcome
        /// Refused before anything was sent.
        case refused
        /// An interrupted change, reported at a later start with the state then read.
        case recovered
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var time: String
        public var phase: Phase?
        /// Links an intent to its outcome.
        public var changeId: String?
        /// The process that wrote an intent: a live process's intent is not interrupted.
        public var pid: Int32?
        public var caller: String
        public var profile: String
        /// The account changed; absent in entries written before estates.
        public var account: String?
        /// The role assumed in that account for the change; absent when the profile's own credentials were used.
        public var role: String?
        public var region: String
        public var certificateAuthorityArn: String
        public var action: String
        /// `planned` (intent), `success`, `not-verified`, `error`, `half-changed`, `refused`, `interrupted`.
        public var result: String
        public var change: String?
        /// The requests the intent will send, as AWS CLI commands.
        public var planned: [String]?
        public var errorCode: String?
        public var errorMessage: String?
        public var requestIds: [String]
        public var before: String?
        public var after: String?
        /// True once the state was read back and matched; false when the read-back failed.
        public var verified: Bool?
        /// The ACM certificate, for one certificate of a renewal retry.
        public var certificateArn: String?

        public init(time: String, phase: Phase? = nil, changeId: String? = nil, caller: String, profile: String,
                    account: String? = nil, role: String? = nil, region: String, certificateAuthorityArn: String,
                    action: String, result: String, requestIds: [String] = []) {
            self.time = time
            self.phase = phase
            self.changeId = changeId
            self.caller = caller
            self.profile = profile
            self.account = account
            self.role = role
            self.region = region
            self.certificateAuthorityArn = certificateAuthorityArn
            self.action = action
            self.result = result
            self.requestIds = requestIds
        }
    }

    /// Appends `entry` and syncs it to disk. The log and its folder are kept private (0600 and 0700, also
    /// when they existed with wider modes); a symlink, a device or anything but a regular file in the log's
    /// place is refused; a folder made read-only is not made writable. Throws when the line is not on disk: the
    /// pipeline then sends nothing.
    public func append(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded = try encoder.encode(entry)
        // Error messages come from the server: invisible and control characters leave as \u escapes, so
        // `cat audit.log` cannot drive the terminal.
        var line = Data(SafeText.jsonTerminalSafe(String(decoding: encoded, as: UTF8.self)).utf8)
        line.append(0x0a)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        // Narrowed, never widened: a folder the user made read-only stays read-only, and the line is refused.
        // A symlinked folder is left alone (its target is not ours to change), and only the permission bits are
        // narrowed: sticky and setgid bits are never cleared.
        var folder = stat()
        if lstat(directory, &folder) == 0, folder.st_mode & S_IFMT == S_IFDIR, folder.st_uid == getuid() {
            chmod(directory, (folder.st_mode & 0o7000) | (folder.st_mode & 0o700))
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { throw JournalError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw JournalError(path: path, reason: "not a regular file")
        }
        fchmod(fd, 0o600)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw JournalError(path: path, reason: written < 0 ? String(cString: strerror(errno)) : "short write")
        }
        guard fsync(fd) == 0 else { throw JournalError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Every entry that can be read; lines that are not entries are skipped. Reads at most the last 16 MiB.
    public func entries() -> [Entry] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let limit: UInt64 = 16 << 20
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > limit ? size - limit : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let decoder = JSONDecoder()
        return data.split(separator: 0x0a).compactMap { try? decoder.decode(Entry.self, from: $0) }
    }

    /// Intents without an outcome or a recovery note, of processes that are no longer running.
    public func interrupted() -> [Entry] {
        let all = entries()
        var closed = Set<String>()
        for entry in all where entry.phase == .outcome || entry.phase == .recovered {
            if let id = entry.changeId { closed.insert(id) }
        }
        return all.filter { entry in
            guard entry.phase == .intent, let id = entry.changeId, !closed.contains(id) else { return false }
            guard let pid = entry.pid else { return true }
            // A live process of another user answers EPERM: it is still running, its change is not interrupted.
            return pid != getpid() && kill(pid, 0) != 0 && errno != EPERM
        }
    }
}

/// The journal could not be written: the change was not sent.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "cannot write the audit journal \(path) (\(reason)); nothing was sent to AWS"
    }
}
