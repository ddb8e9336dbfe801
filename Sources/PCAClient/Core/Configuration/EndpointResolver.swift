import Foundation

/// Where requests for a service go and which region they are signed for.
public struct ResolvedEndpoint: Sendable, Hashable {
    public var url: URL
    public var signingRegion: String
    /// True when the URL came from an override rather than the partition rules.
    public var isOverride: Bool

    public init(url: URL, signingRegion: String, isOverride: Bool) {
        self.url = url
        self.signingRegion = signingRegion
        self.isOverride = isOverride
    }
}

/// The ACM-PCA endpoint rules (botocore `endpoint-rule-set-1`), plus the deprecated `fips-` pseudo-regions.
public enum EndpointResolver {
    public static func resolve(service: String = "acm-pca", region: String?, useFIPS: Bool = false,
                               useDualStack: Bool = false, override: URL? = nil) throws -> ResolvedEndpoint {
        var region = region?.trimmingCharacters(in: .whitespaces)
        var useFIPS = useFIPS
        if let pseudo = region, pseudo.hasPrefix("fips-") || pseudo.hasSuffix("-fips") {
            region = pseudo.replacingOccurrences(of: "fips-", with: "").replacingOccurrences(of: "-fips", with: "")
            useFIPS = true
        }
        if let override {
            try validateOverride(override)
            return ResolvedEndpoint(url: override, signingRegion: region ?? "us-east-1", isOverride: true)
        }
        guard let region, !region.isEmpty else {
            throw ClientError.invalidConfiguration(
                "Missing Region: set one with --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's region")
        }
        guard MemberPattern.region.matches(region) else {
            throw ClientError.invalidConfiguration("'\(region)' is not a valid region name")
        }
        let partition = Partition.of(region: region)
        let host: String
        switch (useFIPS, useDualStack) {
        case (true, true): host = "\(service)-fips.\(region).\(partition.dualStackDnsSuffix)"
        case (true, false):
            host = partition.id == "aws-us-gov" ? "\(service).\(region).\(partition.dnsSuffix)"
                : "\(service)-fips.\(region).\(partition.dnsSuffix)"
        case (false, true): host = "\(service).\(region).\(partition.dualStackDnsSuffix)"
        case (false, false): host = "\(service).\(region).\(partition.dnsSuffix)"
        }
        guard let url = URL(string: "https://\(host)/") else {
            throw ClientError.invalidConfiguration("cannot build an endpoint for region \(region)")
        }
        return ResolvedEndpoint(url: url, signingRegion: region, isOverride: false)
    }

    /// An override must be an absolute http(s) URL with a host. Plain http is accepted only here, where the
    /// user named it on purpose.
    static func validateOverride(_ url: URL) throws {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty else {
            throw ClientError.invalidConfiguration(
                "endpoint URL '\(url.absoluteString)' must start with https:// or http:// and name a host")
        }
    }
}
