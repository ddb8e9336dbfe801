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
/// `[default]` applies to every profile; a `[profile NAME]` section overrides it. The file is read by the
/// same reader as the AWS CLI's config file (`INIFile`, `SharedConfigFiles.profiles(of:)`), so a header reads
/// the same in both; on top of it, a `;` or `#` after a blank starts a comment in a value.
public struct ProfileSettings: Sendable, Equatable {
    public var readOnly: Bool
    public var banner: TerminalColor?
    /// What in the file was not understood (a line, a section, a key or a value), for every profile in it;
    /// shown with file and line, never silently ignored.
    public var warnings: [ConfigWarning] = []

    public static let keys = ["read_only", "banner"]

    public static func path(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return base + "/pca-tui/config"
    }

    public static func load(profile: String, environment: [String: String]) -> ProfileSettings {
        guard let file = INIFile.load(path: path(environment: environment)) else {
            return ProfileSettings(readOnly: false, banner: nil)
        }
        return resolve(file, profile: profile)
    }

    /// The warnings of the file at `path(environment:)`, for every profile; none when there is no file.
    public static func warnings(environment: [String: String]) -> [ConfigWarning] {
        INIFile.load(path: path(environment: environment)).map(warnings(of:)) ?? []
    }

    public static func parse(_ text: String, profile: String, path: String = "config") -> ProfileSettings {
        resolve(INIFile(text: text, path: path), profile: profile)
    }

    /// The settings of `profile`, with the warnings of the whole file.
    public static func resolve(_ file: INIFile, profile: String) -> ProfileSettings {
        let profiles = SharedConfigFiles.profiles(of: file)
        let values = (profiles["default"] ?? [:]).merging(profiles[profile] ?? [:]) { _, new in new }
        let readOnly = readOnlyFlag(values["read_only"].map(withoutInlineComment))
        let banner = values["banner"].map(withoutInlineComment).flatMap(color)
        return ProfileSettings(readOnly: readOnly ?? true, banner: banner, warnings: warnings(of: file))
    }

    /// `true`/`yes`/`1` or `false`/`no`/`0`, absent is false; anything else is nil, read as read-only on
    /// (an unreadable value errs on the safe side).
    static func readOnlyFlag(_ value: String?) -> Bool? {
        guard let flag = value?.lowercased() else { return false }
        if ["true", "yes", "1"].contains(flag) { return true }
        if ["false", "no", "0"].contains(flag) { return false }
        return nil
    }

    static func color(_ name: String) -> TerminalColor? {
        TerminalColor.allCases.first { "\($0)" == name.lowercased() }
    }

    /// Every warning of the file, whichever profile is in use, in line order and each once.
    static func warnings(of file: INIFile) -> [ConfigWarning] {
        var found = file.warnings
        for section in file.sections {
            let warn = { (line: Int, message: String) in
                found.append(ConfigWarning(file: file.path, line: line, message: message))
            }
            if EstateSettings.name(ofSection: section.name) != nil {
                found += EstateSettings.warnings(section, path: file.path)
                continue
            }
            guard case .profile = SharedConfigFiles.kind(ofSection: section.name) else {
                warn(section.line, "unknown section [\(section.name)], which pca-tui ignores (use [default], "
                     + "[profile NAME] or [estate NAME]); did you mean [profile \(section.name.trimmingCharacters(in: .whitespaces))]?")
                continue
            }
            if let message = SharedConfigFiles.sectionWarning(section.name, reader: "pca-tui") {
                warn(section.line, message)
            }
            for (key, value) in section.values {
                if let message = valueWarning(key: key, value: value.text, section: section.name) {
                    warn(value.line, message)
                }
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0.description).inserted }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    private static func valueWarning(key: String, value: String, section: String) -> String? {
        let text = withoutInlineComment(value).replacingOccurrences(of: "\n", with: "\\n")
        switch key {
        case "read_only":
            if readOnlyFlag(text) != nil { return nil }
            return "read_only = \(text) in [\(section)] is neither true nor false; read-only is on"
        case "banner":
            if color(text) != nil { return nil }
            return "banner = \(text) in [\(section)] is not a colour (red, green, yellow, blue, magenta, cyan, white)"
        default:
            let hint = suggestion(for: key).map { "; did you mean \($0)?" } ?? " (known: \(keys.joined(separator: ", ")))"
            return "unknown key '\(key)' in [\(section)]\(hint)"
        }
    }

    /// The known key `key` was probably meant to be: the same but for `-`, blanks or case, or at most two
    /// letters apart.
    static func suggestion(for key: String, among keys: [String] = keys) -> String? {
        let normalized = key.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if keys.contains(normalized) { return normalized }
        return keys.first { editDistance($0, normalized) <= 2 }
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
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
