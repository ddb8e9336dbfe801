import Foundation
import PCAClient

/// The ACM certificates one CA issued and ACM renews through it, most urgent first, with the counts an admin
/// asks about: how many, how many in use, how many due within 60 days (ACM's renewal window), how many
/// renewals failed and why, which are pending, which are not eligible, and when the next renewal is due.
public struct CACertificates: Sendable, Hashable {
    public static let renewalWindowDays = 60

    public var certificateAuthorityArn: String
    /// Failed renewals first, then pending ones, then by expiry; expired certificates last.
    public var certificates: [ACMCertificate]
    /// Issued certificates in use by an AWS service.
    public var inUse = 0
    public var dueWithinWindow = 0
    public var pendingAutoRenewal = 0
    public var ineligible = 0
    /// Failed renewals of certificates still issued, by FailureReason (`PCA_ACCESS_DENIED`: 3).
    public var failedByReason: [String: Int] = [:]
    /// When ACM next starts renewing one of them (60 days before the earliest expiry).
    public var nextRenewal: Date?

    public var total: Int { certificates.count }
    public var failed: Int { failedByReason.values.reduce(0, +) }

    public init(certificateAuthorityArn: String, certificates: [ACMCertificate], now: Date) {
        self.certificateAuthorityArn = certificateAuthorityArn
        let window = Double(Self.renewalWindowDays) * 86_400
        for certificate in certificates {
            let live = certificate.status == "ISSUED"
            if live, certificate.isInUse { inUse += 1 }
            if certificate.renewalEligibility == "INELIGIBLE" { ineligible += 1 }
            guard live, let notAfter = certificate.notAfter else { continue }
            if notAfter.timeIntervalSince(now) <= window { dueWithinWindow += 1 }
            switch certificate.renewalSummary?.renewalStatus {
            case "PENDING_AUTO_RENEWAL"?: pendingAutoRenewal += 1
            default: break
            }
            if FailedRenewal.isFailed(certificate) {
                failedByReason[certificate.renewalSummary?.renewalStatusReason ?? "OTHER", default: 0] += 1
            }
            let starts = notAfter.addingTimeInterval(-window)
            nextRenewal = min(nextRenewal ?? starts, starts)
        }
        self.certificates = certificates.sorted { Self.urgency($0) < Self.urgency($1) }
    }

    private static func urgency(_ certificate: ACMCertificate) -> (Int, Double) {
        let expiry = certificate.notAfter?.timeIntervalSince1970 ?? .greatestFiniteMagnitude
        guard certificate.status == "ISSUED" else { return (3, expiry) }
        if FailedRenewal.isFailed(certificate) { return (0, expiry) }
        return certificate.renewalSummary?.renewalStatus == "PENDING_AUTO_RENEWAL" ? (1, expiry) : (2, expiry)
    }

    /// The certificates grouped by the CA that issued them.
    public static func group(_ certificates: [ACMCertificate], now: Date) -> [String: CACertificates] {
        Dictionary(grouping: certificates) { $0.certificateAuthorityArn ?? "" }
            .filter { !$0.key.isEmpty }
            .mapValues { CACertificates(certificateAuthorityArn: $0.first?.certificateAuthorityArn ?? "", certificates: $0, now: now) }
    }

    /// The certificates whose renewal failed and that are still issued: what a retry would renew.
    public var failedCertificates: [ACMCertificate] {
        certificates.filter(FailedRenewal.isFailed)
    }

    /// `14 ✗3`: the count, with the failed renewals marked.
    public func cell(failedMark: String) -> String {
        failed == 0 ? "\(total)" : "\(total) \(failedMark)\(failed)"
    }

    /// The certificates ACM would renew through this CA: issued, not yet expired, and eligible. What a revoke
    /// breaks.
    public func renewable(now: Date) -> [ACMCertificate] {
        certificates.filter { certificate in
            certificate.status == "ISSUED" && certificate.renewalEligibility != "INELIGIBLE"
                && (certificate.notAfter.map { $0 > now } ?? true)
        }
    }

    /// "ACM renews 14 certificates from this CA, 9 in use; after revoking, their renewals fail with
    /// PCA_ACCESS_DENIED; the next is due on 2027-01-03, in 33 days." Counts only what ACM would renew.
    public func blastRadius(now: Date) -> String {
        let live = renewable(now: now)
        guard !live.isEmpty else { return "ACM renews no certificate from this CA: revoking breaks no renewal." }
        let inUse = live.filter(\.isInUse).count
        var text = "ACM renews \(live.count) \(live.count == 1 ? "certificate" : "certificates") from this CA, \(inUse) in use; "
            + "after revoking, their renewals fail with PCA_ACCESS_DENIED"
        let window = Double(Self.renewalWindowDays) * 86_400
        if let next = live.compactMap(\.notAfter).min().map({ $0.addingTimeInterval(-window) }) {
            let days = ExpiryText.wholeDays(until: next, now: now)
            text += days <= 0 ? "; renewals are due now" : "; the next is due on \(AWSTimestamp.iso8601(next).prefix(10)), in \(days) days"
        }
        return text + "."
    }
}
