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

    /// JSON made inert for a terminal: `SafeText.jsonTerminalSafe`, one definition for every JSON sink.
    static func terminalSafe(_ json: String) -> String {
        SafeText.jsonTerminalSafe(json)
    }

    /// `{"key": [item, item, ...]}` written one item at a time, so a list of 10,000 CAs is never held as one
    /// document in memory. One item a line, keys sorted.
    static func stream<Items: Sequence>(key: String, _ items: Items, to output: CommandOutput) where Items.Element == [String: Any] {
        output.out("{\"\(key)\": [\n")
        var first = true
        for item in items {
            guard let data = CompactJSON.data(item)
                    ?? (try? JSONSerialization.data(withJSONObject: item, options: [.sortedKeys, .withoutEscapingSlashes])) else {
                continue
            }
            output.out((first ? "" : ",\n") + terminalSafe(String(decoding: data, as: UTF8.self)))
            first = false
        }
        output.out("\n]}\n")
    }
}
