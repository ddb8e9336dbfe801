import Foundation

/// One string member of a JSON object's top level, read without decoding the object: a paginated read asks for
/// its next page with the answer's `NextToken` while the answer itself is still being decoded
/// (`Paginator.prefetching`). Anything unusual gives nil, and the caller then waits for the decoded answer: not an
/// object, the member absent or given twice, its value not a string, or a string with escapes. The scan is bounded
/// by the answer's length; it never allocates more than the member's value.
public enum TopLevelMember {
    public static func string(named name: String, in body: Data) -> String? {
        let wanted = Array(name.utf8)
        return body.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = Scanner(bytes: bytes)
            return scanner.member(wanted)
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func member(_ wanted: [UInt8]) -> String? {
            skipWhitespace()
            guard next(is: UInt8(ascii: "{")) else { return nil }
            var depth = 1
            var expectingKey = true
            var found: String?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let (range, escaped) = readString() else { return nil }
                    guard depth == 1, expectingKey else { continue }
                    expectingKey = false
                    skipWhitespace()
                    guard next(is: UInt8(ascii: ":")) else { return nil }
                    guard !escaped, bytes[range].elementsEqual(wanted) else { continue }
                    skipWhitespace()
                    guard found == nil, index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                          let (value, valueEscaped) = readString(), !valueEscaped else { return nil }
                    found = String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
                    continue
                }
                index += 1
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return found }
                case UInt8(ascii: ","):
                    if depth == 1 { expectingKey = true }
                default:
                    break
                }
            }
            return nil
        }

        /// The string starting at `index` (its opening quote): the range of its contents, and whether it has escapes.
        private mutating func readString() -> (Range<Int>, Bool)? {
            index += 1
            let start = index
            var escaped = false
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    let range = start..<index
                    index += 1
                    return (range, escaped)
                case UInt8(ascii: "\\"):
                    escaped = true
                    index += 2
                default:
                    index += 1
                }
            }
            return nil
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private mutating func next(is byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
    }
}
