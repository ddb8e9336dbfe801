import Foundation
import PCAClient

/// What applying one planned change did. Both faces show it and the exit code counts it.
public struct WriteResult: Sendable {
    public enum Status: Sendable {
        /// Sent, and the read-back showed the state asked for.
        case done
        /// Sent and accepted by AWS, but the read-back failed: changed, not verified (never "failed").
        case notVerified(String)
        /// Already as asked when read just before sending: nothing was sent.
        case unchanged
        /// Refused by the gate: nothing was sent.
        case refused(WriteRefusal)
        /// What the change needs could not be read (its permissions, the tags a filter needs): nothing was sent.
        case unreadable(String)
        /// Not started: a stop was asked for (a signal, or quitting) before it began.
        case skipped(String)
        /// An error stopped it. `sent` says whether any request of the change reached AWS.
        case failed(Error, sent: Bool)
    }

    public var change: PlannedChange
    public var status: Status
    /// For a grant or a revoke: before, and after as read back.
    public var renewalChange: ACMRenewalChange?
    /// For a retry: each certificate's result.
    public var retried: [RetriedCertificate]
    /// For an issuance: the certificate's ARN, and the certificate and chain once fetched.
    public var issued: IssuedCertificate?
    /// For a share or an unshare: the policy before, and after as read back (nil when the read-back failed).
    public var policyChange: PolicyChange?
    public var requestIDs: [String]
    /// Set when the outcome could not be journaled after the change was made.
    public var journalWarning: String?

    public init(change: PlannedChange, status: Status, renewalChange: ACMRenewalChange? = nil,
                retried: [RetriedCertificate] = [], requestIDs: [String] = []) {
        self.change = change
        self.status = status
        self.renewalChange = renewalChange
        self.retried = retried
        self.requestIDs = requestIDs
    }

    /// True when AWS made a change (verified or not).
    public var changedAWS: Bool {
        switch status {
        case .done, .notVerified: return true
        case let .failed(_, sent): return sent
        case .unchanged, .refused, .unreadable, .skipped: return false
        }
    }

    /// `changed`, `not-verified`, `unchanged`, `refused`, `skipped`, `half-changed` or `failed`: the word the
    /// journal, the JSON and the summary use.
    public var word: String {
        switch status {
        case .done: return "changed"
        case .notVerified: return "not-verified"
        case .unchanged: return "unchanged"
        case .refused: return "refused"
        case .unreadable: return "unreadable"
        case .skipped: return "skipped"
        case let .failed(error, _): return error is ACMRenewalHalfChangeError ? "half-changed" : "failed"
        }
    }

    /// One line for people.
    public var summary: String {
        switch status {
        case .done:
            if let renewalChange { return "\(renewalChange.summary); verified: \(renewalChange.after?.word ?? "?")" }
            if let issued { return "issued \(issued.certificateArn)" }
            if let policyChange { return "\(change.words); verified with GetPolicy: \(policyChange.after?.summaryWords ?? "?")" }
            let renewed = retried.filter(\.renewed).count
            return "retried \(retried.count): \(renewed) renewed, \(retried.count - renewed) still failing"
        case let .notVerified(reason):
            let requests = requestIDs.isEmpty ? "" : " (request \(requestIDs.joined(separator: ", ")))"
            return "changed, not verified\(requests): reading it back failed: \(reason)"
        case .unchanged:
            return renewalChange?.summary ?? change.words
        case let .refused(refusal): return "refused: \(refusal.shortReason)"
        case let .unreadable(reason): return "unreadable: \(reason)"
        case let .skipped(reason): return "not started: \(reason)"
        case let .failed(error, sent):
            return "FAILED: \(ErrorWords.short(error))" + (sent ? "" : " (nothing was sent)")
        }
    }
}

/// One certificate of a renewal retry: the renewal summary read back, or why the retry failed.
public struct RetriedCertificate: Sendable {
    public var certificateArn: String
    public var domainName: String
    public var before: RenewalSummary?
    public var result: Result<RenewalSummary?, Error>

    public init(certificateArn: String, domainName: String, before: RenewalSummary?, result: Result<RenewalSummary?, Error>) {
        self.certificateArn = certificateArn
        self.domainName = domainName
        self.before = before
        self.result = result
    }

    public var renewed: Bool { (try? result.get())??.renewalStatus == "SUCCESS" }

    /// `FAILED PCA_ACCESS_DENIED`, `SUCCESS`.
    public static func words(_ summary: RenewalSummary) -> String {
        [summary.renewalStatus, summary.renewalStatusReason].compactMap { $0 }.joined(separator: " ")
    }
}

/// A certificate IssueCertificate made: its ARN, then the PEM GetCertificate returned.
public struct IssuedCertificate: Sendable, Hashable {
    public var certificateArn: String
    public var certificate: String?
    public var chain: String?

    public init(certificateArn: String, certificate: String? = nil, chain: String? = nil) {
        self.certificateArn = certificateArn
        self.certificate = certificate
        self.chain = chain
    }
}
