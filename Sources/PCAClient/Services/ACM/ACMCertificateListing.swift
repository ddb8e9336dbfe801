import Foundation

/// ACM's private certificates as far as they were read: every one, or the first ones when the service offered
/// more than a listing may hold (`truncatedAt` then says after how many it stopped). Truncation is data, not
/// an error, so a caller keeps what was read and says it is incomplete.
public struct ACMCertificateListing: Sendable, Hashable {
    public var certificates: [ACMCertificate]
    /// The count at which reading stopped, or nil when nothing was left out.
    public var truncatedAt: Int?
    /// How they were read.
    public var path: ACMReadPath

    public init(certificates: [ACMCertificate], truncatedAt: Int? = nil, path: ACMReadPath = .describedEach) {
        self.certificates = certificates
        self.truncatedAt = truncatedAt
        self.path = path
    }

    /// The words a face shows when the listing was cut short; nil when it is complete.
    public var truncationWarning: String? {
        truncatedAt.map { "ACM's certificates truncated at \($0): the service offered more than pca-tui holds; the counts are incomplete" }
    }
}

/// How ACM's certificates were read.
public enum ACMReadPath: Sendable, Hashable {
    /// ListCertificates, then one DescribeCertificate per certificate: where SearchCertificates is denied or unknown.
    case describedEach
    /// SearchCertificates pages, then DescribeCertificate only for the certificates whose CA or failure reason was
    /// needed (`described` of them).
    case searched(described: Int)

    /// Words for the debug log and the README's examples.
    public var words: String {
        switch self {
        case .describedEach: return "ListCertificates and one DescribeCertificate per certificate"
        case let .searched(described): return "SearchCertificates, \(described) described"
        }
    }
}

/// How much of ACM's listing one read may hold: the count of certificates (summaries listed, certificates
/// described) and the bytes of text they carry. Far above any real account (ACM's default quota is 2,500
/// certificates), low enough that a hostile or broken service cannot exhaust memory.
public struct ACMListingBounds: Sendable, Hashable {
    public var maximumCertificates: Int
    public var maximumBytes: Int

    public init(maximumCertificates: Int = 200_000, maximumBytes: Int = 24 << 20) {
        self.maximumCertificates = maximumCertificates
        self.maximumBytes = maximumBytes
    }

    public static let standard = ACMListingBounds()
}

extension ACMCertificate {
    /// The bytes of text this certificate holds, near enough to bound what a listing keeps in memory.
    public var textBytes: Int {
        let strings = [certificateArn, domainName, status, type, keyAlgorithm, renewalEligibility, certificateAuthorityArn,
                       failureReason, serial, subject, renewalSummary?.renewalStatus, renewalSummary?.renewalStatusReason]
        return strings.reduce(0) { $0 + ($1?.utf8.count ?? 0) } + (inUseBy ?? []).reduce(0) { $0 + $1.utf8.count + 16 } + 64
    }
}
