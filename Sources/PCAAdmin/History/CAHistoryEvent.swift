import Foundation
import PCAClient

/// One call on a CA as CloudTrail recorded it: when, who, from where, what it asked for, and the error code
/// when it was refused. Read from the event's `CloudTrailEvent` JSON string; a string that is not a JSON
/// object makes an event that says so (`unreadable`), never a failure of the whole history.
public struct CAHistoryEvent: Sendable, Hashable {
    public var eventID: String
    /// CreatePermission, DeletePermission, PutPolicy, ...
    public var name: String
    public var time: Date?
    /// The IAM user's name, `role/session` for an assumed role, `root`, or the ARN when nothing better is known.
    public var who: String
    /// `userIdentity.type`: IAMUser, AssumedRole, Root, AWSService, ...
    public var identityType: String?
    public var identityARN: String?
    public var accountID: String?
    public var sourceIPAddress: String?
    public var userAgent: String?
    /// Set when the call was refused (AccessDeniedException, ValidationException, ...).
    public var errorCode: String?
    public var errorMessage: String?
    /// The CA the call named (`certificateAuthorityArn` or `resourceArn` of the request).
    public var certificateAuthorityArn: String?
    /// CreatePermission / DeletePermission: the service principal and the actions granted.
    public var principal: String?
    public var actions: [String] = []
    public var sourceAccount: String?
    /// PutPolicy: the whole policy, as sent.
    public var policy: String?
    /// What the call changed, in words (filled in by `CAHistory`, which knows the events before it).
    public var change: String = ""
    /// Why the CloudTrailEvent JSON could not be read, when it could not.
    public var unreadable: String?
    /// The rest of the request in words: UpdateCertificateAuthority's status and revocation switches, the
    /// revoked serial and reason, the issued certificate's template and validity, the restore window.
    public var requestDetail: String?

    public var isDenied: Bool { errorCode != nil }

    /// The largest CloudTrailEvent string read: CloudTrail's own events stay far below 256 KiB.
    public static let maximumEventBytes = 256 * 1024

    /// Reads one LookupEvents event. The indexed fields (EventId, EventName, EventTime, Username) stand in
    /// for what the JSON string does not say.
    public init(_ event: LookupEvent) {
        eventID = event.eventId ?? "-"
        name = event.eventName ?? "-"
        time = event.eventTime
        who = event.username ?? "-"
        certificateAuthorityArn = event.resources?.first { $0.resourceName?.hasPrefix("arn:") == true }?.resourceName
        guard let text = event.cloudTrailEvent else {
            unreadable = "no CloudTrailEvent in the answer"
            return
        }
        guard text.utf8.count <= Self.maximumEventBytes else {
            unreadable = "the event is larger than \(Self.maximumEventBytes / 1024) KiB"
            return
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            unreadable = "the CloudTrailEvent is not a JSON object"
            return
        }
        read(object)
    }

    private mutating func read(_ object: [String: Any]) {
        if let value = object["eventName"] as? String { name = value }
        if let value = (object["eventTime"] as? String).flatMap(AWSTimestamp.parseISO8601) { time = value }
        if let value = object["eventID"] as? String { eventID = value }
        sourceIPAddress = object["sourceIPAddress"] as? String
        userAgent = object["userAgent"] as? String
        errorCode = object["errorCode"] as? String
        errorMessage = object["errorMessage"] as? String
        if let identity = object["userIdentity"] as? [String: Any] { readIdentity(identity) }
        let request = object["requestParameters"] as? [String: Any] ?? [:]
        requestDetail = Self.detail(of: request)
        certificateAuthorityArn = request["certificateAuthorityArn"] as? String ?? request["resourceArn"] as? String
            ?? certificateAuthorityArn
        principal = request["principal"] as? String
        actions = (request["actions"] as? [Any])?.compactMap { $0 as? String } ?? []
        sourceAccount = request["sourceAccount"] as? String
        policy = request["policy"] as? String
    }

    /// The members of UpdateCertificateAuthority, RevokeCertificate, IssueCertificate and
    /// DeleteCertificateAuthority that say what the call did.
    static func detail(of request: [String: Any]) -> String? {
        var parts: [String] = []
        if let status = request["status"] as? String { parts.append("status \(status)") }
        if let revocation = request["revocationConfiguration"] as? [String: Any] {
            let crl = (revocation["crlConfiguration"] as? [String: Any])?["enabled"] as? Bool
            let ocsp = (revocation["ocspConfiguration"] as? [String: Any])?["enabled"] as? Bool
            if let crl { parts.append("CRL \(crl ? "on" : "off")") }
            if let ocsp { parts.append("OCSP \(ocsp ? "on" : "off")") }
        }
        if let serial = request["certificateSerial"] as? String { parts.append("serial \(serial)") }
        if let reason = request["revocationReason"] as? String { parts.append("reason \(reason)") }
        if let template = request["templateArn"] as? String { parts.append("template \(template.split(separator: "/").dropFirst().joined(separator: "/"))") }
        if let validity = request["validity"] as? [String: Any], let value = validity["value"], let type = validity["type"] as? String {
            parts.append("validity \(value) \(type)")
        }
        if let days = request["permanentDeletionTimeInDays"] { parts.append("restorable for \(days) days") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private mutating func readIdentity(_ identity: [String: Any]) {
        identityType = identity["type"] as? String
        identityARN = identity["arn"] as? String
        accountID = identity["accountId"] as? String
        switch identityType {
        case "IAMUser":
            who = identity["userName"] as? String ?? identityARN ?? who
        case "AssumedRole":
            let issuer = (identity["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any]
            let role = issuer?["userName"] as? String
            let session = identityARN.flatMap { $0.split(separator: "/").last.map(String.init) }
            who = [role, session].compactMap { $0 }.joined(separator: "/").nonEmpty ?? identityARN ?? who
        case "Root":
            who = "root"
        case "AWSService":
            who = identity["invokedBy"] as? String ?? who
        default:
            who = identity["userName"] as? String ?? identityARN ?? who
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
