import Foundation

/// PEM blocks: `-----BEGIN LABEL-----`, base64, `-----END LABEL-----`.
public enum PEM {
    /// The DER of every block with one of `labels`, in order.
    public static func blocks(_ text: String, labels: Set<String>) -> [(label: String, der: [UInt8])] {
        var found: [(String, [UInt8])] = []
        var rest = Substring(text)
        while let begin = rest.range(of: "-----BEGIN ") {
            guard let labelEnd = rest.range(of: "-----", range: begin.upperBound..<rest.endIndex) else { break }
            let label = String(rest[begin.upperBound..<labelEnd.lowerBound])
            guard let end = rest.range(of: "-----END \(label)-----", range: labelEnd.upperBound..<rest.endIndex) else { break }
            let body = rest[labelEnd.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
            if labels.contains(label), let data = Data(base64Encoded: String(body)) {
                found.append((label, [UInt8](data)))
            }
            rest = rest[end.upperBound...]
        }
        return found
    }

    public static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString()
        var lines: [String] = []
        var index = base64.startIndex
        while index < base64.endIndex {
            let next = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<next]))
            index = next
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }
}
