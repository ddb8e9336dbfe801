import Foundation
import PCAClient

/// Named estates in the pca-tui config, beside the per-profile settings:
///
///     [estate prod]
///     profiles = org-management
///     organization_role = OrganizationAccountAccessRole
///     regions = us-east-1, eu-west-1
///     read_only = false
///     read_only_accounts = 111122223333, payments
///
/// `organization_role` (or `organization = true`) covers every ACTIVE account of the organization the
/// `profiles` list; without it, `profiles` (or `all_profiles = true`) are the accounts. Unknown keys and
/// unreadable values warn, with file and line.
public enum EstateSettings {
    public static let keys = ["profiles", "all_profiles", "regions", "organization", "organization_role", "read_only",
                              "read_only_accounts"]

    /// `prod` of `[estate prod]`; nil for another section.
    static func name(ofSection section: String) -> String? {
        let words = section.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2, words[0] == "estate" else { return nil }
        return String(words[1])
    }

    /// The estates the config names.
    public static func names(environment: [String: String]) -> [String] {
        (INIFile.load(path: ProfileSettings.path(environment: environment))?.sections ?? []).compactMap { name(ofSection: $0.name) }
    }

    public static func load(name: String, environment: [String: String]) -> EstateChoice? {
        INIFile.load(path: ProfileSettings.path(environment: environment)).flatMap { choice(name: name, in: $0) }
    }

    public static func parse(_ text: String, name: String, path: String = "config") -> EstateChoice? {
        choice(name: name, in: INIFile(text: text, path: path))
    }

    /// The `[estate NAME]` of the file as a choice; nil when there is none. An unreadable read-only value
    /// reads as read-only (the safe side); the warnings say so.
    static func choice(name: String, in file: INIFile) -> EstateChoice? {
        guard let section = file.sections.last(where: { Self.name(ofSection: $0.name) == name }) else { return nil }
        let values = section.flatValues.mapValues(ProfileSettings.withoutInlineComment)
        var choice = EstateChoice()
        choice.name = name
        choice.profiles = values["profiles"].map(EstateChoice.list)
        choice.allProfiles = ProfileSettings.readOnlyFlag(values["all_profiles"]) ?? false
        choice.regions = values["regions"].map(EstateChoice.regions)
        choice.organization = (ProfileSettings.readOnlyFlag(values["organization"]) ?? false) || values["organization_role"] != nil
        if let role = values["organization_role"], !role.isEmpty { choice.organizationRole = role }
        choice.readOnly = ProfileSettings.readOnlyFlag(values["read_only"]) ?? true
        choice.readOnlyAccounts = values["read_only_accounts"].map(EstateChoice.list) ?? []
        return choice
    }

    /// What in an `[estate NAME]` section was not understood.
    static func warnings(_ section: INIFile.Section, path: String) -> [ConfigWarning] {
        var found: [ConfigWarning] = []
        for (key, value) in section.values {
            let text = ProfileSettings.withoutInlineComment(value.text).replacingOccurrences(of: "\n", with: "\\n")
            let message: String?
            switch key {
            case "read_only", "all_profiles", "organization":
                message = ProfileSettings.readOnlyFlag(text) == nil
                    ? "\(key) = \(text) in [\(section.name)] is neither true nor false" + (key == "read_only" ? "; read-only is on" : "")
                    : nil
            case "regions":
                let bad = EstateChoice.list(text).filter { $0 != "all" && !MemberPattern.region.matches($0) }
                message = bad.isEmpty ? nil : "regions in [\(section.name)]: '\(bad.joined(separator: ", "))' is not a region name"
            case "profiles", "organization_role", "read_only_accounts":
                message = text.isEmpty ? "\(key) in [\(section.name)] is empty" : nil
            default:
                let hint = ProfileSettings.suggestion(for: key, among: keys).map { "; did you mean \($0)?" }
                    ?? " (known: \(keys.joined(separator: ", ")))"
                message = "unknown key '\(key)' in [\(section.name)]\(hint)"
            }
            if let message { found.append(ConfigWarning(file: path, line: value.line, message: message)) }
        }
        return found
    }
}
