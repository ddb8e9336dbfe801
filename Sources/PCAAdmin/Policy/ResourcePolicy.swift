import Foundation

/// A CA's resource policy as its JSON text, with where each statement sits in that text. Edits splice the
/// text: a statement that is not added or removed keeps its bytes, its order and the whitespace around it,
/// so a change made here never reformats what someone else wrote.
public struct ResourcePolicy: Sendable, Hashable {
    /// Why a policy text cannot be edited safely.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not JSON, or not a JSON object.
        case notJSON
        /// No `Statement` member.
        case noStatement
        /// `Statement` is neither an object nor an array of objects.
        case statementShape

        public var description: String {
            switch self {
            case .notJSON: return "the policy is not a JSON object"
            case .noStatement: return "the policy has no Statement"
            case .statementShape: return "the policy's Statement is neither an object nor a list of objects"
            }
        }
    }

    public static let version = "2012-10-17"

    /// The text exactly as read.
    public let text: String
    public let statements: [PolicyStatement]
    private let bytes: [UInt8]
    /// Where the `Statement` value is, and whether it is an array (IAM also takes a single object).
    private let statementValue: Range<Int>
    private let isArray: Bool
    /// Each statement's bytes in `bytes`.
    private let ranges: [Range<Int>]

    public init(text: String) throws {
        let bytes = Array(text.utf8)
        guard (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any] else { throw ParseError.notJSON }
        var scanner = JSONSpanScanner(bytes: bytes)
        guard let value = try scanner.member("Statement") else { throw ParseError.noStatement }
        var ranges: [Range<Int>] = []
        switch bytes[value.lowerBound] {
        case UInt8(ascii: "["): ranges = try scanner.elements(of: value)
        case UInt8(ascii: "{"): ranges = [value]
        default: throw ParseError.statementShape
        }
        let statements = try ranges.map { range -> PolicyStatement in
            guard bytes[range.lowerBound] == UInt8(ascii: "{"),
                  let statement = PolicyStatement(text: String(decoding: bytes[range], as: UTF8.self)) else {
                throw ParseError.statementShape
            }
            return statement
        }
        self.text = text
        self.bytes = bytes
        self.statements = statements
        self.statementValue = value
        self.isArray = bytes[value.lowerBound] == UInt8(ascii: "[")
        self.ranges = ranges
    }

    /// A new policy holding `statements` (JSON texts), one statement a line.
    public static func text(statements: [String]) -> String {
        "{\n  \"Version\": \"\(version)\",\n  \"Statement\": [\n    "
            + statements.joined(separator: ",\n    ") + "\n  ]\n}"
    }

    /// The text without the statements at `removed`, every other byte kept; nil when no statement remains.
    public func removing(_ removed: Set<Int>) -> String? {
        let kept = statements.indices.filter { !removed.contains($0) }
        guard !kept.isEmpty else { return nil }
        guard !removed.isEmpty else { return text }
        var inner: [UInt8] = Array(bytes[(statementValue.lowerBound + 1)..<ranges[0].lowerBound])
        for (position, index) in kept.enumerated() {
            // Each kept statement comes with the separator that preceded it, so the layout stays as it was.
            if position > 0 { inner += separator(before: index) }
            inner += bytes[ranges[index]]
        }
        inner += bytes[ranges[ranges.count - 1].upperBound..<(statementValue.upperBound - 1)]
        return splice(statementValue, with: [UInt8(ascii: "[")] + inner + [UInt8(ascii: "]")])
    }

    /// The text with `added` (JSON texts) after the last statement, every other byte kept.
    public func appending(_ added: [String]) -> String {
        guard !added.isEmpty else { return text }
        guard isArray else {
            let joined = ([String(decoding: bytes[statementValue], as: UTF8.self)] + added).joined(separator: ",")
            return splice(statementValue, with: Array("[\(joined)]".utf8))
        }
        guard let last = ranges.last else {
            return splice(statementValue, with: Array("[\(added.joined(separator: ","))]".utf8))
        }
        let separator = ranges.count > 1 ? self.separator(before: ranges.count - 1)
            : [UInt8(ascii: ",")] + bytes[(statementValue.lowerBound + 1)..<ranges[0].lowerBound]
        var insertion: [UInt8] = []
        for statement in added { insertion += separator + Array(statement.utf8) }
        return splice(last.upperBound..<last.upperBound, with: insertion)
    }

    /// The bytes between statement `index - 1` and statement `index` (the comma and the whitespace).
    private func separator(before index: Int) -> [UInt8] {
        Array(bytes[ranges[index - 1].upperBound..<ranges[index].lowerBound])
    }

    private func splice(_ range: Range<Int>, with replacement: [UInt8]) -> String {
        String(decoding: bytes[..<range.lowerBound] + replacement + bytes[range.upperBound...], as: UTF8.self)
    }
}

/// Finds where values sit in a JSON text that is already known to be valid: a member of the top-level
/// object, the elements of an array.
struct JSONSpanScanner {
    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte range of the top-level object's member `name`, or nil when it has none.
    mutating func member(_ name: String) throws -> Range<Int>? {
        position = 0
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw ResourcePolicy.ParseError.notJSON }
        position += 1
        var found: Range<Int>?
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "}") { return found }
            if peek == UInt8(ascii: ",") { position += 1; continue }
            let keyStart = position
            try skipString()
            let key = try JSONSerialization.jsonObject(with: Data(("[" + String(decoding: bytes[keyStart..<position], as: UTF8.self) + "]").utf8)) as? [String]
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw ResourcePolicy.ParseError.notJSON }
            position += 1
            skipWhitespace()
            let valueStart = position
            try skipValue()
            // JSON lets a name repeat; as JSON parsers do, the last one wins.
            if key?.first == name { found = valueStart..<position }
        }
    }

    /// The byte ranges of the elements of the array at `array`.
    mutating func elements(of array: Range<Int>) throws -> [Range<Int>] {
        position = array.lowerBound + 1
        var ranges: [Range<Int>] = []
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "]") { return ranges }
            if peek == UInt8(ascii: ",") { position += 1; continue }
            let start = position
            try skipValue()
            ranges.append(start..<position)
        }
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func skipString() throws {
        guard peek == UInt8(ascii: "\"") else { throw ResourcePolicy.ParseError.notJSON }
        position += 1
        while let byte = peek {
            position += 1
            if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { return }
        }
        throw ResourcePolicy.ParseError.notJSON
    }

    private mutating func skipValue() throws {
        guard let byte = peek else { throw ResourcePolicy.ParseError.notJSON }
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Brackets inside strings are skipped with the strings.
            var depth = 0
            repeat {
                guard let current = peek else { throw ResourcePolicy.ParseError.notJSON }
                if current == UInt8(ascii: "\"") { try skipString(); continue }
                if current == UInt8(ascii: "{") || current == UInt8(ascii: "[") { depth += 1 }
                if current == UInt8(ascii: "}") || current == UInt8(ascii: "]") { depth -= 1 }
                position += 1
            } while depth > 0
        default:
            // A number, true, false or null: up to the next delimiter.
            while let current = peek, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(current) {
                position += 1
            }
        }
    }
}
