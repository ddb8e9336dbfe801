import Foundation
import PCAAdmin
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
    /// What in the file was not understood (an unknown key or value); shown, never silently ignored.
    public var warnings: [String] = []

    public static let keys = ["read_only", "banner"]

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
        var warnings: [String] = []
        for section in sections where section.name == "default" || section.name.hasPrefix("profile ") {
            for key in section.values.keys.sorted() where !keys.contains(key) {
                warnings.append("unknown key '\(key)' in [\(section.name)] (known: \(keys.joined(separator: ", ")))")
            }
        }
        for section in sections where section.name != "default" && !section.name.hasPrefix("profile ") {
            warnings.append("unknown section [\(section.name)] (use [default] or [profile NAME])")
        }
        let values = merged.mapValues(withoutInlineComment)
        var banner: TerminalColor?
        if let name = values["banner"] {
            banner = TerminalColor.allCases.first { "\($0)" == name.lowercased() }
            if banner == nil {
                warnings.append("banner = \(name) is not a colour (red, green, yellow, blue, magenta, cyan, white)")
            }
        }
        var readOnly = false
        if let flag = values["read_only"]?.lowercased() {
            if ["true", "yes", "1"].contains(flag) {
                readOnly = true
            } else if !["false", "no", "0"].contains(flag) {
                // An unreadable value errs on the safe side.
                readOnly = true
                warnings.append("read_only = \(flag) is neither true nor false; read-only is on")
            }
        }
        return ProfileSettings(readOnly: readOnly, banner: banner, warnings: warnings)
    }

    /// `red   ; header colour` is `red`: a `;` or `#` after whitespace starts a comment, as the README writes it.
    static func withoutInlineComment(_ value: String) -> String {
        var result = value
        for marker in [" ;", "\t;", " #", "\t#"] {
            if let range = result.range(of: marker) { result = String(result[..<range.lowerBound]) }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
