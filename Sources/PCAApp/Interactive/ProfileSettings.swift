import Foundation
import PCAClient
import PCATerminalUI

/// Per-profile settings from `$XDG_CONFIG_HOME/pca-tui/config` (default `~/.config/pca-tui/config`):
///
///     [default]
///     read_only = false
///     [profile prod]
///     read_only = true
///     banner = red
///
/// `[default]` applies to every profile; a `[profile NAME]` section overrides it.
public struct ProfileSettings: Sendable, Equatable {
    public var readOnly: Bool
    public var banner: TerminalColor?

    public static func path(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return base + "/pca-tui/config"
    }

    public static func load(profile: String, environment: [String: String]) -> ProfileSettings {
        guard let text = try? String(contentsOfFile: path(environment: environment), encoding: .utf8) else {
            return ProfileSettings(readOnly: false, banner: nil)
        }
        return parse(text, profile: profile)
    }

    public static func parse(_ text: String, profile: String) -> ProfileSettings {
        var merged: [String: String] = [:]
        let sections = SharedConfigFiles.parseINI(text)
        for section in sections where section.name == "default" { merged.merge(section.values) { _, new in new } }
        for section in sections where section.name == "profile \(profile)" { merged.merge(section.values) { _, new in new } }
        let banner = merged["banner"].flatMap { name in TerminalColor.allCases.first { "\($0)" == name.lowercased() } }
        return ProfileSettings(readOnly: ["true", "yes", "1"].contains(merged["read_only"]?.lowercased() ?? ""), banner: banner)
    }
}
