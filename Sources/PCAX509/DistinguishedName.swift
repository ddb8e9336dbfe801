/// An X.509 Name: relative distinguished names in order, each one or more attribute = value.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    public struct Attribute: Sendable, Hashable {
        public var type: ObjectIdentifier
        public var value: String

        public init(type: ObjectIdentifier, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// Each RDN's attributes, in the order of the encoding.
    public var rdns: [[Attribute]]
    /// The exact DER of the Name, when it was read (issuer names are copied byte for byte into certificates).
    public var encoded: [UInt8]?

    public init(rdns: [[Attribute]]) {
        self.rdns = rdns
    }

    public init(node: DERNode) throws {
        rdns = try node.sequence().map { rdn in
            try rdn.sequence(DERTag.set).map { pair in
                let parts = try pair.sequence()
                guard parts.count == 2 else { throw X509Error.malformed("an attribute needs a type and a value") }
                return Attribute(type: try ObjectIdentifier(node: parts[0]), value: try DERString.decode(parts[1]))
            }
        }
        encoded = Array(node.encoded)
    }

    /// `CN=Example Corp Root CA,O=Example Corp,C=US`: most specific first, as openssl's RFC 2253 output and the
    /// console show it.
    public var description: String {
        rdns.reversed().map { rdn in
            rdn.map { "\($0.type)=\(Self.escaped($0.value))" }.joined(separator: "+")
        }.joined(separator: ",")
    }

    public var commonName: String? {
        rdns.joined().first { $0.type == .commonName }?.value
    }

    /// The DER: the original bytes when it was read, else encoded (PrintableString for C, UTF8String otherwise).
    public var der: [UInt8] {
        if let encoded { return encoded }
        return DER.sequence(rdns.map { rdn in
            DER.set(rdn.map { attribute in
                let value = attribute.type.dotted == "2.5.4.6" ? DER.printableString(attribute.value) : DER.utf8String(attribute.value)
                return DER.sequence([attribute.type.der, value])
            })
        })
    }

    private static func escaped(_ value: String) -> String {
        var result = ""
        for (offset, character) in value.enumerated() {
            if ",+\"\\<>;=".contains(character) || (offset == 0 && (character == "#" || character == " ")) {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }
}

/// The string types a Name or a SAN holds.
public enum DERString {
    public static func decode(_ node: DERNode) throws -> String {
        switch node.tag {
        case DERTag.utf8String, DERTag.printableString, DERTag.ia5String, 0x14 /* Teletex */, 0x1A /* Visible */:
            // Teletex strings are read as Latin-1, as openssl does; the rest are ASCII or UTF-8.
            if node.tag == 0x14 { return String(node.content.map { Character(Unicode.Scalar($0)) }) }
            guard let text = String(bytes: node.content, encoding: .utf8) else { throw X509Error.malformed("string is not UTF-8") }
            return text
        case 0x1E:  // BMPString: UTF-16BE
            var units: [UInt16] = []
            var iterator = node.content.makeIterator()
            while let high = iterator.next() {
                guard let low = iterator.next() else { throw X509Error.malformed("odd BMPString") }
                units.append(UInt16(high) << 8 | UInt16(low))
            }
            return String(decoding: units, as: UTF16.self)
        default:
            throw X509Error.unsupported("string tag \(String(node.tag, radix: 16))")
        }
    }
}
