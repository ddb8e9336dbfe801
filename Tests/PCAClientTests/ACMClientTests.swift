import Foundation
import PCAAdmin
@testable import PCAClient
import XCTest

/// The ACM client on the shared machinery, and the model of a CA's ACM certificates.
final class ACMClientTests: XCTestCase {
    private let acmEndpoint = ResolvedEndpoint(url: URL(string: "https://acm.us-east-1.amazonaws.com/")!, signingRegion: "us-east-1",
                                               isOverride: false)

    func testListCertificatesNamesEveryKeyTypeAndSignsForACM() async throws {
        let transport = RecordingTransport { request, index in
            index == 0 ? json(200, #"{"CertificateSummaryList":[{"CertificateArn":"arn:aws:acm:us-east-1:111122223333:certificate/a","Type":"PRIVATE"}],"NextToken":"n"}"#)
                : json(200, #"{"CertificateSummaryList":[]}"#)
        }
        let acm = ACMClient(sharing: makeClient(transport), endpoint: acmEndpoint)
        let summaries = try await acm.certificatePages().collect { $0.certificateSummaryList ?? [] }
        XCTAssertEqual(summaries.count, 1)
        let request = transport.requests[0]
        XCTAssertEqual(request.header("X-Amz-Target"), "CertificateManager.ListCertificates")
        XCTAssertEqual(request.url.host, "acm.us-east-1.amazonaws.com")
        XCTAssertTrue(request.header("Authorization")?.contains("/us-east-1/acm/aws4_request") ?? false)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        XCTAssertEqual((body["Includes"] as? [String: Any])?["keyTypes"] as? [String], ACMClient.allKeyTypes,
                       "without it ACM lists only RSA_1024 and RSA_2048 certificates")
        XCTAssertEqual(try JSONSerialization.jsonObject(with: transport.requests[1].body) as? NSDictionary,
                       ["Includes": ["keyTypes": ACMClient.allKeyTypes], "NextToken": "n"] as NSDictionary)
    }

    /// A listing that never ends stops at its bounds, keeps what it read and says where it stopped: at the
    /// count of summaries, at the bytes of the certificates described, or at the paginator's 1,000 pages.
    func testAnEndlessListingStopsAtItsBoundsAndSaysWhere() async throws {
        let transport = RecordingTransport { request, index in
            if request.header("X-Amz-Target") == "CertificateManager.ListCertificates" {
                return json(200, #"{"CertificateSummaryList":[{"CertificateArn":"arn:aws:acm:us-east-1:111122223333:certificate/\#(index)-a","Type":"PRIVATE"},"#
                            + #"{"CertificateArn":"arn:aws:acm:us-east-1:111122223333:certificate/\#(index)-b","Type":"PRIVATE"}],"NextToken":"t\#(index)"}"#)
            }
            return json(200, #"{"Certificate":{"CertificateArn":"arn:aws:acm:us-east-1:111122223333:certificate/x","Type":"PRIVATE","DomainName":"\#(String(repeating: "d", count: 1000))"}}"#)
        }
        let acm = ACMClient(sharing: makeClient(transport), endpoint: acmEndpoint)
        let counted = try await acm.privateCertificates(bounds: ACMListingBounds(maximumCertificates: 5, maximumBytes: 1 << 20))
        XCTAssertEqual(counted.certificates.count, 5)
        XCTAssertEqual(counted.truncatedAt, 5)
        XCTAssertTrue(counted.truncationWarning?.contains("truncated at 5") ?? false)
        let weighed = try await acm.privateCertificates(concurrency: 1, bounds: ACMListingBounds(maximumCertificates: 50, maximumBytes: 10_000))
        XCTAssertEqual(weighed.truncatedAt, weighed.certificates.count, "stopped describing at the bytes")
        XCTAssertLessThan(weighed.certificates.count, 50)
        let paged = try await acm.privateCertificates(concurrency: 16, bounds: ACMListingBounds(maximumCertificates: 100_000, maximumBytes: 1 << 30))
        XCTAssertEqual(paged.truncatedAt, 1998, "pages of 2: the paginator's guard ends the listing at its 1,000th page")
        XCTAssertEqual(paged.certificates.count, 1998, "what was read is kept")
    }

    func testTheACMEndpointFollowsItsOwnSettings() throws {
        let files = SharedConfigFiles()
        let fips = try ClientSettings(options: ClientOptions(region: "us-west-2"), environment: ["AWS_USE_FIPS_ENDPOINT": "true"],
                                      files: files)
        XCTAssertEqual(try fips.endpoint(forService: "acm", configKey: "acm", followServiceOverride: true).url.host,
                       "acm-fips.us-west-2.amazonaws.com")
        let override = try ClientSettings(options: ClientOptions(region: "us-east-1"),
                                          environment: ["AWS_ENDPOINT_URL_ACM": "https://acm.vpce.example.com"], files: files)
        XCTAssertEqual(try override.endpoint(forService: "acm", configKey: "acm", followServiceOverride: true).url.host,
                       "acm.vpce.example.com")
        XCTAssertEqual(override.endpoint.url.host, "acm-pca.us-east-1.amazonaws.com", "ACM's override is not ACM-PCA's")
    }

    private func certificate(_ domain: String, days: Int, status: String = "ISSUED", inUse: Bool = true,
                             renewal: String? = nil, reason: String? = nil, now: Date) -> ACMCertificate {
        ACMCertificate(certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/\(domain)", domainName: domain, status: status,
                       type: "PRIVATE", notAfter: now.addingTimeInterval(Double(days) * 86_400),
                       inUseBy: inUse ? ["arn:aws:elasticloadbalancing:lb"] : [],
                       renewalEligibility: inUse ? "ELIGIBLE" : "INELIGIBLE",
                       renewalSummary: renewal.map { RenewalSummary(renewalStatus: $0, renewalStatusReason: reason) },
                       certificateAuthorityArn: caARN)
    }

    func testGroupingCountsAndUrgency() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let certificates = [
            certificate("far.example.com", days: 300, now: now),
            certificate("soon.example.com", days: 33, renewal: "FAILED", reason: "PCA_ACCESS_DENIED", now: now),
            certificate("pending.example.com", days: 20, renewal: "PENDING_AUTO_RENEWAL", now: now),
            certificate("idle.example.com", days: 45, inUse: false, now: now),
            certificate("gone.example.com", days: -3, status: "EXPIRED", now: now),
            certificate("soon2.example.com", days: 50, renewal: "FAILED", reason: "PCA_ACCESS_DENIED", now: now),
        ]
        let group = CACertificates.group(certificates, now: now)[caARN]!
        XCTAssertEqual(group.total, 6)
        XCTAssertEqual(group.inUse, 4)
        XCTAssertEqual(group.dueWithinWindow, 4)
        XCTAssertEqual(group.failedByReason, ["PCA_ACCESS_DENIED": 2])
        XCTAssertEqual(group.pendingAutoRenewal, 1)
        XCTAssertEqual(group.ineligible, 1)
        XCTAssertEqual(group.certificates.map(\.domainName), ["soon.example.com", "soon2.example.com", "pending.example.com",
                                                             "idle.example.com", "far.example.com", "gone.example.com"])
        XCTAssertEqual(group.failedCertificates.count, 2)
        XCTAssertEqual(group.cell(failedMark: "✗"), "6 ✗2")
        XCTAssertEqual(group.nextRenewal, now.addingTimeInterval(-40 * 86_400), "20 days left: its window opened 40 days ago")
        XCTAssertEqual(group.blastRadius(now: now), "ACM renews 4 certificates from this CA, 4 in use; after revoking, their "
                       + "renewals fail with PCA_ACCESS_DENIED; renewals are due now.",
                       "only what ACM would renew: not the expired one, not the ineligible one")
        let later = CACertificates(certificateAuthorityArn: caARN, certificates: [certificate("far.example.com", days: 93, now: now)],
                                   now: now)
        XCTAssertTrue(later.blastRadius(now: now).hasSuffix("the next is due on \(AWSTimestamp.iso8601(now.addingTimeInterval(33 * 86_400)).prefix(10)), in 33 days."),
                      later.blastRadius(now: now))
    }
}
