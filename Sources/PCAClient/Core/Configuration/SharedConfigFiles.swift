import Foundation

/// The AWS CLI's shared files, `~/.aws/config` and `~/.aws/credentials`, parsed as botocore parses them.
public struct SharedConfigFiles: Sendable, Equatable {
    /// Config-file profiles by name (`[default]`, `[profile dev]` -> `dev`).
    public var configProfiles: [String: [String: String]] = [:]
    /// Credentials-file profiles by name (`[dev]`).
    public var credentialProfiles: [String: [String: String]] = [:]
    /// `[sso-session NAME]` sections.
    public var ssoSessions: [String: [String: String]] = [:]
    /// `[services NAME]` sections: service key (`acm_pca`) -> setting -> value.
    public var services: [String: [String: [String: String]]] = [:]

    public init() {}

    /// Reads both files from the locations the environment names, or the defaults under `HOME`.
    /// A missing file is empty, as for the AWS CLI.
    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = expandHome(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expandHome(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        var files = SharedConfigFiles()
        if let text = try? String(contentsOfFile: configPath, encoding: .utf8) {
            files.addConfigFile(text)
        }
        if let text = try? String(contentsOfFile: credentialsPath, encoding: .utf8) {
            files.addCredentialsFile(text)
        }
        return files
    }

    public mutating func addConfigFile(_ text: String) {
        for section in INIParser.parse(text) {
            let name = section.name
            if name == "default" {
                configProfiles["default", default: [:]].merge(section.values) { _, new in new }
            } else if name.hasPrefix("profile ") {
                let profile = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                // `[profile default]` wins over `[default]`, as in botocore.
                configProfiles[profile, default: [:]].merge(section.values) { _, new in new }
            } else if name.hasPrefix("sso-session ") {
                ssoSessions[name.dropFirst("sso-session ".count).trimmingCharacters(in: .whitespaces)] = section.values
            } else if name.hasPrefix("services ") {
                services[name.dropFirst("services ".count).trimmingCharacters(in: .whitespaces)] = section.subsections
            }
        }
    }

    public mutating func addCredentialsFile(_ text: String) {
        for section in INIParser.parse(text) {
            credentialProfiles[section.name, default: [:]].merge(section.values) { _, new in new }
        }
    }

    /// Every profile name either file knows, sorted, `default` first.
    public var profileNames: [String] {
        let names = Set(configProfiles.keys).union(credentialProfiles.keys)
        return names.sorted { lhs, rhs in
            if lhs == "default" { return rhs != "default" }
            if rhs == "default" { return false }
            return lhs < rhs
        }
    }

    /// A config-file setting of `profile`.
    public func setting(_ key: String, profile: String) -> String? {
        configProfiles[profile]?[key]
    }

    /// The sections of an INI text in the AWS files' dialect, for other config files in the same format.
    public static func parseINI(_ text: String) -> [(name: String, values: [String: String])] {
        INIParser.parse(text).map { ($0.name, $0.values) }
    }

    static func expandHome(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }
}

/// The INI dialect of the AWS files: `[section]`, `key = value`, indented `sub = value` lines under a key
/// with an empty value, comments starting with `#` or `;` at the start of a line.
enum INIParser {
    struct Section {
        var name: String
        var values: [String: String] = [:]
        var subsections: [String: [String: String]] = [:]
    }

    static func parse(_ text: String) -> [Section] {
        var sections: [Section] = []
        var current: Section?
        var openKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                if let current { sections.append(current) }
                current = Section(name: String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces))
                openKey = nil
                continue
            }
            guard current != nil, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = openKey {
                current?.subsections[parent, default: [:]][key] = value
                continue
            }
            current?.values[key] = value
            openKey = value.isEmpty ? key : nil
        }
        if let current { sections.append(current) }
        return sections
    }
}
