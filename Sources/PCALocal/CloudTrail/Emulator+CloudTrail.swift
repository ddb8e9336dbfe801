import Foundation
import PCAClient

/// CloudTrail's event history: every write the emulator receives (and every refused attempt) is recorded as
/// CloudTrail records it, and LookupEvents answers with CloudTrail's rules: one lookup attribute, a time
/// range within the last 90 days, 1 to 50 events a page, NextToken paging, two requests per second.
extension Emulator {
    static let cloudTrailTargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
    /// The most events kept; older ones are dropped as new ones come.
    public static let trailCapacity = 10_000
    /// CloudTrail's LookupEvents rate, per account and region.
    static let lookupsPerSecond: Double = 2

    static func isCloudTrail(_ request: SigV4Verifier.ReceivedRequest) -> Bool {
        (request.header("x-amz-target") ?? "").hasPrefix(cloudTrailTargetPrefix)
    }

    // MARK: - Recording

    /// Records a call that went through: writes only (reads are not recorded). Called with the lock held,
    /// before the state is saved.
    func recordTrail(_ request: SigV4Verifier.ReceivedRequest, source: String, operation: String, members: [String: Any],
                     user: EmulatedUser, requestID: String, response: Data?) {
        guard !["Get", "List", "Describe", "Search"].contains(where: { operation.hasPrefix($0) }) else { return }
        let answer = response.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        appendTrail(request, source: source, operation: operation, members: members, user: user, requestID: requestID,
                    response: answer, error: nil)
    }

