import Foundation
import PCATerminalText

/// One JSON document for standard output: sorted keys, so scripts and diffs see a stable shape.
enum JSONOutput {
    static func render(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value,
                                                     options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "null\n"
        }
        return terminalSafe(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// JSONSerialization escapes C0 controls but leaves DEL, C1 controls (CSI is U+009B), bidi overrides and
    /// the invisible characters (U+200B, U+2028, U+FEFF, ...) raw; they can only stand inside strings, where
    /// `\uXXXX` is the same text to a JSON reader and inert to a terminal. Which characters: `SafeText.isUnsafe`.
    static func terminalSafe(_ json: String) -> String {
        if json.utf8.allSatisfy({ $0 < 0x7F }) { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            // C0 controls are already escaped by JSONSerialization (and the layout's own \n must stay).
            if scalar.value >= 0x7F, SafeText.isUnsafe(scalar) {
                result += String(format: "\\u%04x", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `{"key": [item, item, ...]}` written one item at a time, so a list of 10,000 CAs is never held as one
    /// document in memory. One item a line, keys sorted.
    static func stream<Items: Sequence>(key: String, _ items: Items, to output: CommandOutput) where Items.Element == [String: Any] {
        output.out("{\"\(key)\": [\n")
        var first = true
        for item in items {
            guard let data = try? JSONSerialization.data(withJSONObject: item, options: [.sortedKeys, .withoutEscapingSlashes]) else {
                continue
            }
            output.out((first ? "" : ",\n") + terminalSafe(String(decoding: data, as: UTF8.self)))
            first = false
        }
        output.out("\n]}\n")
    }
}
