import Foundation
import PCAClient

/// A private certificate ACM issued from a CA (RequestCertificate) and manages: renews it through the CA
/// from 60 days before it expires, once it is in use or has been exported.
public struct ACMStoredCertificate: Codable, Sendable, Hashable {
    public var arn: String
    public var domainName: String
    public var certificateAuthorityArn: String
    public var keyAlgorithm: String
    public var status: String
    public var notBefore: Date?
    public var notAfter: Date?
    public var createdAt: Date
    /// AWS resources using it (a load balancer, say); in use or exported makes it eligible for renewal.
    public var inUseBy: [String]
    public var exported: Bool
    /// Days of validity a renewal gives it again.
    public var validityDays: Int
    public var renewalSummary: RenewalSummary?
    public var failureReason: String?
    public var idempotencyToken: String?
    /// The account the certificate belongs to; nil in state files from before it was recorded, when the ARN's
    /// account is the owner. A state file where the two differ is refused.
    public var account: String?
    /// RequestCertificate's SubjectAlternativeNames.
    public var subjectAlternativeNames: [String]?
    /// Who requested it (the caller's ARN): an IdempotencyToken is the same request only from the same caller.
    public var requestedBy: String?

    public init(arn: String, domainName: String, certificateAuthorityArn: String, keyAlgorithm: String = "RSA_2048",
                status: String = "ISSUED", notBefore: Date?, notAfter: Date?, createdAt: Date, inUseBy: [String] = [],
                exported: Bool = false, validityDays: Int = 395, renewalSummary: RenewalSummary? = nil,
                failureReason: String? = nil) {
        self.arn = arn
        self.domainName = domainName
        self.certificateAuthorityArn = certificateAuthorityArn
        self.keyAlgorithm = keyAlgorithm
        self.status = status
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.createdAt = createdAt
        self.inUseBy = inUseBy
        self.exported = exported
        self.validityDays = validityDays
        self.renewalSummary = renewalSummary
        self.failureReason = failureReason
    }

    public var isEligible: Bool { !inUseBy.isEmpty || exported }

    /// The account named in the ARN (`arn:aws:acm:REGION:ACCOUNT:certificate/ID`), or nil when it names none.
    public var arnAccount: String? {
        // On the UTF-8 bytes: every listing asks it of every certificate.
        let bytes = arn.utf8
        var field = 0
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
            field += 1
            if field == 4 { start = bytes.index(after: index) }
            if field == 5 {
                let account = bytes[start..<index]
                guard account.count == 12, account.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
                return String(decoding: account, as: UTF8.self)
            }
        }
        return nil
    }

    /// The account that owns the certificate: only that account's callers see it.
    public var ownerAccount: String? { account ?? arnAccount }

    /// ACM's CertificateStatus and RenewalStatus values (the model's enums).
    static let knownStatuses: Set<String> = ["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT",
                                             "REVOKED", "FAILED"]
    static let knownRenewalStatuses: Set<String> = ["PENDING_AUTO_RENEWAL", "PENDING_VALIDATION", "SUCCESS", "FAILED"]

    /// What makes this certificate impossible in ACM, or nil when it is sound: an unknown status or key
    /// algorithm, an ARN that names no account or another one than `account`, a date outside `saneDates`,
    /// a NotAfter not after its NotBefore, an issued certificate without dates, a validity no CA would give.
    func problem(saneDates: ClosedRange<Date>) -> String? {
        guard arn.hasPrefix("arn:"), arn.contains(":acm:"), arn.contains(":certificate/"), let arnAccount else {
            return "ACM certificate '\(arn)' has no valid certificate ARN with an account"
        }
        if let account, account != arnAccount {
            return "ACM certificate \(arn) belongs to account \(account), not to the account of its ARN"
        }
        guard Self.knownStatuses.contains(status) else { return "ACM certificate \(arn) has the unknown status '\(status)'" }
        if let renewal = renewalSummary?.renewalStatus, !Self.knownRenewalStatuses.contains(renewal) {
            return "ACM certificate \(arn) has the unknown renewal status '\(renewal)'"
        }
        guard ACMClient.allKeyTypes.contains(keyAlgorithm) else {
            return "ACM certificate \(arn) has the unknown key algorithm '\(keyAlgorithm)'"
        }
        let dates = [createdAt, notBefore, notAfter, renewalSummary?.updatedAt].compactMap { $0 }
        if let absurd = dates.first(where: { !saneDates.contains($0) }) {
            return "ACM certificate \(arn) has a date out of range (\(absurd.timeIntervalSince1970) seconds since 1970)"
        }
        if let notBefore, let notAfter, notAfter <= notBefore {
            return "ACM certificate \(arn) ends (NotAfter) before it begins (NotBefore)"
        }
        if ["ISSUED", "EXPIRED"].contains(status), notBefore == nil || notAfter == nil {
            return "ACM certificate \(arn) is \(status) without NotBefore and NotAfter"
        }
        guard (1...36_500).contains(validityDays) else {
            return "ACM certificate \(arn) has an implausible validity of \(validityDays) days"
        }
        return nil
    }

    /// DescribeCertificate's `Certificate`.
    /// When it was issued, as ACM reports it: for an issued (or since expired) certificate only.
    var issuedAt: Date? {
        status == "ISSUED" || status == "EXPIRED" ? notBefore : nil
    }

    /// The serial number as ACM writes it (`0a:1b:...`): the ARN's last twelve hex digits, so it is stable.
    var serialNumber: String {
        // Bytes, not Characters, for the ARNs the emulator makes (ASCII, where a byte is a Character unless it is the
        // CR of a CR LF): every search result carries one, for every page. Any other ARN (a state file may hold one)
        // keeps the Character rule, which counts and folds otherwise.
        guard arn.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            let hex = Array(arn.suffix(12).lowercased().filter(\.isHexDigit))
            let even = hex.count % 2 == 0 ? hex : ["0"] + hex
            return stride(from: 0, to: even.count, by: 2).map { String(even[$0...$0 + 1]) }.joined(separator: ":")
        }
        var hex: [UInt8] = []
        for byte in arn.utf8.suffix(12) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): hex.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): hex.append(byte + 0x20)
            default: break
            }
        }
        if hex.count % 2 == 1 { hex.insert(UInt8(ascii: "0"), at: 0) }
        var text: [UInt8] = []
        for (index, byte) in hex.enumerated() {
            if index > 0, index % 2 == 0 { text.append(UInt8(ascii: ":")) }
            text.append(byte)
        }
        return String(decoding: text, as: UTF8.self)
    }

    func detail(issuer: String) -> ACMCertificate {
        var certificate = ACMCertificate(certificateArn: arn, domainName: domainName, status: status, type: "PRIVATE",
                                         keyAlgorithm: keyAlgorithm, notBefore: notBefore, notAfter: notAfter, inUseBy: inUseBy,
                                         renewalEligibility: isEligible ? "ELIGIBLE" : "INELIGIBLE",
                                         renewalSummary: renewalSummary, certificateAuthorityArn: certificateAuthorityArn)
        certificate.createdAt = createdAt
        certificate.issuedAt = issuedAt
        certificate.failureReason = failureReason
        certificate.subject = "CN=\(domainName)"
        certificate.serial = serialNumber
        _ = issuer
        return certificate
    }
}
