import Foundation
import PCAClient

/// Which accounts and regions to cover, as the user chose them: on the command line (`--profiles`,
/// `--all-profiles`, `--regions`, `--organization`, `--organization-role`) or in an `[estate NAME]` of the
/// pca-tui config (`--estate NAME`), the command line winning key by key.
public struct EstateChoice: Sendable, Equatable {
    public enum Regions: Sendable, Equatable {
        /// Every region of the caller's partition.
        case all
        case list([String])
    }

    public static let defaultOrganizationRole = "OrganizationAccountAccessRole"

    public var name: String?
    /// The profiles to cover; with `organization`, the profiles that list the organization's accounts (the
    /// management account or a delegated administrator). Nil: the `--profile` in use.
    public var profiles: [String]?
    public var allProfiles = false
    /// Nil: each profile's own region.
    public var regions: Regions?
    /// Cover the accounts Organizations ListAccounts names, through `organizationRole`.
    public var organization = false
    public var organizationRole = defaultOrganizationRole
    /// Every account of the estate is read-only.
    public var readOnly = false
    /// Accounts (ids, profile or organization names) that are read-only.
    public var readOnlyAccounts: [String] = []

    public init() {}

    /// The choice the options make, or nil when they name no estate (one account and region, as before).
    public static func resolve(options: GlobalOptions, environment: [String: String]) throws -> EstateChoice? {
        var choice = EstateChoice()
        if let name = options.estate {
            guard let configured = EstateSettings.load(name: name, environment: environment) else {
                let known = EstateSettings.names(environment: environment)
                throw CommandFailure(.usage, "no [estate \(name)] in \(ProfileSettings.path(environment: environment))"
                                     + (known.isEmpty ? "" : "; estates: \(known.joined(separator: ", "))"))
            }
            choice = configured
        } else if options.profiles == nil, !options.allProfiles, options.regions == nil, !options.organizationEstate {
            return nil
        }
        if let profiles = options.profiles { choice.profiles = list(profiles) }
        if options.allProfiles { choice.allProfiles = true }
        if let regions = options.regions { choice.regions = Self.regions(regions) }
        if options.organizationEstate { choice.organization = true }
        if let role = options.organizationRole { choice.organizationRole = role }
        if options.readOnly { choice.readOnly = true }
        return choice
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func regions(_ text: String) -> Regions {
        text.trimmingCharacters(in: .whitespaces) == "all" ? .all : .list(list(text))
    }

    /// True when writes to the account (by id, or by its profile or organization name) are refused.
    public func isReadOnly(account: String?, label: String) -> Bool {
        readOnly || readOnlyAccounts.contains(label) || account.map(readOnlyAccounts.contains) ?? false
    }
}
