import Foundation

/// A JSON document parsed into plain values, for the few large answers pca-tui decodes by hand
/// (SearchCertificates' pages of 500 results took JSONDecoder about as long as the page took to arrive).
///
/// Strict RFC 8259: one value with optional whitespace around it; no comments, no trailing commas, no NaN; strings
/// valid UTF-8 with no raw control characters, escapes as the RFC lists them, surrogates in pairs; numbers in the
/// RFC's grammar, finite as Doubles and not rounded to zero from a non-zero value; at most `maximumDepth` levels of nesting. Anything else throws, and the
/// caller falls back to JSONDecoder, whose error then describes the answer: the hand-decoded path never accepts an
/// answer JSONDecoder would refuse.
public indirect enum JSONNode: Sendable, Equatable {
    /// Members in the order written, duplicates kept (see `member(_:)`).
    case object([(key: String, value: JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static let maximumDepth = 512

    public struct ParseError: Error, Equatable {
        public let offset: Int
        public let reason: String
    }

    public static func parse(_ data: Data) throws -> JSONNode {
        try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
            return try parser.document()
        }
    }

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case let (.object(left), .object(right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(left), .array(right)): return left == right
        case let (.string(left), .string(right)): return left == right
        case let (.number(left), .number(right)): return left == right
        case let (.bool(left), .bool(right)): return left == right
        case (.null, .null): return true
        default: return false
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func document() throws -> JSONNode {
            let node = try value()
            skipWhitespace()
            guard index == bytes.count else { throw failure("text after the value") }
            return node
        }

        private func failure(_ reason: String) -> ParseError {
            ParseError(offset: index, reason: reason)
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private mutating func value() throws -> JSONNode {
            skipWhitespace()
            guard index < bytes.count else { throw failure("a value is missing") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count,
                  UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(
                      UnsafeBufferPointer(start: word.utf8Start, count: count)) else { throw failure("not a JSON value") }
            index += count
        }

        private mutating func nest() throws {
            depth += 1
            guard depth <= JSONNode.maximumDepth else { throw failure("nested more than \(JSONNode.maximumDepth) levels") }
        }

        private mutating func object() throws -> JSONNode {
            try nest()
            defer { depth -= 1 }
            index += 1
            var members: [(key: String, value: JSONNode)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("a member name is missing") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("a colon is missing") }
                index += 1
                members.append((key, try value()))
                skipWhitespace()
                guard index < bytes.count else { throw failure("an object is not closed") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: throw failure("a comma or closing brace is missing")
                }
            }
        }

        private mutating func array() throws -> JSONNode {
            try nest()
            defer { depth -= 1 }
            index += 1
            var elements: [JSONNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                elements.append(try value())
                skipWhitespace()
                guard index < bytes.count else { throw failure("an array is not closed") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(elements)
                default: throw failure("a comma or closing bracket is missing")
                }
            }
        }

        /// The string starting at `index` (its opening quote).
        private mutating func string() throws -> String {
            index += 1
            let start = index
            // Most strings have no escape: validated and copied in one go.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    guard let text else { throw failure("a string is not valid UTF-8") }
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw failure("a control character inside a string") }
                index += 1
            }
            var unescaped = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: unescaped, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    try escape(into: &unescaped)
                default:
                    guard byte >= 0x20 else { throw failure("a control character inside a string") }
                    unescaped.append(byte)
                    index += 1
                }
            }
            throw failure("a string is not closed")
        }

        /// One escape after its backslash.
        private mutating func escape(into text: inout [UInt8]) throws {
            guard index < bytes.count else { throw failure("a string is not closed") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw failure("a lone high surrogate")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("a high surrogate without its low half") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw failure("a lone low surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw failure("not a Unicode scalar") }
                UTF8.encode(unicode) { text.append($0) }
            default:
                throw failure("an unknown escape")
            }
        }

        private mutating func hex4() throws -> UInt32 {
            guard bytes.count - index >= 4 else { throw failure("a \\u escape is cut short") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("a \\u escape has a non-hex digit")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// A number in RFC 8259's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number() throws -> Double {
            let start = index
            var nonZeroDigit = false
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw failure("not a JSON value") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                guard digits() > 0 else { throw failure("not a JSON value") }
                nonZeroDigit = true
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let first = index
                guard digits() > 0 else { throw failure("a number has no digits after its point") }
                nonZeroDigit = nonZeroDigit || bytes[first..<index].contains { $0 != UInt8(ascii: "0") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure("a number has no digits in its exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let number = Double(text), number.isFinite else { throw failure("a number out of range") }
            // JSONDecoder refuses a number too small for a Double (1e-400) rather than read it as 0.
            guard number != 0 || !nonZeroDigit else { throw failure("a number too small for a Double") }
            return number
        }
    }
}
