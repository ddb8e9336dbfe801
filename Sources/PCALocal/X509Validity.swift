import Foundation

/// Reads the validity of an X.509 certificate from its DER: just enough ASN.1 to walk to
/// `tbsCertificate.validity` (RFC 5280 section 4.1), for certificates made outside the emulator.
enum X509Validity {
    static func read(pem: String) -> (notBefore: Date, notAfter: Date)? {
        guard let start = pem.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = pem.range(of: "-----END CERTIFICATE-----", range: start.upperBound..<pem.endIndex) else { return nil }
        let body = pem[start.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: String(body)) else { return nil }
        return read(der: [UInt8](der))
    }

    static func read(der: [UInt8]) -> (notBefore: Date, notAfter: Date)? {
        var reader = DERReader(bytes: der[...])
        guard let certificate = reader.next(), certificate.tag == 0x30 else { return nil }
        var outer = DERReader(bytes: certificate.content)
        guard let tbs = outer.next(), tbs.tag == 0x30 else { return nil }
        var fields = DERReader(bytes: tbs.content)
        guard var item = fields.next() else { return nil }
        if item.tag == 0xA0 {  // [0] version
            guard let next = fields.next() else { return nil }
            item = next
        }
        // item is the serial number; then signature algorithm, issuer, validity.
        guard item.tag == 0x02, fields.next()?.tag == 0x30, fields.next()?.tag == 0x30,
              let validity = fields.next(), validity.tag == 0x30 else { return nil }
        var times = DERReader(bytes: validity.content)
        guard let first = times.next(), let second = times.next(),
              let notBefore = time(first), let notAfter = time(second) else { return nil }
        return (notBefore, notAfter)
    }

    /// UTCTime (YYMMDDHHMMSSZ, years 1950-2049) or GeneralizedTime (YYYYMMDDHHMMSSZ).
    private static func time(_ element: DERReader.Element) -> Date? {
        guard let text = String(bytes: element.content, encoding: .ascii), text.hasSuffix("Z") else { return nil }
        let digits = String(text.dropLast())
        let full: String
        switch (element.tag, digits.count) {
        case (0x17, 12):
            guard let year = Int(digits.prefix(2)) else { return nil }
            full = (year >= 50 ? "19" : "20") + digits
        case (0x18, 14):
            full = digits
        default:
            return nil
        }
        guard full.allSatisfy(\.isNumber) else { return nil }
        var parts = DateComponents()
        parts.calendar = Calendar(identifier: .gregorian)
        parts.timeZone = TimeZone(identifier: "UTC")
        func number(_ from: Int, _ length: Int) -> Int {
            Int(full.dropFirst(from).prefix(length)) ?? 0
        }
        parts.year = number(0, 4)
        parts.month = number(4, 2)
        parts.day = number(6, 2)
        parts.hour = number(8, 2)
        parts.minute = number(10, 2)
        parts.second = number(12, 2)
        return parts.date
    }
}

/// Tag-length-value elements of DER, one after another.
struct DERReader {
    struct Element {
        var tag: UInt8
        var content: ArraySlice<UInt8>
    }

    var bytes: ArraySlice<UInt8>

    mutating func next() -> Element? {
        guard bytes.count >= 2 else { return nil }
        let tag = bytes[bytes.startIndex]
        var index = bytes.startIndex + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        guard length >= 0, bytes.endIndex - index >= length else { return nil }
        let content = bytes[index..<(index + length)]
        bytes = bytes[(index + length)...]
        return Element(tag: tag, content: content)
    }
}
