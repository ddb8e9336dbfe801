/// HTTP header names compared as RFC 9110 says, case-insensitively: names are ASCII tokens, so ASCII case folding
/// is the whole rule. Done on UTF-8 bytes, without Foundation's locale-aware comparison, because every request
/// looks up and signs its headers.
public enum HeaderName {
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (a?, b?) where fold(a) == fold(b): continue
            default: return false
            }
        }
    }

    /// The name in lower case; a name with non-ASCII bytes (never a valid token) is folded the same way, its
    /// other bytes kept.
    public static func lowercased(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return name }
        return String(decoding: name.utf8.map(fold), as: UTF8.self)
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
