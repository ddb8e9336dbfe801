import Foundation

/// One DER element: its tag and its content bytes, with the children of a constructed element.
/// Reads only definite-length DER (X.509 and PKCS#10 are DER), and never more than the bytes it was given.
public struct DERNode: Sendable, Hashable {
    public var tag: UInt8
    /// The content octets.
    public var content: ArraySlice<UInt8>
    /// The whole element: tag, length and content (what a signature covers).
    public var encoded: ArraySlice<UInt8>

    public static let maximumDepth = 32

    public var isConstructed: Bool { tag & 0x20 != 0 }

    /// Parses exactly one element filling `bytes`.
    public init(_ bytes: [UInt8]) throws {
        var reader = DERReader(bytes[...])
        self = try reader.read()
        guard reader.isAtEnd else { throw X509Error.malformed("trailing bytes after the DER element") }
    }

    init(tag: UInt8, content: ArraySlice<UInt8>, encoded: ArraySlice<UInt8>) {
        self.tag = tag
        self.content = content
        self.encoded = encoded
    }

    /// The elements inside a constructed element.
    public func children() throws -> [DERNode] {
        guard isConstructed else { throw X509Error.malformed("tag \(String(tag, radix: 16)) is not constructed") }
        var reader = DERReader(content)
        var nodes: [DERNode] = []
        while !reader.isAtEnd { nodes.append(try reader.read()) }
        return nodes
    }

    /// The children of a SEQUENCE (or SET), checked for the tag.
    public func sequence(_ expected: UInt8 = DERTag.sequence) throws -> [DERNode] {
        guard tag == expected else {
            throw X509Error.malformed("expected tag \(String(expected, radix: 16)), found \(String(tag, radix: 16))")
        }
        return try children()
    }
}

/// Reads DER elements one after another.
public struct DERReader: Sendable {
    private var bytes: ArraySlice<UInt8>

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { bytes.isEmpty }

    public mutating func read() throws -> DERNode {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { throw X509Error.malformed("truncated DER") }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw X509Error.malformed("multi-byte tags are not used in X.509") }
        var index = start + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { throw X509Error.malformed("bad DER length") }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            guard length >= 0x80 else { throw X509Error.malformed("DER length not minimal") }
        }
        guard bytes.endIndex - index >= length else { throw X509Error.malformed("DER length past the end") }
        let end = index + length
        let node = DERNode(tag: tag, content: bytes[index..<end], encoded: bytes[start..<end])
        bytes = bytes[end...]
        return node
    }
}

/// The universal tags X.509 uses.
public enum DERTag {
    public static let boolean: UInt8 = 0x01
    public static let integer: UInt8 = 0x02
    public static let bitString: UInt8 = 0x03
    public static let octetString: UInt8 = 0x04
    public static let null: UInt8 = 0x05
    public static let objectIdentifier: UInt8 = 0x06
    public static let utf8String: UInt8 = 0x0C
    public static let printableString: UInt8 = 0x13
    public static let ia5String: UInt8 = 0x16
    public static let utcTime: UInt8 = 0x17
    public static let generalizedTime: UInt8 = 0x18
    public static let sequence: UInt8 = 0x30
    public static let set: UInt8 = 0x31

    /// `[n]` constructed (EXPLICIT, or IMPLICIT of a constructed type).
    public static func context(_ number: UInt8) -> UInt8 { 0xA0 | number }
    /// `[n]` primitive (IMPLICIT of a primitive type, e.g. a SAN's dNSName is [2]).
    public static func contextPrimitive(_ number: UInt8) -> UInt8 { 0x80 | number }
}

/// Builds DER.
public enum DER {
    public static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    public static func sequence(_ items: [[UInt8]]) -> [UInt8] { element(DERTag.sequence, items.flatMap { $0 }) }
    public static func set(_ items: [[UInt8]]) -> [UInt8] { element(DERTag.set, items.flatMap { $0 }) }

    /// A non-negative INTEGER from big-endian magnitude bytes (leading zeros dropped, a 0x00 added when the
    /// high bit is set).
    public static func unsignedInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty { bytes = [0] }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return element(DERTag.integer, bytes)
    }

    public static func integer(_ value: Int) -> [UInt8] {
        precondition(value >= 0, "only non-negative integers are encoded here")
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        return unsignedInteger(bytes)
    }

    public static func boolean(_ value: Bool) -> [UInt8] { element(DERTag.boolean, [value ? 0xFF : 0x00]) }
    public static let null: [UInt8] = [DERTag.null, 0x00]
    public static func octetString(_ bytes: [UInt8]) -> [UInt8] { element(DERTag.octetString, bytes) }
    /// A BIT STRING with no unused bits.
    public static func bitString(_ bytes: [UInt8]) -> [UInt8] { element(DERTag.bitString, [0] + bytes) }
    public static func utf8String(_ text: String) -> [UInt8] { element(DERTag.utf8String, Array(text.utf8)) }
    public static func printableString(_ text: String) -> [UInt8] { element(DERTag.printableString, Array(text.utf8)) }
    public static func explicit(_ number: UInt8, _ inner: [UInt8]) -> [UInt8] { element(DERTag.context(number), inner) }

    /// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5).
    public static func time(_ date: Date) -> [UInt8] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        let year = formatter.calendar.component(.year, from: date)
        if (1950...2049).contains(year) {
            formatter.dateFormat = "yyMMddHHmmss'Z'"
            return element(DERTag.utcTime, Array(formatter.string(from: date).utf8))
        }
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return element(DERTag.generalizedTime, Array(formatter.string(from: date).utf8))
    }

    static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}

/// Why DER, a certificate or a request could not be read.
public enum X509Error: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupported(String)
    case badSignature(String)

    public var description: String {
        switch self {
        case let .malformed(what): return "malformed: \(what)"
        case let .unsupported(what): return "unsupported: \(what)"
        case let .badSignature(what): return "bad signature: \(what)"
        }
    }
}
