import Foundation
import PCAClient

/// JSON written by hand, for the emulator's largest answers: JSONEncoder spent half the emulator's time on a page
/// of 500 SearchCertificates results. Members are written in the order the caller gives; strings as `JSONText`
/// writes them.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written needs a comma before its next element.
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    var data: Data { Data(bytes) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's name; its value comes next.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ text: String) {
        separate()
        writeString(text)
    }

    /// A number as Swift prints it (the shortest form that reads back as the same Double); a value that is not
    /// finite, which JSON cannot carry, is written as null.
    mutating func number(_ value: Double) {
        separate()
        bytes += Array((value.isFinite ? String(value) : "null").utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes += Array((value ? "true" : "false").utf8)
    }

    /// A value already written as JSON elsewhere.
    mutating func encoded(_ json: [UInt8]) {
        separate()
        bytes += json
    }

    /// Writes `key` and `value` when the value is present; leaves the member out when it is nil.
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func open(_ byte: UInt8) {
        separate()
        bytes.append(byte)
        needsComma.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        needsComma.removeLast()
        bytes.append(byte)
        needsComma[needsComma.count - 1] = true
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func writeString(_ text: String) {
        JSONText.appendString(text, to: &bytes)
    }
}
