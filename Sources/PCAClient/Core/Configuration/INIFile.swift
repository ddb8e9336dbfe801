import Foundation

/// One INI file read as botocore reads `~/.aws/config` and `~/.aws/credentials`: Python's
/// `configparser.RawConfigParser()` with its defaults, then botocore's nested values (`configloader.py`).
///
/// - `[header]`: everything between the first `[` and the last `]` of the line, blanks kept, so
///   `[prod]  # keys` is the section `prod`;
/// - `key = value` or `key: value`, split at the first `=` or `:`; keys are lowercased, values kept as
///   written: `region = us-east-1 # prod` is the value `us-east-1 # prod` (no inline comments);
/// - `#` and `;` start a comment only at the start of a line;
/// - a line indented deeper than its key continues that key's value, also when it looks like a header;
///   a value that starts on the next line (`s3 =` then `  key = v`) is a nested section;
/// - `[DEFAULT]` lends its keys to every section.
///
/// Where the AWS CLI refuses the whole file (a duplicate section or key, a line that is neither, a byte order
/// mark, text before the first header), this reader keeps what it can and adds a warning naming the line.
public struct INIFile: Sendable, Equatable {
    /// A value with the line its key is on.
    public struct Value: Sendable, Equatable {
        /// The value as botocore's configparser returns it (continuation lines joined with newlines).
        public var text: String
        /// The `key = value` lines of a value that starts on the next line, as botocore's `_parse_nested`.
        public var nested: [String: String]?
        public var line: Int
    }

    public struct Section: Sendable, Equatable {
        /// The text between the brackets, blanks included.
        public var name: String
        /// The line of the section's first header.
        public var line: Int
        public var values: [String: Value]

        /// The values as text, for sections without nested values.
        public var flatValues: [String: String] { values.mapValues(\.text) }
    }

    public let path: String
    /// The sections in the order they first appear, with `[DEFAULT]`'s keys filled in.
    public private(set) var sections: [Section] = []
    public private(set) var warnings: [ConfigWarning] = []

    /// Reads `path`; nil when there is no such file (an empty file for the AWS CLI).
    public static func load(path: String) -> INIFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return INIFile(data: data, path: path)
    }

    public init(data: Data, path: String) {
        self.path = path
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
            warn(1, "the file starts with a UTF-8 byte order mark, which the AWS CLI cannot read; save it without one")
        }
        var text = String(data: bytes, encoding: .utf8) ?? ""
        if text.isEmpty, !bytes.isEmpty {
            warn(nil, "the file is not UTF-8 text, which the AWS CLI cannot read")
            text = String(decoding: bytes, as: UTF8.self)
        }
        read(text)
    }

    public init(text: String, path: String) {
        self.init(data: Data(text.utf8), path: path)
    }

    private mutating func warn(_ line: Int?, _ message: String) {
        warnings.append(ConfigWarning(file: path, line: line, message: message))
    }

    /// configparser's `_read`: one pass over the lines, then the multi-line values joined.
    private mutating func read(_ text: String) {
        var parser = LineReader()
        for (index, line) in PythonText.lines(text, at: PythonText.fileLineBreaks).enumerated() {
            parser.read(line, number: index + 1) { warn($0, $1) }
        }
        sections = parser.sections.map { section in
            var values = section.values.mapValues { finish($0) }
            for (key, value) in parser.defaults where values[key] == nil {
                values[key] = finish(value)
            }
            return Section(name: section.name, line: section.line, values: values)
        }
    }

    private mutating func finish(_ value: LineReader.RawValue) -> Value {
        let text = PythonText.rstrip(value.parts.joined(separator: "\n"))
        guard text.unicodeScalars.first == "\n" else { return Value(text: text, nested: nil, line: value.line) }
        var nested: [String: String] = [:]
        for line in PythonText.lines(text, at: PythonText.splitlinesBreaks) {
            let stripped = PythonText.strip(line)
            if stripped.isEmpty { continue }
            let scalars = stripped.unicodeScalars
            guard let equals = scalars.firstIndex(of: "=") else {
                warn(value.line, "a nested setting under '\(value.key)' has no '=', which the AWS CLI cannot read")
                continue
            }
            nested[PythonText.strip(String(String.UnicodeScalarView(scalars[..<equals])))] =
                PythonText.strip(String(String.UnicodeScalarView(scalars[scalars.index(after: equals)...])))
        }
        return Value(text: text, nested: nested, line: value.line)
    }
}

/// The state of configparser's line loop.
private struct LineReader {
    struct RawValue {
        var key: String
        var parts: [String]
        var line: Int
    }

    struct RawSection {
        var name: String
        var line: Int
        var values: [String: RawValue] = [:]
    }

    enum Target: Equatable {
        case none
        case defaults
        case section(Int)
    }

    var sections: [RawSection] = []
    var defaults: [String: RawValue] = [:]
    private var index: [String: Int] = [:]
    private var current = Target.none
    private var currentName = ""
    private var option: String?
    private var indentLevel = 0
    private var seenOptions: Set<String> = []
    /// Options already warned about for their continuation lines.
    private var continuedWarned: Set<String> = []

