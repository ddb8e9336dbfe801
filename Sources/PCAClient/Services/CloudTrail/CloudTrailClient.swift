import Foundation

extension AWSJSONService {
    /// AWS CloudTrail: JSON 1.1 with botocore's long target prefix, signing name `cloudtrail`.
    public static let cloudTrail = AWSJSONService(targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
                                                  signingName: "cloudtrail")
}

/// AWS CloudTrail's event history: who called what. The shared machinery (`AWSJSONClient`) pointed at
/// CloudTrail, with LookupEvents paced to CloudTrail's two requests per second.
public struct CloudTrailClient: Sendable {
    public let core: AWSJSONClient
    /// Shared by every lookup through this client: one account and region.
    public let pacer: RequestPacer

    /// CloudTrail answers LookupEvents about two times per second per account and region.
    public static let lookupsPerSecond: Double = 2
    /// The most LookupEvents returns in one page.
    public static let maximumPageSize = 50
    /// How far back LookupEvents reaches.
    public static let retentionDays = 90

    public init(core: AWSJSONClient, pacer: RequestPacer? = nil) {
        precondition(core.service == .cloudTrail, "a CloudTrail client needs the CloudTrail service")
        self.core = core
        self.pacer = pacer ?? RequestPacer(requestsPerSecond: Self.lookupsPerSecond, now: core.now, sleep: core.sleep)
    }

    /// CloudTrail at `endpoint`, sharing `client`'s credentials, transport and retry policy.
    public init(sharing client: AWSJSONClient, endpoint: ResolvedEndpoint) {
        self.init(core: client.forService(.cloudTrail, endpoint: endpoint))
    }

    /// One LookupEvents call, after waiting for its slot.
    public func lookupEvents(_ request: LookupEventsRequest) async throws -> LookupEventsResponse {
        try await pacer.acquire()
        return try await core.send("LookupEvents", request)
    }

    /// Every page of the events matching `attribute` between `start` and `end`, newest first, paced, and
    /// stopped after `maximumPages` (CloudTrail pages hold at most 50 events).
    public func eventPages(attribute: LookupAttribute?, start: Date?, end: Date?, pageSize: Int = maximumPageSize,
                           maximumPages: Int = 40) -> Paginator<LookupEventsResponse> {
        Paginator(maximumPages: maximumPages) { token in
            let page = try await lookupEvents(LookupEventsRequest(
                lookupAttributes: attribute.map { [$0] }, startTime: start, endTime: end,
                maxResults: min(max(pageSize, 1), Self.maximumPageSize), nextToken: token))
            return (page, page.nextToken)
        }
    }
}
