import Foundation
import PCAClient

/// One JSON object on one line, byte for byte what `JSONSerialization` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, without its cost: Foundation sorts keys with a localized comparison (ICU
/// collation, a locale made per comparison), which was a quarter of `list`'s CPU at 2,000 CAs.
///
/// Only the shapes the commands write are handled (strings, booleans, integers, null, arrays, objects whose
/// keys are ASCII letters, digits and underscores, neighbouring keys told apart before any digit): for those, the
/// case-insensitive localized order is the order of the lowercased bytes. Anything else returns nil, and the
/// caller falls back to `JSONSerialization`.
enum CompactJSON {
    static func data(_ object: [String: Any]) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        guard write(object, into: &bytes) else { return nil }
        return Data(bytes)
    }

    private static func write(_ value: Any, into bytes: inout [UInt8]) -> Bool {
        switch value {
        case let text as String:
            writeString(text, into: &bytes)
        case let flag as Bool:
            bytes += Array((flag ? "true" : "false").utf8)
        case let number as Int:
            bytes += Array(String(number).utf8)
        case is NSNull:
            bytes += Array("null".utf8)
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(element, into: &bytes) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            return writeObject(object, into: &bytes)
        default:
            return false
        }
        return true
    }

    private static func writeObject(_ object: [String: Any], into bytes: inout [UInt8]) -> Bool {
        var keyed: [(key: [UInt8], name: String, value: Any)] = []
        keyed.reserveCapacity(object.count)
        for (name, value) in object {
            guard let key = sortKey(name) else { return false }
            keyed.append((key, name, value))
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        for index in keyed.indices.dropFirst() where !decidedBeforeDigits(keyed[index - 1].key, keyed[index].key) { return false }
        bytes.append(UInt8(ascii: "{"))
        for (index, entry) in keyed.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(entry.name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            guard write(entry.value, into: &bytes) else { return false }
        }
        bytes.append(UInt8(ascii: "}"))
        return true
    }

    /// Whether two distinct sorted keys are ordered by a letter or underscore, before any digit: Foundation
    /// compares runs of digits by value and puts punctuation before digits, which plain bytes do not. Checking each
    /// pair of neighbours suffices, as both orders are total. (`dueWithin60Days` beside `failedByReason` is decided
    /// at its first letter; `a9` beside `a10` is not, and the object goes to Foundation.)
    private static func decidedBeforeDigits(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs != rhs else { return false }
        let common = zip(lhs, rhs).prefix { $0 == $1 }.count
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return !lhs.prefix(common + 1).contains(where: isDigit) && !rhs.prefix(common + 1).contains(where: isDigit)
    }

    /// The lowercased bytes of a key made of ASCII letters, digits and underscores; nil for any other key, whose
    /// localized order this writer does not reproduce.
    private static func sortKey(_ name: String) -> [UInt8]? {
        var key: [UInt8] = []
        key.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"), UInt8(ascii: "0")...UInt8(ascii: "9"): key.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(byte + 32)
            default: return nil
            }
        }
        return key
    }

    /// Foundation's escaping: quote, backslash and C0 controls; everything else (slashes included) as is.
    private static func writeString(_ text: String, into bytes: inout [UInt8]) {
        JSONText.appendString(text, to: &bytes)
    }
}
