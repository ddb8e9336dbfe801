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
    /// `trailing` adds more arrays of objects after it, written the same way (their keys must sort after `key`,
    /// to keep the document's keys sorted): an estate's `errors` after its CAs.
    static func stream<Items: Sequence>(key: String, _ items: Items, trailing: [(key: String, items: [[String: Any]])] = [],
                                        to output: CommandOutput) where Items.Element == [String: Any] {
        output.out("{\"\(key)\": [\n")
        writeItems(items, to: output)
        for (name, more) in trailing {
            output.out("\n], \"\(name)\": [\n")
            writeItems(more, to: output)
        }
        output.out("\n]}\n")
    }

    private static func writeItems<Items: Sequence>(_ items: Items, to output: CommandOutput) where Items.Element == [String: Any] {
        var first = true
        for item in items {
            guard let data = CompactJSON.data(item)
                    ?? (try? JSONSerialization.data(withJSONObject: item, options: [.sortedKeys, .withoutEscapingSlashes])) else {
                continue
            }
            output.out((first ? "" : ",\n") + terminalSafe(String(decoding: data, as: UTF8.self)))
            first = false
        }
    }
}
