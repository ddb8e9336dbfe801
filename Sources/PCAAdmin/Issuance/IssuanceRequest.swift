import Foundation
import PCAClient
import PCAX509

/// What an issuer asks for: a certificate for this CSR, by this template, for this long.
public struct IssuanceRequest: Sendable, Hashable {
    public enum ValidityChoice: Sendable, Hashable {
        case days(Int)
        case endDate(Date)
    }

    public var csr: CertificationRequest
    /// Where the CSR was read from, for the equivalent AWS CLI command (`fileb://PATH`).
    public var csrPath: String?
    public var template: CertificateTemplate
    public var validity: ValidityChoice
    /// nil: the CA's own signing algorithm.
    public var signingAlgorithm: SigningAlgorithm?
    public var idempotencyToken: String?

    public init(csr: CertificationRequest, csrPath: String? = nil, template: CertificateTemplate = .endEntity,
                validity: ValidityChoice = .days(365), signingAlgorithm: SigningAlgorithm? = nil, idempotencyToken: String? = nil) {
        self.csr = csr
        self.csrPath = csrPath
        self.template = template
        self.validity = validity
        self.signingAlgorithm = signingAlgorithm
        self.idempotencyToken = idempotencyToken
    }

    /// When the certificate would end if issued at `now`.
    public func notAfter(now: Date) -> Date {
        switch validity {
        case let .days(days): return now.addingTimeInterval(Double(days) * 86_400)
        case let .endDate(date): return date
        }
    }

    /// The API's Validity: DAYS, or END_DATE as YYYYMMDDHHMMSS (UTC).
    public var apiValidity: Validity {
        switch validity {
        case let .days(days): return Validity(value: Int64(days), type: .days)
        case let .endDate(date):
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMddHHmmss"
            return Validity(value: Int64(formatter.string(from: date)) ?? 0, type: .endDate)
        }
    }
}

/// The family a signing algorithm belongs to must be the CA key's: an RSA CA signs `SHA*WITHRSA`, an EC CA
/// `SHA*WITHECDSA`.
public enum SigningFamily: String, Sendable {
    case rsa = "RSA", ecdsa = "ECDSA", other

    public init(key: KeyAlgorithm) {
        if key.rawValue.hasPrefix("RSA_") { self = .rsa } else if key.rawValue.hasPrefix("EC_") { self = .ecdsa } else { self = .other }
    }

    public init(signing: SigningAlgorithm) {
        if signing.rawValue.hasSuffix("WITHRSA") { self = .rsa } else if signing.rawValue.hasSuffix("WITHECDSA") { self = .ecdsa } else { self = .other }
    }
}
