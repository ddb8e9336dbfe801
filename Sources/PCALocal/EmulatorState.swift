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
    /// The user's account when it is not the emulated account (a partner calling across accounts); nil is the
    /// emulated account.
    public var account: String?
    /// The AWS Organizations organization the user's account belongs to (`aws:PrincipalOrgID`).
    public var organizationID: String?

    public init(name: String, accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                allowedActions: [String], account: String? = nil, organizationID: String? = nil) {
        self.name = name
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.allowedActions = allowedActions
        self.account = account
        self.organizationID = organizationID
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

/// A certificate the emulated CA issued: X.509 PEM (simulated PEM in state files of versions before real X.509).
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
    /// Set by RevokeCertificate.
    public var revokedAt: Date?
    public var revocationReason: String?
}

/// A CreateCertificateAuthorityAuditReport request and where its report would be.
public struct AuditReport: Codable, Sendable, Hashable {
    public var id: String
    public var s3BucketName: String
    public var s3Key: String
    public var createdAt: Date
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
    /// The CA's private key: made when first needed (or a fixed demo key), kept here; the state file is 0600.
    public var key: CAKey?
    /// The CA's CSR (GetCertificateAuthorityCsr), signed by `key`.
    public var csr: String?
    /// The CA certificate and the chain above it (PEM): installed by ImportCertificateAuthorityCertificate, or
    /// made for a CA the seed created with a certificate (self-signed for a root, signed by its root otherwise).
    public var importedCertificate: String?
    public var importedChain: String?
    public var auditReports: [AuditReport]?

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
    /// ACM's private certificates issued from these CAs (nil in state files from before ACM was emulated).
    public var acmCertificates: [ACMStoredCertificate]?
    /// ACM's clock when the renewal engine last ran: the next run replays the daily attempts since then.
    public var acmEvaluatedAt: Date?
    /// CloudTrail's event history of this account and region, oldest first, at most `Emulator.trailCapacity`
    /// (nil in state files from before CloudTrail was emulated).
    public var cloudTrailEvents: [TrailRecord]?

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

    /// Loads a state file. A file that does not parse, or that parses into a state AWS could not be in
    /// (an unknown status, two CAs or ACM certificates with one ARN, dates outside years 1970 to 9999, an ACM
    /// certificate whose account is not its ARN's), is an error: it is never
    /// replaced. Temporary files a crash left beside it are removed first.
    public static func load(from path: String) throws -> EmulatorState {
        removeStaleTemporaries(of: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let state: EmulatorState
        do {
            state = try decoder.decode(EmulatorState.self, from: data)
        } catch {
            throw StateFileError.corrupt(path: path, detail: "\(error)")
        }
        if let problem = state.problem {
            throw StateFileError.corrupt(path: path, detail: problem)
        }
        return state
    }

    /// What makes this state impossible, or nil when it is sound.
    var problem: String? {
        let sane = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)
        var seen: Set<String> = []
        for stored in authorities {
            let arn = stored.arn
            guard !arn.isEmpty else { return "a CA without an ARN" }
            guard seen.insert(arn).inserted else { return "two CAs with the ARN \(arn)" }
            if let status = stored.authority.status, !CAStatus.allKnown.contains(status) {
                return "CA \(arn) has the unknown status '\(status.rawValue)'"
            }
            let dates = [stored.authority.createdAt, stored.authority.notBefore, stored.authority.notAfter,
                         stored.authority.lastStateChangeAt, stored.authority.restorableUntil].compactMap { $0 }
                + stored.permissions.compactMap(\.createdAt) + stored.certificates.values.flatMap { [$0.notBefore, $0.notAfter] }
            if let absurd = dates.first(where: { !sane.contains($0) }) {
                return "CA \(arn) has a date out of range (\(absurd.timeIntervalSince1970) seconds since 1970)"
            }
            if let notBefore = stored.authority.notBefore, let notAfter = stored.authority.notAfter, notAfter < notBefore {
                return "CA \(arn) ends (NotAfter) before it begins (NotBefore)"
            }
        }
        var certificateARNs: Set<String> = []
        for certificate in acmCertificates ?? [] {
            if let problem = certificate.problem(saneDates: sane) { return problem }
            guard certificateARNs.insert(certificate.arn).inserted else { return "two ACM certificates with the ARN \(certificate.arn)" }
        }
        if let evaluated = acmEvaluatedAt, !sane.contains(evaluated) {
            return "ACM's last evaluation is out of range (\(evaluated.timeIntervalSince1970) seconds since 1970)"
        }
        return nil
    }

    /// Writes the state to a private temporary file next to `path` (0600: it holds secret keys), flushes it
    /// to disk, renames it over `path` and flushes the folder, so a reader (or a crash at any moment) sees
    /// either the old file or the new one, never half of one; the temporary file never outlives a failure.
    public func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/" + Self.temporaryPrefix(of: path) + "\(getpid()).\(UUID().uuidString.prefix(8)).tmp"
        let data = try Self.encoder.encode(self)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StateFileError.unwritable(path: temporary) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw StateFileError.unwritable(path: path)
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private static func temporaryPrefix(of path: String) -> String {
        ".\((path as NSString).lastPathComponent)."
    }

    /// Removes `.NAME.PID.XXXX.tmp` files whose writer is no longer running (it crashed mid-save).
    static func removeStaleTemporaries(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = temporaryPrefix(of: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pid = name.dropFirst(prefix.count).split(separator: ".").first.flatMap { pid_t($0) }
            if let pid, pid != getpid(), kill(pid, 0) == 0 { continue }
            unlink((folder.isEmpty ? "." : folder) + "/" + name)
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