    /// Runs `answer`; a refused write, or any call refused for want of permission, is recorded with its error
    /// code (and the state saved) before the error goes back. Called with the lock held.
    func recordingRefusals(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String,
                           answer: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try answer()
        } catch let error as EmulatorError {
            let target = request.header("x-amz-target") ?? ""
            let isACM = target.hasPrefix(Self.acmTargetPrefix)
            let operation = String(target.drop { $0 != "." }.dropFirst())
            let known = isACM ? Self.acmOperations.contains(operation) : Self.operationNames.contains(operation)
            let isRead = ["Get", "List", "Describe", "Search"].contains { operation.hasPrefix($0) }
            if known, !isRead || error.code.hasPrefix("AccessDenied") {
                let members = (try? RequestInput(body: request.body))?.members ?? [:]
                appendTrail(request, source: isACM ? CAHistorySource.acm : CAHistorySource.acmPCA, operation: operation,
                            members: members, user: user, requestID: requestID, response: nil, error: (error.code, error.message))
                try? saveState()
            }
            throw error
        }
    }

    private func appendTrail(_ request: SigV4Verifier.ReceivedRequest, source: String, operation: String,
                             members: [String: Any], user: EmulatedUser, requestID: String, response: [String: Any]?,
                             error: (code: String, message: String)?) {
        let resource = members["CertificateAuthorityArn"] as? String ?? members["ResourceArn"] as? String
            ?? response?["CertificateAuthorityArn"] as? String
            ?? (source == CAHistorySource.acm ? members["CertificateArn"] as? String ?? response?["CertificateArn"] as? String : nil)
        let record = TrailRecord.make(
            eventName: operation, eventSource: source, time: now(),
            caller: TrailRecord.Caller(userName: user.name, account: user.account ?? state.account, accessKeyID: user.accessKeyID),
            region: state.region, sourceIP: request.header("x-forwarded-for") ?? "127.0.0.1",
            userAgent: request.header("user-agent") ?? "", parameters: members, response: response, error: error,
            requestID: requestID, resourceARN: resource)
        Self.append(record, to: &state)
    }

    /// Adds an event, dropping the oldest beyond `trailCapacity`.
    static func append(_ record: TrailRecord, to state: inout EmulatorState) {
        var events = state.cloudTrailEvents ?? []
        events.append(record)
        if events.count > trailCapacity { events.removeFirst(events.count - trailCapacity) }
        state.cloudTrailEvents = events
    }

    // MARK: - LookupEvents

    func cloudTrailAnswer(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String) throws -> HTTPResponse {
        guard request.method == "POST" else {
            throw EmulatorError("UnknownOperationException", "Only POST is accepted.", status: 400)
        }
        let operation = String((request.header("x-amz-target") ?? "").dropFirst(Self.cloudTrailTargetPrefix.count))
        guard operation == "LookupEvents" else { throw EmulatorError("UnknownOperationException", "") }
        try injectFaults(operation: operation)
        guard user.isAllowed("cloudtrail:LookupEvents") else {
            throw EmulatorError("AccessDeniedException",
                                "User: \(userARN(user)) is not authorized to perform: cloudtrail:LookupEvents because no "
                                    + "identity-based policy allows the cloudtrail:LookupEvents action")
        }
        var bucket = lookupBucket ?? TokenBucket(rate: Self.lookupsPerSecond, now: now())
        let allowed = bucket.take(now: now())
        lookupBucket = bucket
        guard allowed else { throw EmulatorError("ThrottlingException", "Rate exceeded") }
        let input = try RequestInput(body: request.body)
        let body = try lookupEvents(input)
        return HTTPResponse(statusCode: 200, headers: [("x-amzn-RequestId", requestID),
                                                       ("Content-Type", "application/x-amz-json-1.1")], body: body)
    }

    private func lookupEvents(_ input: RequestInput) throws -> Data {
        let attribute = try Self.lookupAttribute(input)
        let current = now()
        let oldest = current.addingTimeInterval(-Double(CloudTrailClient.retentionDays) * 86_400)
        let start = try Self.time(input, "StartTime")
        let end = try Self.time(input, "EndTime")
        if let start, let end, start > end {
            throw EmulatorError("InvalidTimeRangeException", "Start time must be before end time.")
        }
        let maxResults: Int?
        do {
            maxResults = try input.integer("MaxResults", range: 1...CloudTrailClient.maximumPageSize)
        } catch {
            throw EmulatorError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
        }
        if let category = input.members["EventCategory"], !(category is NSNull) {
            guard category as? String == "insight" else {
                throw EmulatorError("InvalidEventCategoryException", "The event category is not valid; the valid value is insight.")
            }
            return try Self.encodeLookup([], nextToken: nil)
        }
        let lower = max(oldest, start ?? oldest)
        let upper = end ?? current
        let matching = (state.cloudTrailEvents ?? []).reversed().filter { event in
            event.eventTime >= lower && event.eventTime <= upper && (attribute.map { event.matches($0.0, $0.1) } ?? true)
        }
        let scope = "\(attribute.map { "\($0.0.rawValue)=\($0.1)" } ?? "")|\(start?.timeIntervalSince1970 ?? -1)|\(end?.timeIntervalSince1970 ?? -1)"
        let page = try Self.page(Array(matching), size: maxResults ?? CloudTrailClient.maximumPageSize, input: input,
                                 operation: "LookupEvents", scope: scope)
        return try Self.encodeLookup(page.items, nextToken: page.nextToken)
    }

    private static func encodeLookup(_ events: [TrailRecord], nextToken: String?) throws -> Data {
        var object: [String: Any] = ["Events": events.map(\.lookupObject)]
        if let nextToken { object["NextToken"] = nextToken }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The one lookup attribute, or nil for none. More than one, an unknown key or an empty or too long value
    /// is InvalidLookupAttributesException.
    static func lookupAttribute(_ input: RequestInput) throws -> (LookupAttributeKey, String)? {
        guard let raw = input.members["LookupAttributes"], !(raw is NSNull) else { return nil }
        guard let list = raw as? [Any] else {
            throw EmulatorError("SerializationException", "Unexpected value type for LookupAttributes: expected a list.")
        }
        guard list.count <= 1 else {
            throw EmulatorError("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.")
        }
        guard let first = list.first else { return nil }
        guard let entry = first as? [String: Any], let keyName = entry["AttributeKey"] as? String,
              let key = LookupAttributeKey(rawValue: keyName) else {
            throw EmulatorError("InvalidLookupAttributesException",
                                "The lookup attribute key is not valid: use one of "
                                    + LookupAttributeKey.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        guard let value = entry["AttributeValue"] as? String, (1...2000).contains(value.count) else {
            throw EmulatorError("InvalidLookupAttributesException", "The lookup attribute value must be 1 to 2000 characters.")
        }
        return (key, value)
    }

    /// A timestamp member: epoch seconds, as JSON 1.1 sends it.
    static func time(_ input: RequestInput, _ key: String) throws -> Date? {
        guard let raw = input.members[key], !(raw is NSNull) else { return nil }
        guard let number = raw as? NSNumber, !(raw is String), number.doubleValue.isFinite,
              abs(number.doubleValue) <= 253_402_300_799 else {
            throw EmulatorError("InvalidTimeRangeException", "\(key) is not a valid time.")
        }
        return Date(timeIntervalSince1970: number.doubleValue)
    }
}
