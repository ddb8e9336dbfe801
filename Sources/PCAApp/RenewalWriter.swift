import Foundation
import PCAClient

/// Every change to a CA's ACM grant, from the UI and the commands alike: asks `WriteRule` first, then makes
/// the change, then appends one audit line, whatever happened.
struct RenewalWriter: Sendable {
    enum Outcome: Sendable {
        case changed(ACMRenewalChange)
        /// Refused before anything was sent to AWS.
        case refused(WriteRefusal)
        case failed(Error)
    }

    var session: Session
    var readOnly: ReadOnlyMode
    var audit: AuditLog
    var calls: CallRecorder

    /// `caller` is the identity already known (the UI loads it at start); nil looks it up.
    func write(arn: String, enable: Bool, caller: CallerIdentity?) async -> Outcome {
        let client = session.client
        let mark = calls.count
        var identity = caller
        if identity == nil { identity = try? await client.callerIdentity() }
        let outcome: Outcome
        if let refusal = await refusal(arn: arn, callerAccount: identity?.account) {
            outcome = .refused(refusal)
        } else {
            do {
                outcome = .changed(enable ? try await client.enableACMRenewal(arn: arn)
                                   : try await client.disableACMRenewal(arn: arn))
            } catch {
                outcome = .failed(error)
            }
        }
        let writes = calls.since(mark).filter {
            ["CreatePermission", "DeletePermission"].contains($0.operation) && $0.resourceARN == arn
        }
        audit.append(Self.entry(outcome, arn: arn, enable: enable, caller: identity?.arn ?? "unknown", session: session,
                                requestIDs: writes.compactMap(\.requestID)))
        return outcome
    }

    /// The write rule for this CA. Its status comes from DescribeCertificateAuthority; when that cannot be
    /// read (an issuer without Describe), AWS decides the state. A CA that does not exist is for AWS to say.
    private func refusal(arn: String, callerAccount: String?) async -> WriteRefusal? {
        if let refusal = WriteRule.refusal(readOnly: readOnly, ownerAccount: WriteRule.account(ofARN: arn),
                                           callerAccount: callerAccount, status: nil) {
            return refusal
        }
        let status = try? await session.client.describeCertificateAuthority(arn: arn).status
        return WriteRule.refusal(readOnly: readOnly, ownerAccount: nil, callerAccount: nil, status: status)
    }

    static func entry(_ outcome: Outcome, arn: String, enable: Bool, caller: String, session: Session,
                      requestIDs: [String]) -> AuditLog.Entry {
        var entry = AuditLog.Entry(time: AWSTimestamp.iso8601(Date()), caller: caller, profile: session.profileLabel,
                                   region: session.region, certificateAuthorityArn: arn,
                                   action: enable ? "enable-acm-renewal" : "disable-acm-renewal", result: "success",
                                   requestIds: requestIDs)
        switch outcome {
        case let .changed(change):
            entry.change = change.action.rawValue
            entry.before = change.before.word
            entry.after = change.after.word
        case let .refused(refusal):
            entry.result = "refused"
            entry.errorMessage = refusal.description
        case let .failed(error as ACMRenewalHalfChangeError):
            entry.result = "half-changed"
            entry.before = error.before.word
            entry.after = error.now.word
            entry.errorCode = "HalfChanged"
            entry.errorMessage = error.description
        case let .failed(error as AWSError):
            entry.result = "error"
            entry.errorCode = error.code.rawValue
            entry.errorMessage = error.message
        case let .failed(error):
            entry.result = "error"
            entry.errorMessage = "\(error)"
        }
        return entry
    }
}
