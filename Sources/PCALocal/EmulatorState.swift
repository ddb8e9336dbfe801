import Foundation
import PCAClient

/// An IAM user of the emulated account: access key, secret, optional session token and an allow-list of
/// actions (`acm-pca:List*`, `acm-pca:IssueCertificate`, `*`).
public struct EmulatedUser: Codable, Sendable, Hashable {
    public var name: String
    public var accessKeyID: String
    public var secretAccessKey: String
    /// When set, the key is a temporary one: every request must carry this token.
    public var sessionToken: String?
    public var allowedActions: [String]

    public init(name: String, accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                allowedActions: [String]) {
        self.name = name
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.allowedActions = allowedActions
    }

    /// True when an allow-list pattern matches `service:action`.
    public func isAllowed(_ action: String) -> Bool {
        allowedActions.contains { pattern in
            if pattern == "*" { return true }
            if pattern.hasSuffix("*") { return action.hasPrefix(pattern.dropLast()) }
            return pattern == action
        }
    }
}

/// A certificate the emulated CA issued.
public struct IssuedCertificate: Codable, Sendable, Hashable {
    public var serial: String
    public var subject: String
    public var notBefore: Date
    public var notAfter: Date
    public var certificate: String
    /// The IssueCertificate IdempotencyToken and when the request came: the same token within five minutes
    /// returns this certificate again.
    public var idempotencyToken: String?
    public var issuedAt: Date?
}

/// One CA and everything attached to it.
public struct StoredAuthority: Codable, Sendable, Hashable {
    public var authority: CertificateAuthority
    public var permissions: [Permission] = []
    public var policy: String?
    public var tags: [Tag] = []
    public var certificates: [String: IssuedCertificate] = [:]
    /// The status before deletion, restored by RestoreCertificateAuthority.
    public var statusBeforeDeletion: CAStatus?
    public var idempotencyToken: String?

    public init(authority: CertificateAuthority, permissions: [Permission] = [], policy: String? = nil,
                tags: [Tag] = []) {
        self.authority = authority
        self.permissions = permissions
        self.policy = policy
        self.tags = tags
    }

    public var arn: String { authority.arn ?? "" }
}

/// Everything the emulator knows. Saved as JSON when a state file is used.
public struct EmulatorState: Codable, Sendable, Hashable {
    public var account: String
    public var region: String
    public var users: [EmulatedUser]
    /// CAs in creation order (ListCertificateAuthorities returns them in this order).
    public var authorities: [StoredAuthority]

    public init(account: String, region: String, users: [EmulatedUser], authorities: [StoredAuthority]) {
        self.account = account
        self.region = region
        self.users = users
        self.authorities = authorities
    }


    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    /// Loads a state file. A file that does not parse is an error: it is never replaced.
    public static func load(from path: String) throws -> EmulatorState {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(EmulatorState.self, from: data)
        } catch {
            throw StateFileError.corrupt(path: path, detail: "\(error)")
        }
    }

    /// Writes the state to a temporary file next to `path`, then renames it over `path`, so a reader (or a
    /// kill at any moment) sees either the old file or the new one, never half of one.
    public func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        let data = try Self.encoder.encode(self)
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw StateFileError.unwritable(path: temporary.path)
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw StateFileError.unwritable(path: path)
        }
    }
}

public enum StateFileError: Error, CustomStringConvertible {
    case corrupt(path: String, detail: String)
    case unwritable(path: String)

    public var description: String {
        switch self {
        case let .corrupt(path, detail):
            return "the state file \(path) is not a valid emulator state (left untouched): \(detail)"
        case let .unwritable(path):
            return "cannot write the state file \(path)"
        }
    }
}
