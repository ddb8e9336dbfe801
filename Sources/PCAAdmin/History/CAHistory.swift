import Foundation
import PCAClient

/// What was done to one CA in CloudTrail's event history (the last 90 days at most): grants created and
/// removed, resource policies put and deleted, status and revocation changes, certificates issued and revoked,
/// deletion, and the attempts that were refused. Newest first.
public struct CAHistory: Sendable, Hashable {
    /// ACM Private CA's events; LookupEvents takes one attribute, so this filter is applied here.
    public static let eventSource = "acm-pca.amazonaws.com"
    /// The calls that change who may use the CA or what it is.
    public static let eventNames: Set<String> = [
        "CreatePermission", "DeletePermission", "PutPolicy", "DeletePolicy", "UpdateCertificateAuthority",
        "RevokeCertificate", "IssueCertificate", "DeleteCertificateAuthority",
    ]
    /// Pages read at most (50 events each): a CA issuing thousands of certificates a day stops here, and the
    /// history says it was cut.
    public static let maximumPages = 40

    public var certificateAuthorityArn: String
    public var start: Date
    public var end: Date
    public var events: [CAHistoryEvent]
    /// True when more events were left unread (`maximumPages`).
    public var truncated: Bool

    /// The history of `arn` from LookupEvents' answers (any order): only ACM Private CA's events of
    /// `eventNames`, newest first, each with what it changed.
    public init(certificateAuthorityArn: String, start: Date, end: Date, lookups: [LookupEvent], truncated: Bool = false) {
        self.certificateAuthorityArn = certificateAuthorityArn
        self.start = start
        self.end = end
        self.truncated = truncated
        let relevant = lookups.filter { event in
            (event.eventSource == nil || event.eventSource == Self.eventSource) && Self.eventNames.contains(event.eventName ?? "")
        }
        events = Self.describeChanges(relevant.map(CAHistoryEvent.init).filter { event in
            event.unreadable != nil || Self.eventNames.contains(event.name)
        })
    }

    /// The last DeletePermission that went through: who removed a grant, and when.
    public var lastGrantRemoval: CAHistoryEvent? {
        events.first { $0.name == "DeletePermission" && !$0.isDenied && $0.unreadable == nil }
    }

    /// Reads the CA's events (ResourceName = its ARN) of the last `days` days (at most 90).
    public static func load(arn: String, cloudTrail: CloudTrailClient, days: Int = CloudTrailClient.retentionDays,
                            now: Date = Date(), maximumPages: Int = maximumPages) async throws -> CAHistory {
        let start = now.addingTimeInterval(-Double(min(max(days, 1), CloudTrailClient.retentionDays)) * 86_400)
        let (lookups, truncated) = try await read(cloudTrail: cloudTrail, attribute: LookupAttribute(.resourceName, arn),
                                                  start: start, end: now, maximumPages: maximumPages)
        return CAHistory(certificateAuthorityArn: arn, start: start, end: now, lookups: lookups, truncated: truncated)
    }

    /// The last successful DeletePermission of every CA of the account and region (one EventName lookup for
    /// all CAs, rather than one per CA), by CA ARN.
    public static func lastGrantRemovals(cloudTrail: CloudTrailClient, days: Int = CloudTrailClient.retentionDays,
                                         now: Date = Date(), maximumPages: Int = maximumPages) async throws -> [String: CAHistoryEvent] {
        let start = now.addingTimeInterval(-Double(min(max(days, 1), CloudTrailClient.retentionDays)) * 86_400)
        let (lookups, _) = try await read(cloudTrail: cloudTrail, attribute: LookupAttribute(.eventName, "DeletePermission"),
                                          start: start, end: now, maximumPages: maximumPages)
        var removals: [String: CAHistoryEvent] = [:]
        for event in CAHistory(certificateAuthorityArn: "", start: start, end: now, lookups: lookups).events
        where event.name == "DeletePermission" && !event.isDenied && event.unreadable == nil {
            guard let arn = event.certificateAuthorityArn, removals[arn] == nil else { continue }
            removals[arn] = event
        }
        return removals
    }

