import Foundation

/// One JSON document for standard output: sorted keys, so scripts and diffs see a stable shape.
enum JSONOutput {
    static func render(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value,
                                                     options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "null\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
