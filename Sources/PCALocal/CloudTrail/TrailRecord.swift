import Foundation
import PCAClient

/// One event of the emulator's CloudTrail event history, stored as LookupEvents returns it: the indexed
/// fields, and `cloudTrailEvent`, the whole record as CloudTrail's JSON string.
public struct TrailRecord: Codable, Sendable, Hashable {
    public var eventID: String
    public var eventName: String
    public var eventSource: String
    public var eventTime: Date
    public var username: String
    public var accessKeyID: String?
    public var readOnly: Bool
    public var resources: [TrailResource]
    public var cloudTrailEvent: String

    /// CloudTrail's resource type for a CA.
    public static let caResourceType = "AWS::ACMPCA::CertificateAuthority"

    /// Who made a call, as CloudTrail's `userIdentity` names them.
    public struct Caller: Sendable {
        public var userName: String
        public var account: String
        public var accessKeyID: String?
        /// `role/session` when the keys came from AssumeRole, else nil (an IAM user).
        public var assumedRole: (role: String, session: String)?

        public init(userName: String, account: String, accessKeyID: String?) {
            self.userName = userName
            self.account = account
            self.accessKeyID = accessKeyID
            let parts = userName.split(separator: "/").map(String.init)
            assumedRole = parts.count == 3 && parts[0] == "assumed-role" ? (parts[1], parts[2]) : nil
        }

        /// The `Username` LookupEvents shows: the user, or the role session's name.
        var lookupName: String { assumedRole?.session ?? userName }

        var identity: [String: Any] {
            var identity: [String: Any] = ["accountId": account]
            if let accessKeyID { identity["accessKeyId"] = accessKeyID }
            if let (role, session) = assumedRole {
                identity["type"] = "AssumedRole"
                identity["arn"] = "arn:aws:sts::\(account):assumed-role/\(role)/\(session)"
                identity["sessionContext"] = [
                    "sessionIssuer": ["type": "Role", "arn": "arn:aws:iam::\(account):role/\(role)", "accountId": account,
                                      "userName": role],
                    "attributes": ["mfaAuthenticated": "false"],
                ]
            } else {
                identity["type"] = "IAMUser"
                identity["arn"] = "arn:aws:iam::\(account):user/\(userName)"
                identity["userName"] = userName
            }
            return identity
        }
    }

    /// The record of one call: `parameters` are the request's members as sent (AWS's member names; the
    /// record uses CloudTrail's camelCase), `response` the answer's, `error` the refusal.
    public static func make(eventName: String, eventSource: String = CAHistorySource.acmPCA, time: Date, caller: Caller,
                            region: String, sourceIP: String, userAgent: String, parameters: [String: Any],
                            response: [String: Any]?, error: (code: String, message: String)?, requestID: String,
                            eventID: String = UUID().uuidString.lowercased(), resourceARN: String?) -> TrailRecord {
        let readOnly = ["Get", "List", "Describe"].contains { eventName.hasPrefix($0) }
        let resources = resourceARN.map { [TrailResource(resourceType: caResourceType, resourceName: $0)] } ?? []
        var record: [String: Any] = [
            "eventVersion": "1.09", "userIdentity": caller.identity, "eventTime": AWSTimestamp.iso8601(time),
            "eventSource": eventSource, "eventName": eventName, "awsRegion": region, "sourceIPAddress": sourceIP,
            "userAgent": userAgent, "requestParameters": camelCased(parameters) ?? NSNull(),
            "responseElements": response.map(camelCased) ?? NSNull(), "requestID": requestID, "eventID": eventID,
            "readOnly": readOnly, "eventType": "AwsApiCall", "managementEvent": true,
            "recipientAccountId": caller.account, "eventCategory": "Management",
            "resources": resources.map { ["type": $0.resourceType ?? "", "ARN": $0.resourceName ?? ""] },
        ]
        if let error {
            record["errorCode"] = error.code
            record["errorMessage"] = error.message
        }
        let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return TrailRecord(eventID: eventID, eventName: eventName, eventSource: eventSource, eventTime: time,
                           username: caller.lookupName, accessKeyID: caller.accessKeyID, readOnly: readOnly,
                           resources: resources, cloudTrailEvent: String(decoding: data, as: UTF8.self))
    }

    /// CloudTrail writes request members in camelCase (`certificateAuthorityArn`), at every depth. Binary
    /// members (a CSR, a certificate) are left out, as CloudTrail hides them.
    static func camelCased(_ members: [String: Any]) -> [String: Any]? {
        guard !members.isEmpty else { return nil }
        var result: [String: Any] = [:]
        for (key, value) in members where !["Csr", "Certificate", "CertificateChain"].contains(key) {
            result[key.prefix(1).lowercased() + key.dropFirst()] = camelCasedValue(value)
        }
        return result
    }

    private static func camelCasedValue(_ value: Any) -> Any {
        if let object = value as? [String: Any] { return camelCased(object) ?? [String: Any]() }
        if let list = value as? [Any] { return list.map(camelCasedValue) }
        return value
    }

    /// The event as LookupEvents answers it.
    var lookupObject: [String: Any] {
        var object: [String: Any] = [
            "EventId": eventID, "EventName": eventName, "ReadOnly": readOnly ? "true" : "false",
            "EventTime": eventTime.timeIntervalSince1970, "EventSource": eventSource, "Username": username,
            "Resources": resources.map { ["ResourceType": $0.resourceType ?? "", "ResourceName": $0.resourceName ?? ""] },
            "CloudTrailEvent": cloudTrailEvent,
        ]
        if let accessKeyID { object["AccessKeyId"] = accessKeyID }
        return object
    }

    /// True when the event has `value` for `key` (LookupEvents' one attribute).
    func matches(_ key: LookupAttributeKey, _ value: String) -> Bool {
        switch key {
        case .eventId: return eventID == value
        case .eventName: return eventName == value
        case .readOnly: return (readOnly ? "true" : "false") == value
        case .username: return username == value
        case .resourceType: return resources.contains { $0.resourceType == value }
        case .resourceName: return resources.contains { $0.resourceName == value }
        case .eventSource: return eventSource == value
        case .accessKeyId: return accessKeyID == value
        }
    }
}

/// The event sources the emulator records.
public enum CAHistorySource {
    public static let acmPCA = "acm-pca.amazonaws.com"
    public static let acm = "acm.amazonaws.com"
}
