import Foundation

/// The AWS CLI's shared files, `~/.aws/config` and `~/.aws/credentials`, read as botocore reads them
/// (`INIFile` for the lines, `botocore.configloader.build_profile_map` and `Session.full_config` for the
/// sections).
public struct SharedConfigFiles: Sendable, Equatable {
    /// Config-file profiles by name (`[default]`, `[profile dev]` -> `dev`), the config file only.
    public var configProfiles: [String: [String: String]] = [:]
    /// Credentials-file sections by their name as written (`[dev]` -> `dev`; `[profile dev]` -> `profile dev`).
    public var credentialProfiles: [String: [String: String]] = [:]
    /// `[sso-session NAME]` sections.
    public var ssoSessions: [String: [String: String]] = [:]
    /// `[services NAME]` sections: service key (`acm_pca`) -> setting -> value.
    public var services: [String: [String: [String: String]]] = [:]
    /// What in either file the AWS CLI reads differently from how it looks, or cannot read; file and line.
    public var warnings: [ConfigWarning] = []

    public init() {}

    /// Reads both files from the locations the environment names, or the defaults under `HOME`.
    /// A missing file is empty, as for the AWS CLI.
    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = expandHome(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expandHome(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        var files = SharedConfigFiles()
        if let file = INIFile.load(path: configPath) {
            files.addConfigFile(file)
        }
        if let file = INIFile.load(path: credentialsPath) {
            files.addCredentialsFile(file)
        }
        return files
    }

    public mutating func addConfigFile(_ text: String, path: String = "config") {
        addConfigFile(INIFile(text: text, path: path))
    }

    public mutating func addCredentialsFile(_ text: String, path: String = "credentials") {
        addCredentialsFile(INIFile(text: text, path: path))
    }

    public mutating func addConfigFile(_ file: INIFile) {
        warnings += file.warnings + Self.inlineCommentWarnings(file)
        var defaultProfileLine: (name: String, line: Int)?
        for section in file.sections {
            switch Self.kind(ofSection: section.name) {
            case let .profile(name):
                if name == "default" {
                    if let earlier = defaultProfileLine {
                        warnings.append(ConfigWarning(
                            file: file.path, line: section.line,
                            message: "[\(section.name)] and [\(earlier.name)] (line \(earlier.line)) both are the default "
                                + "profile; the AWS CLI reads only this later one"))
                    }
                    defaultProfileLine = (section.name, section.line)
                }
                // Later sections replace earlier ones whole, as in botocore: `[profile default]` after `[default]`.
                configProfiles[name] = section.flatValues
            case let .ssoSession(name):
                ssoSessions[name] = section.flatValues
            case let .services(name):
                services[name] = section.values.compactMapValues(\.nested)
            case .other, .unreadable:
                break
            }
            if let message = Self.configSectionWarning(section.name) {
                warnings.append(ConfigWarning(file: file.path, line: section.line, message: message))
            }
        }
    }

    public mutating func addCredentialsFile(_ file: INIFile) {
        warnings += file.warnings + Self.inlineCommentWarnings(file)
        for section in file.sections {
            credentialProfiles[section.name] = section.flatValues
            let trimmed = section.name.trimmingCharacters(in: .whitespaces)
            if trimmed != section.name || trimmed.hasPrefix("profile ") {
                let plain = trimmed.hasPrefix("profile ") ? String(trimmed.dropFirst("profile ".count)) : trimmed
                warnings.append(ConfigWarning(
                    file: file.path, line: section.line,
                    message: "in the credentials file, [\(section.name)] is the profile named '\(section.name)', "
                        + "as the AWS CLI reads it; did you mean [\(plain.trimmingCharacters(in: .whitespaces))]?"))
            }
        }
    }

    /// A profile's settings as botocore's scoped config has them: the config file's, each overridden by the
    /// credentials file's section of the same name (so `region` or `role_arn` there count too).
    public func profile(_ name: String) -> [String: String]? {
        switch (configProfiles[name], credentialProfiles[name]) {
        case (nil, nil): return nil
        case let (config, credentials): return (config ?? [:]).merging(credentials ?? [:]) { _, new in new }
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

    /// A setting of `profile`, from its scoped config.
    public func setting(_ key: String, profile: String) -> String? {
        self.profile(profile)?[key]
    }

    /// What a section of a config file is for botocore (`build_profile_map`).
    public enum SectionKind: Sendable, Equatable {
        /// `[default]`, or `[profile NAME]`: any header starting with `profile` that splits, shell-like, in two.
        case profile(String)
        case ssoSession(String)
        case services(String)
        /// A header botocore keeps outside the profiles (`[plugins]`, or `[prod]` without `profile`).
        case other
        /// A `profile`, `sso-session` or `services` header botocore drops (`[profile a b]`, an open quote).
        case unreadable
    }

    public static func kind(ofSection name: String) -> SectionKind {
        if name == "default" { return .profile("default") }
        let makers: [(prefix: String, make: (String) -> SectionKind)] = [
            ("profile", SectionKind.profile), ("sso-session", SectionKind.ssoSession), ("services", SectionKind.services),
        ]
        for maker in makers where name.hasPrefix(maker.prefix) {
            guard let words = ShellWords.shlexSplit(name), words.count == 2 else { return .unreadable }
            return maker.make(words[1])
        }
        return .other
    }

    /// The profiles of a file in the config file's format, as `botocore.configloader.load_config` builds them.
    public static func profiles(of file: INIFile) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        for section in file.sections {
            if case let .profile(name) = kind(ofSection: section.name) { profiles[name] = section.flatValues }
        }
        return profiles
    }

    /// Why a config-file header is not read as it looks, or nil: a header that starts like a profile but that
    /// botocore drops (`[profile a b]`) or renames (`[profiles a]` is `[profile a]`). `reader` names who reads it.
    public static func sectionWarning(_ name: String, reader: String) -> String? {
        switch kind(ofSection: name) {
        case .other:
            return nil
        case .unreadable:
            return "\(reader) ignores [\(name)]: a profile is [profile NAME], one word or a name in quotes"
        case let .profile(profile), let .ssoSession(profile), let .services(profile):
            guard name != "default",
                  let expected = ["profile", "sso-session", "services"].first(where: { name.hasPrefix($0) }),
                  ShellWords.shlexSplit(name)?.first != expected else { return nil }
            return "\(reader) reads [\(name)] as [\(expected) \(profile)]"
        }
    }

    /// Why a config-file header does not do what it looks like, or nil when it does.
    static func configSectionWarning(_ name: String) -> String? {
        guard kind(ofSection: name) == .other else { return sectionWarning(name, reader: "the AWS CLI") }
        if ["plugins", "preview", "toplevel"].contains(name) { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let suggestion = trimmed == "default" || trimmed.hasPrefix("profile ") || trimmed.hasPrefix("sso-session ")
            || trimmed.hasPrefix("services ") ? "[\(trimmed)]" : "[profile \(trimmed)]"
        return "[\(name)] is not a profile in the config file, and the AWS CLI ignores it; did you mean \(suggestion)?"
    }

    /// Values that look as if they end in a comment: botocore keeps `us-east-1 # prod` whole. The value itself
    /// is never quoted (it may be a secret).
    static func inlineCommentWarnings(_ file: INIFile) -> [ConfigWarning] {
        var found: [ConfigWarning] = []
        for section in file.sections {
            for (key, value) in section.values.sorted(by: { $0.value.line < $1.value.line })
            where [" #", "\t#", " ;", "\t;"].contains(where: value.text.contains) {
                found.append(ConfigWarning(
                    file: file.path, line: value.line,
                    message: "the value of '\(key)' in [\(section.name)] goes on after a blank and '#' or ';'; the AWS CLI "
                        + "reads that as part of the value, not as a comment (a comment needs a line of its own)"))
            }
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0.description).inserted }
    }

    static func expandHome(_ path: String, home: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }
}
