extension SafeText {
    /// JSON text made inert for a terminal: JSON encoders escape C0 controls but leave DEL, C1 controls (CSI
    /// is U+009B), bidi overrides and invisible characters (U+200B, U+2028, U+FEFF, ...: `isUnsafe`) raw; they can only stand inside strings, where
    /// `\uXXXX` is the same text to a JSON reader and inert to a terminal.
    public static func jsonTerminalSafe(_ json: String) -> String {
        if json.utf8.allSatisfy({ $0 < 0x7F }) { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            // C0 controls are already escaped by the encoder (and the layout's own \n must stay).
            if scalar.value >= 0x7F, isUnsafe(scalar) {
                if scalar.value > 0xFFFF {
                    for unit in String(scalar).utf16 { result += hex4(unit) }
                } else {
                    result += hex4(UInt16(scalar.value))
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
