import Foundation
import PCAClient

/// The one definition of a failed renewal, and of which failures a retry (RenewCertificate) can fix. The
/// list's counts, the detail, the retry planner and `acm-renewal retry` all ask it.
public enum FailedRenewal {
    /// ACM's failure reasons that a retry repeats rather than fixes: the CA's certificate ends before the
    /// renewed certificate would.
    public static let notFixedByRetry: Set<String> = ["PCA_INVALID_DURATION"]

    /// True for an issued certificate whose last managed renewal failed: what ACM reports as needing work.
    public static func isFailed(_ certificate: ACMCertificate) -> Bool {
        certificate.status == "ISSUED" && certificate.renewalSummary?.renewalStatus == "FAILED"
    }

    /// Why retrying this failed renewal cannot help, or nil when a retry may succeed.
    public static func retryBlocker(_ certificate: ACMCertificate, now: Date) -> String? {
        guard isFailed(certificate) else { return "its renewal has not failed" }
        if let notAfter = certificate.notAfter, notAfter <= now { return "it has expired; ACM renews only before expiry" }
        if let reason = certificate.renewalSummary?.renewalStatusReason, notFixedByRetry.contains(reason) {
            return "it failed with \(reason): the CA's certificate ends before a renewal would"
        }
        return nil
    }

    /// The failed renewals among `certificates` that belong to `certificateAuthorityArn`.
    public static func of(_ certificateAuthorityArn: String, in certificates: [ACMCertificate]) -> [ACMCertificate] {
        certificates.filter { $0.certificateAuthorityArn == certificateAuthorityArn && isFailed($0) }
    }

    /// The CA's failed renewals, read from ACM: SearchCertificates narrows the search where it is allowed,
    /// each hit is described; where SearchCertificates is denied or unknown, every certificate is described.
    /// Bounded like every ACM listing: `truncatedAt` says where it stopped.
    public static func find(certificateAuthorityArn: String, acm: ACMClient, concurrency: Int = 8,
                            bounds: ACMListingBounds = .standard) async throws -> ACMCertificateListing {
        var found: [String] = []
        var truncatedAt: Int?
        do {
            search: for try await page in acm.searchPrivateCertificates(renewalStatus: "FAILED") {
                for arn in (page.results ?? []).compactMap(\.certificateArn) {
                    guard found.count < bounds.maximumCertificates else {
                        truncatedAt = found.count
                        break search
                    }
                    found.append(arn)
                }
            }
        } catch let error as AWSError where ACMCertificateReader.meansUnavailable(error) {
            var listing = try await acm.privateCertificates(concurrency: concurrency, bounds: bounds)
            listing.certificates = of(certificateAuthorityArn, in: listing.certificates)
            return listing
        }
        var described: [ACMCertificate] = []
        for arn in found {
            described.append(try await acm.describeCertificate(arn: arn))
        }
        return ACMCertificateListing(certificates: of(certificateAuthorityArn, in: described), truncatedAt: truncatedAt)
    }
}
