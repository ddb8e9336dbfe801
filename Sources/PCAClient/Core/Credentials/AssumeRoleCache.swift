import Foundation
import PCACrypto
#if canImport(Glibc)
import Glibc
#endif

/// The AWS CLI's cache of assumed-role credentials, `~/.aws/cli/cache/<key>.json`, shared both ways: role
/// keys the CLI got (after an MFA code, say) are used here without asking again, and keys got here serve
/// the CLI. Same file names, contents and 15-minute expiry window as botocore's AssumeRoleCredentialFetcher
/// with the CLI's JSONFileCache.
public struct AssumeRoleCache: Sendable {
    public let directory: String
    private let now: @Sendable () -> Date

    /// botocore's DEFAULT_EXPIRY_WINDOW_SECONDS: cached keys this close to expiry are not used.
    public static let expiryWindow: TimeInterval = 15 * 60

    public init(directory: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.directory = directory
        self.now = now
    }

    /// The CLI's cache under `HOME`; nil without a home directory.
    public init?(environment: [String: String], now: @escaping @Sendable () -> Date = Date.init) {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        self.init(directory: home + "/.aws/cli/cache", now: now)
    }

    /// The file name botocore derives from the AssumeRole arguments: SHA-1 of `json.dumps(args,
    /// sort_keys=True)`. The session name counts only when the profile sets one (a generated one changes).
    public static func key(_ input: STSClient.AssumeRoleInput, sessionNameFromProfile: Bool) -> String {
        var members: [(String, String)] = [("RoleArn", PythonJSON.string(input.roleARN))]
        if sessionNameFromProfile { members.append(("RoleSessionName", PythonJSON.string(input.sessionName))) }
        if let externalID = input.externalID { members.append(("ExternalId", PythonJSON.string(externalID))) }
        if let serial = input.mfaSerial { members.append(("SerialNumber", PythonJSON.string(serial))) }
        if let duration = input.durationSeconds { members.append(("DurationSeconds", String(duration))) }
        let json = "{" + members.sorted { $0.0 < $1.0 }.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
        return SHA1.hash(json).hexString
    }

    /// Cached keys for `key`, unless missing, unreadable or within the expiry window.
    public func load(key: String, source: String) -> AWSCredentials? {
        guard let data = FileManager.default.contents(atPath: path(key)),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let credentials = object["Credentials"] as? [String: Any],
              let keyID = credentials["AccessKeyId"] as? String,
              let secret = credentials["SecretAccessKey"] as? String,
              let token = credentials["SessionToken"] as? String,
              let expirationText = credentials["Expiration"] as? String,
              let expiration = Self.parseExpiration(expirationText),
              expiration.timeIntervalSince(now()) >= Self.expiryWindow else { return nil }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token,
                              expiration: expiration, source: source + " (AWS CLI cache)")
    }

    /// Writes the keys as the CLI does (an AssumeRole answer's `Credentials`), atomically and readable by
    /// the owner only. Failing to cache is not an error: the keys are still used.
    public func store(key: String, credentials: AWSCredentials) {
        guard let token = credentials.sessionToken, let expiration = credentials.expiration else { return }
        let document: [String: Any] = ["Credentials": [
            "AccessKeyId": credentials.accessKeyID, "SecretAccessKey": credentials.secretAccessKey,
            "SessionToken": token, "Expiration": AWSTimestamp.iso8601(expiration),
        ]]
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]) else { return }
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])) != nil else { return }
        let temporary = path(key) + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        if written == data.count {
            rename(temporary, path(key))
        } else {
            unlink(temporary)
        }
    }

    private func path(_ key: String) -> String {
        directory + "/" + key + ".json"
    }

    /// botocore writes `2026-11-29T08:33:47UTC` (strftime with %Z); others `Z` or `+00:00`.
    static func parseExpiration(_ text: String) -> Date? {
        let normalized = text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text
        return AWSTimestamp.parseISO8601(normalized)
    }
}

/// Python's `json.dumps` for one string (ensure_ascii): the cache key must hash the very same bytes.
enum PythonJSON {
    static func string(_ text: String) -> String {
        var result = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x08: result += "\\b"
            case 0x0C: result += "\\f"
            case 0x20..<0x7F, 0x7F: result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: result += String(format: "\\u%04x", unit)
            }
        }
        return result + "\""
    }
}