    mutating func read(_ line: String, number: Int, warn: (Int, String) -> Void) {
        let stripped = PythonText.strip(line)
        let first = stripped.unicodeScalars.first
        let isComment = first == "#" || first == ";"
        if stripped.isEmpty || isComment {
            if !isComment, let option, !option.isEmpty { append("", to: option) }
            return
        }
        let indent = line.unicodeScalars.prefix { PythonText.isSpace($0) }.count
        if current != .none, let option, !option.isEmpty, indent > indentLevel {
            continueValue(of: option, with: stripped, line: number, warn: warn)
            return
        }
        indentLevel = indent
        if let name = Self.header(stripped) {
            openSection(name, line: number, warn: warn)
        } else if current == .none {
            warn(number, "a line before the first [section] header, which the AWS CLI cannot read")
        } else {
            readOption(stripped, line: number, warn: warn)
        }
    }

    /// configparser's `\[(?P<header>.+)\]` matched at the start: up to the last `]`, whatever follows it.
    static func header(_ stripped: String) -> String? {
        let scalars = stripped.unicodeScalars
        guard scalars.first == "[", let close = scalars.lastIndex(of: "]") else { return nil }
        let name = scalars[scalars.index(after: scalars.startIndex)..<close]
        return name.isEmpty ? nil : String(String.UnicodeScalarView(name))
    }

    private mutating func openSection(_ name: String, line: Int, warn: (Int, String) -> Void) {
        option = nil
        currentName = name
        if let existing = index[name] {
            warn(line, "[\(name)] appears a second time (first on line \(sections[existing].line)), which the AWS CLI "
                 + "cannot read; its keys are added to the first")
            current = .section(existing)
        } else if name == "DEFAULT" {
            current = .defaults
        } else {
            index[name] = sections.count
            current = .section(sections.count)
            sections.append(RawSection(name: name, line: line))
        }
    }

    private mutating func readOption(_ stripped: String, line: Int, warn: (Int, String) -> Void) {
        let scalars = stripped.unicodeScalars
        guard let delimiter = scalars.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            warn(line, "in [\(currentName)], a line that is neither a [section] header nor 'key = value', "
                 + "which the AWS CLI cannot read; it is ignored")
            return
        }
        let key = PythonText.rstrip(String(String.UnicodeScalarView(scalars[..<delimiter]))).lowercased()
        let value = PythonText.strip(String(String.UnicodeScalarView(scalars[scalars.index(after: delimiter)...])))
        option = key
        guard !key.isEmpty else {
            warn(line, "in [\(currentName)], a value without a key, which the AWS CLI cannot read; it is ignored")
            return
        }
        let seenKey = currentName + "\u{0}" + key
        if seenOptions.contains(seenKey) {
            warn(line, "'\(key)' is set a second time in [\(currentName)], which the AWS CLI cannot read; "
                 + "this later value is used")
        }
        seenOptions.insert(seenKey)
        set(RawValue(key: key, parts: [value], line: line))
    }

    private mutating func continueValue(of key: String, with text: String, line: Int, warn: (Int, String) -> Void) {
        let startsNested = value(of: key)?.parts.first?.isEmpty ?? true
        let warnKey = currentName + "\u{0}" + key
        if !startsNested, !continuedWarned.contains(warnKey) {
            continuedWarned.insert(warnKey)
            warn(line, "this line is indented, so the AWS CLI reads it as part of the value of '\(key)' in "
                 + "[\(currentName)]; remove the indentation if it is a key or a section of its own")
        }
        append(text, to: key)
    }

    private func value(of key: String) -> RawValue? {
        switch current {
        case .none: return nil
        case .defaults: return defaults[key]
        case let .section(position): return sections[position].values[key]
        }
    }

    private mutating func set(_ value: RawValue) {
        switch current {
        case .none: return
        case .defaults: defaults[value.key] = value
        case let .section(position): sections[position].values[value.key] = value
        }
    }

    private mutating func append(_ text: String, to key: String) {
        guard var value = value(of: key) else { return }
        value.parts.append(text)
        set(value)
    }
}

/// Python's notions of blank and of a line, which botocore's reading depends on (`str.strip`,
/// `str.splitlines`).
enum PythonText {
    /// `str.isspace()`.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func strip<S: StringProtocol>(_ text: S) -> String {
        rstrip(String(String.UnicodeScalarView(text.unicodeScalars.drop(while: isSpace))))
    }

    static func rstrip<S: StringProtocol>(_ text: S) -> String {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Where Python's text mode ends a line of a file: `\n`, `\r\n` and `\r`.
    static let fileLineBreaks: Set<UInt32> = [0x0A, 0x0D]
    /// Where `str.splitlines()` ends a line: also at vertical tab, form feed, the file/group/record
    /// separators, NEL and the Unicode line and paragraph separators.
    static let splitlinesBreaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]

    /// The lines of `text`, split at `breaks` (`\r\n` counts once), without a last empty line.
    static func lines(_ text: String, at breaks: Set<UInt32>) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if breaks.contains(scalar.value) {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
