import Foundation
import PCACommandLine

/// The values of the options given: the shared ones (`CommandCatalog.shared`) and those the command declares.
/// The parser accepts only the options the command declares, so a field here is set only when the command
/// takes it.
public struct GlobalOptions: Sendable {
    public enum OutputFormat: String, Sendable, CaseIterable {
        case text, json, csv
    }

    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public var demo = false
    public var demoState: String?
    public var demoUser = "admin"
    public var readOnly = false
    public var output: OutputFormat?
    public var noColor = false
    public var ascii = false
    public var mouse = false
    public var debug = false
    /// Parallel ListPermissions calls. Higher than the client library's default of 8: the adaptive pacing
    /// backs off when AWS throttles, and large estates list twice as fast.
    public var concurrency = 16
    public var refreshSeconds: Double?
    public var yes = false
    public var warnDays = 30
    /// The estate: `--regions r1,r2|all`, `--profiles p1,p2`, `--all-profiles`, `--organization` (a flag for the
    /// estate commands; `share`/`unshare` take `--organization o-...` as a value, in `organization`),
    /// `--organization-role NAME`, `--estate NAME` (a section of the pca-tui config).
    public var regions: String?
    public var profiles: String?
    public var allProfiles = false
    public var organizationEstate = false
    public var organizationRole: String?
    public var estate: String?
    /// `acm-renewal enable --all-off`: every CA where ACM cannot renew because the grant is missing or partial.
    public var allOff = false
    public var filter: String?
    public var dryRun = false
    /// `share` / `unshare`: the account or organization named.
    public var account: String?
    public var organization: String?
    /// `share --issue`: IssueCertificate with the end-entity template too.
    public var issue = false
    /// `report --strict`: CAs of other accounts (N/A) and DELETED ones count as findings too.
    public var strict = false
    /// `list --wide`: the ARN column too.
    public var wide = false
    /// `--no-acm`: list, describe and report leave out ACM's certificate counts (one DescribeCertificate per
    /// certificate costs time on a large estate).
    public var noACM = false
    /// `history --days N`: how far back CloudTrail is read (1 to 90).
    public var days = 90
    /// `--demo-clock-offset-days N`: the demo's ACM clock runs N days ahead (renewal windows, expiry).
    public var demoClockOffsetDays: Double = 0

    /// `issue`: the request and where the certificate goes.
    public var csrPath: String?
    public var template: String?
    public var validityDays: Int?
    public var validityEnd: String?
    public var signingAlgorithm: String?
    public var idempotencyToken: String?
    public var outPath: String?
    public var chainOutPath: String?
    public var force = false

    public init() {}

    public init(_ parsed: ParsedArguments) throws {
        profile = parsed.value("profile")
        region = parsed.value("region")
        endpointURL = parsed.value("endpoint-url")
        demo = parsed.has("demo") || parsed.value("demo-state") != nil
        demoState = parsed.value("demo-state")
        demoUser = try parsed.choice("demo-user", ["admin", "issuer"]) ?? "admin"
        readOnly = parsed.has("read-only")
        output = try parsed.choice("output", OutputFormat.allCases.map(\.rawValue)).flatMap(OutputFormat.init(rawValue:))
        noColor = parsed.has("no-color")
        ascii = parsed.has("ascii")
        mouse = parsed.has("mouse")
        debug = parsed.has("debug")
        concurrency = try parsed.integer("concurrency", in: 1...64) ?? 16
        refreshSeconds = try parsed.number("refresh", in: 5...86_400)
        yes = parsed.has("yes")
        warnDays = try parsed.integer("warn-days", in: 0...3650) ?? 30
        regions = parsed.value("regions")
        profiles = parsed.value("profiles")
        allProfiles = parsed.has("all-profiles")
        organizationEstate = parsed.has("organization") || parsed.value("organization-role") != nil
        organizationRole = parsed.value("organization-role")
        estate = parsed.value("estate")
        allOff = parsed.has("all-off")
        filter = parsed.value("filter")
        dryRun = parsed.has("dry-run")
        account = parsed.value("account")
        organization = parsed.value("organization")
        issue = parsed.has("issue")
        strict = parsed.has("strict")
        wide = parsed.has("wide")
        noACM = parsed.has("no-acm")
        days = try parsed.integer("days", in: 1...90) ?? 90
        demoClockOffsetDays = try parsed.number("demo-clock-offset-days", in: -36_500...36_500) ?? 0
        csrPath = parsed.value("csr")
        template = parsed.value("template")
        validityDays = try parsed.integer("validity-days", in: 1...36_500)
        validityEnd = parsed.value("validity-end")
        signingAlgorithm = parsed.value("signing-algorithm")
        idempotencyToken = parsed.value("idempotency-token")
        outPath = parsed.value("out")
        chainOutPath = parsed.value("chain-out")
        force = parsed.has("force")
        if profiles != nil, allProfiles {
            throw ArgumentError.invalidValue(option: "profiles", value: profiles ?? "", expected: "either --profiles or --all-profiles")
        }
        if demo, profiles != nil || allProfiles {
            throw ArgumentError.invalidValue(option: "profiles", value: profiles ?? "all", expected: "no profiles with --demo (--demo --organization opens the demo organization)")
        }
        if demo, endpointURL != nil {
            throw ArgumentError.invalidValue(option: "endpoint-url", value: endpointURL ?? "",
                                             expected: "no endpoint with --demo (the demo runs in-process)")
        }
    }
}
