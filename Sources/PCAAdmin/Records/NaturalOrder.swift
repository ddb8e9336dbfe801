/// Orders text as people read numbers in it: `CA 2` before `CA 10`. Runs of digits compare by value, the
/// rest character by character.
public enum NaturalOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        var left = Array(lhs.unicodeScalars)[...]
        var right = Array(rhs.unicodeScalars)[...]
        while let a = left.first, let b = right.first {
            if isDigit(a), isDigit(b) {
                let leftDigits = left.prefix(while: isDigit)
                let rightDigits = right.prefix(while: isDigit)
                let leftValue = leftDigits.drop { $0 == "0" }
                let rightValue = rightDigits.drop { $0 == "0" }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) { $0.value < $1.value } }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
                continue
            }
            if a != b { return a.value < b.value }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        return left.isEmpty && !right.isEmpty
    }

    /// A key whose plain `<` is the natural order: each run of digits is left-padded with zeros to 20 places
    /// (leading zeros dropped first), so `ca 2` becomes `ca 00000000000000000002`.
    public static func key(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isDigit) else { return text }
        var result = ""
        var digits = ""
        func flush() {
            guard !digits.isEmpty else { return }
            let trimmed = digits.drop { $0 == "0" }
            result += String(repeating: "0", count: max(0, 20 - trimmed.count)) + trimmed
            digits = ""
        }
        for scalar in text.unicodeScalars {
            if isDigit(scalar) {
                digits.unicodeScalars.append(scalar)
            } else {
                flush()
                result.unicodeScalars.append(scalar)
            }
        }
        flush()
        return result
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