    /// The pages of one lookup, up to `maximumPages`; true when CloudTrail had more.
    static func read(cloudTrail: CloudTrailClient, attribute: LookupAttribute, start: Date, end: Date,
                     maximumPages: Int) async throws -> ([LookupEvent], Bool) {
        var events: [LookupEvent] = []
        var pages = 0
        // One page more than the bound lets the paginator's own guard (loops, endless paging) stay in charge.
        for try await page in cloudTrail.eventPages(attribute: attribute, start: start, end: end, maximumPages: maximumPages + 1) {
            events += page.events ?? []
            pages += 1
            if pages >= maximumPages, page.nextToken != nil { return (events, true) }
        }
        return (events, false)
    }

    /// Newest first, each with what it changed; a PutPolicy is compared with the policy before it. Events of
    /// the same second keep CloudTrail's order (newest first), as event times are whole seconds.
    static func describeChanges(_ events: [CAHistoryEvent]) -> [CAHistoryEvent] {
        let oldestFirst = events.enumerated().sorted { ($0.element.time ?? .distantPast, -$0.offset) < ($1.element.time ?? .distantPast, -$1.offset) }
            .map(\.element)
        var policyBefore: [String: String?] = [:]
        var described: [CAHistoryEvent] = []
        for var event in oldestFirst {
            let key = event.certificateAuthorityArn ?? ""
            event.change = Self.change(of: event, policyBefore: policyBefore[key] ?? nil, knownBefore: policyBefore[key] != nil)
            if !event.isDenied && event.unreadable == nil {
                if event.name == "PutPolicy" { policyBefore[key] = .some(event.policy) }
                if event.name == "DeletePolicy" { policyBefore[key] = .some(nil) }
            }
            described.append(event)
        }
        return described.reversed()
    }

    static func change(of event: CAHistoryEvent, policyBefore: String?, knownBefore: Bool) -> String {
        if let unreadable = event.unreadable { return "unreadable event: \(unreadable)" }
        let actions = event.actions.joined(separator: ", ")
        let attempt = event.isDenied ? "tried to " : ""
        switch event.name {
        case "CreatePermission":
            return "\(attempt)grant \(event.principal ?? "?") \(actions.isEmpty ? "nothing" : actions)"
        case "DeletePermission":
            return "\(attempt)remove the grant of \(event.principal ?? "?")"
                + (event.sourceAccount.map { " (source account \($0))" } ?? "")
        case "PutPolicy":
            if event.isDenied { return "tried to put a resource policy" }
            return PolicyDiff(before: policyBefore, after: event.policy, knownBefore: knownBefore).words
        case "DeletePolicy":
            return "\(attempt)delete the resource policy"
        case "UpdateCertificateAuthority":
            return "\(attempt)update the CA" + (event.requestDetail.map { ": \($0)" } ?? "")
        case "RevokeCertificate":
            return "\(attempt)revoke a certificate" + (event.requestDetail.map { ": \($0)" } ?? "")
        case "IssueCertificate":
            return "\(attempt)issue a certificate" + (event.requestDetail.map { ": \($0)" } ?? "")
        case "DeleteCertificateAuthority":
            return "\(attempt)delete the CA" + (event.requestDetail.map { ": \($0)" } ?? "")
        default:
            return event.name
        }
    }
}

extension CAHistory {
    /// True when who removed a grant explains what is wrong with the CA: ACM cannot renew through it (no
    /// grant, or a partial one), or ACM's renewals through it failed with PCA_ACCESS_DENIED.
    public static func grantRemovalMatters(readiness: RenewalReadiness, certificates: CACertificates?) -> Bool {
        switch readiness {
        case .off, .partial: return true
        default: return (certificates?.failedByReason["PCA_ACCESS_DENIED"] ?? 0) > 0
        }
    }

    /// True when CloudTrail refused the lookup for want of cloudtrail:LookupEvents.
    public static func isAccessDenied(_ error: Error) -> Bool {
        guard let error = error as? AWSError else { return false }
        return error.code == .accessDenied || ["AccessDenied", "UnauthorizedOperation"].contains(error.code.rawValue)
    }

    /// The one quiet line for a CloudTrail that could not be read.
    public static func unreadableNote(_ error: Error) -> String {
        if isAccessDenied(error) {
            return "CloudTrail is not readable (AccessDenied: cloudtrail:LookupEvents is not allowed); who removed a grant is not shown"
        }
        let words = (error as? AWSError).map { "\($0.code.rawValue): \($0.message)" } ?? "\(error)"
        return "CloudTrail could not be read (\(words)); who removed a grant is not shown"
    }
}
