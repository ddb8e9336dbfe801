import Foundation
import PCAClient

/// Every retry of failed renewals, from the UI and from `acm-renewal retry` alike: the one write rule first,
/// then RenewCertificate and a read-back (DescribeCertificate) for each certificate, and one audit line each
/// with its request id. A failure on one certificate never stops the others.
struct RenewalRetrier: Sendable {
    struct Outcome: Sendable {
        var certificateArn: String
        var domainName: String
        /// The renewal summary read back, or why the retry failed.
        var result: Result<RenewalSummary?, Error>

        var renewed: Bool { (try? result.get())??.renewalStatus == "SUCCESS" }
    }

    var session: Session
    var readOnly: ReadOnlyMode
    var audit: AuditLog
    var calls: CallRecorder

    /// Why a retry may not be sent now, or nil.
    var refusal: WriteRefusal? {
        WriteRule.refusal(readOnly: readOnly, ownerAccount: nil, callerAccount: nil, status: nil)
    }

    /// Retries each certificate of `caArn`; `known` supplies names and the summaries before, where the caller
    /// has them. Call `refusal` first.
    func retry(caArn: String, certificateArns: [String], known: [ACMCertificate] = [], caller: CallerIdentity?) async -> [Outcome] {
        let callerARN: String
        if let caller {
            callerARN = caller.arn
        } else {
            callerARN = (try? await session.client.callerIdentity().arn) ?? "unknown"
        }
        var outcomes: [Outcome] = []
        for arn in certificateArns {
            let before = known.first { $0.certificateArn == arn }
            let mark = calls.count
            var entry = AuditLog.Entry(time: AWSTimestamp.iso8601(Date()), caller: callerARN, profile: session.profileLabel,
                                       region: session.region, certificateAuthorityArn: caArn, action: "retry-acm-renewal",
                                       result: "success", requestIds: [])
            entry.certificateArn = arn
            entry.before = before?.renewalSummary.map(Self.words)
            var domain = before?.domainName ?? arn
            let result: Result<RenewalSummary?, Error>
            do {
                try await session.acm.renewCertificate(arn: arn)
                let after = try await session.acm.describeCertificate(arn: arn)
                domain = after.domainName ?? domain
                result = .success(after.renewalSummary)
                entry.after = after.renewalSummary.map(Self.words)
                if after.renewalSummary?.renewalStatus == "FAILED" { entry.result = "error" }
            } catch {
                result = .failure(error)
                entry.result = "error"
                entry.errorCode = (error as? AWSError)?.code.rawValue
                entry.errorMessage = (error as? AWSError)?.message ?? "\(error)"
            }
            entry.requestIds = calls.since(mark).filter { $0.operation == "RenewCertificate" }.compactMap(\.requestID)
            audit.append(entry)
            outcomes.append(Outcome(certificateArn: arn, domainName: domain, result: result))
        }
        return outcomes
    }

    /// `FAILED PCA_ACCESS_DENIED`, `SUCCESS`.
    static func words(_ summary: RenewalSummary) -> String {
        [summary.renewalStatus, summary.renewalStatusReason].compactMap { $0 }.joined(separator: " ")
    }
}
