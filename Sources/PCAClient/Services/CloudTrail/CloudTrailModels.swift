import Foundation

/// The attributes LookupEvents can filter on (`LookupAttributeKey`). CloudTrail takes one per call.
public enum LookupAttributeKey: String, Codable, Sendable, CaseIterable {
    case eventId = "EventId", eventName = "EventName", readOnly = "ReadOnly", username = "Username"
    case resourceType = "ResourceType", resourceName = "ResourceName", eventSource = "EventSource"
    case accessKeyId = "AccessKeyId"
}

/// `LookupAttribute`: one key and the value it must have.
public struct LookupAttribute: Codable, Sendable, Hashable {
    public var attributeKey: LookupAttributeKey
    public var attributeValue: String

    enum CodingKeys: String, CodingKey {
        case attributeKey = "AttributeKey", attributeValue = "AttributeValue"
    }

    public init(_ key: LookupAttributeKey, _ value: String) {
        attributeKey = key
        attributeValue = value
    }
}

/// `LookupEventsRequest`. CloudTrail keeps 90 days; `maxResults` is 1 to 50.
public struct LookupEventsRequest: Codable, Sendable, Hashable {
    /// At most one: CloudTrail refuses more with InvalidLookupAttributesException.
    public var lookupAttributes: [LookupAttribute]?
    public var startTime: Date?
    public var endTime: Date?
    public var maxResults: Int?
    public var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case lookupAttributes = "LookupAttributes", startTime = "StartTime", endTime = "EndTime"
        case maxResults = "MaxResults", nextToken = "NextToken"
    }

    public init(lookupAttributes: [LookupAttribute]? = nil, startTime: Date? = nil, endTime: Date? = nil,
                maxResults: Int? = nil, nextToken: String? = nil) {
        self.lookupAttributes = lookupAttributes
        self.startTime = startTime
        self.endTime = endTime
        self.maxResults = maxResults
        self.nextToken = nextToken
    }
}

/// `Resource` of an event: what it acted on.
public struct TrailResource: Codable, Sendable, Hashable {
    public var resourceType: String?
    public var resourceName: String?

    enum CodingKeys: String, CodingKey {
        case resourceType = "ResourceType", resourceName = "ResourceName"
    }

    public init(resourceType: String?, resourceName: String?) {
        self.resourceType = resourceType
        self.resourceName = resourceName
    }
}

/// `Event` of LookupEvents: the indexed fields, and the whole record as a JSON string (`cloudTrailEvent`).
public struct LookupEvent: Codable, Sendable, Hashable {
    public var eventId: String?
    public var eventName: String?
    /// "true" or "false", as CloudTrail sends it.
    public var readOnly: String?
    public var accessKeyId: String?
    public var eventTime: Date?
    public var eventSource: String?
    public var username: String?
    public var resources: [TrailResource]?
    /// The event as CloudTrail recorded it: userIdentity, requestParameters, errorCode and the rest.
    public var cloudTrailEvent: String?

    enum CodingKeys: String, CodingKey {
        case eventId = "EventId", eventName = "EventName", readOnly = "ReadOnly", accessKeyId = "AccessKeyId"
        case eventTime = "EventTime", eventSource = "EventSource", username = "Username", resources = "Resources"
        case cloudTrailEvent = "CloudTrailEvent"
    }

    public init(eventId: String? = nil, eventName: String? = nil, readOnly: String? = nil, accessKeyId: String? = nil,
                eventTime: Date? = nil, eventSource: String? = nil, username: String? = nil,
                resources: [TrailResource]? = nil, cloudTrailEvent: String? = nil) {
        self.eventId = eventId
        self.eventName = eventName
        self.readOnly = readOnly
        self.accessKeyId = accessKeyId
        self.eventTime = eventTime
        self.eventSource = eventSource
        self.username = username
        self.resources = resources
        self.cloudTrailEvent = cloudTrailEvent
    }
}

/// `LookupEventsResponse`: newest first.
public struct LookupEventsResponse: Codable, Sendable, Hashable {
    public var events: [LookupEvent]?
    public var nextToken: String?

    enum CodingKeys: String, CodingKey {
        case events = "Events", nextToken = "NextToken"
    }

    public init(events: [LookupEvent]?, nextToken: String? = nil) {
        self.events = events
        self.nextToken = nextToken
    }
}
