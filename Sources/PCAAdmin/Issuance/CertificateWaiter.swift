import Foundation
import PCAClient

/// Waits for an issued certificate as the SDKs' `CertificateIssued` waiter does: GetCertificate every second
/// while it answers RequestInProgressException, at most 60 times; AccessDenied (and any other error) ends the
/// wait at once.
public struct CertificateWaiter: Sendable {
    public var attempts: Int
    public var delay: TimeInterval
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(attempts: Int = 60, delay: TimeInterval = 1,
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.attempts = attempts
        self.delay = delay
        self.sleep = sleep
    }

    /// The waiter gave up while the certificate was still being issued.
    public struct StillInProgress: Error, CustomStringConvertible {
        public var certificateArn: String
        public var attempts: Int
        public var description: String {
            "the certificate \(certificateArn) was still being issued after \(attempts) GetCertificate calls; "
                + "fetch it later with 'aws acm-pca get-certificate'"
        }
    }

    public func wait(client: PCAClient, authorityArn: String, certificateArn: String) async throws -> CertificateResponse {
        for attempt in 1...max(1, attempts) {
            do {
                return try await client.getCertificate(authorityARN: authorityArn, certificateARN: certificateArn)
            } catch let error as AWSError where error.code.rawValue == "RequestInProgressException" {
                if attempt < attempts { try await sleep(delay) }
            }
        }
        throw StillInProgress(certificateArn: certificateArn, attempts: attempts)
    }
}
