/// An ASN.1 OBJECT IDENTIFIER in dotted form (`2.5.4.3`), with the names X.509 shows.
public struct ObjectIdentifier: Sendable, Hashable, CustomStringConvertible {
    public var dotted: String

    public init(_ dotted: String) {
        self.dotted = dotted
    }

    /// Decodes the content octets of an OBJECT IDENTIFIER: base-128 subidentifiers, the first of which holds
    /// the first two arcs (40 * first + second).
    public init(content: ArraySlice<UInt8>) throws {
        guard !content.isEmpty else { throw X509Error.malformed("empty OID") }
        var values: [UInt64] = []
        var value: UInt64 = 0
        var pending = false
        for byte in content {
            guard value >> 56 == 0 else { throw X509Error.malformed("OID arc too large") }
            value = value << 7 | UInt64(byte & 0x7F)
            pending = byte & 0x80 != 0
            if !pending {
                values.append(value)
                value = 0
            }
        }
        guard !pending, let first = values.first else { throw X509Error.malformed("truncated OID") }
        let top: UInt64 = first < 40 ? 0 : first < 80 ? 1 : 2
        let arcs = [top, first - top * 40] + values.dropFirst()
        dotted = arcs.map(String.init).joined(separator: ".")
    }

    public init(node: DERNode) throws {
        guard node.tag == DERTag.objectIdentifier else { throw X509Error.malformed("expected an OID") }
        try self.init(content: node.content)
    }

    /// The DER encoding.
    public var der: [UInt8] {
        let arcs = dotted.split(separator: ".").compactMap { UInt64($0) }
        guard arcs.count >= 2 else { return DER.element(DERTag.objectIdentifier, []) }
        let values = [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2)
        var content: [UInt8] = []
        for value in values {
            var chunk: [UInt8] = [UInt8(value & 0x7F)]
            var rest = value >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            content += chunk
        }
        return DER.element(DERTag.objectIdentifier, content)
    }

    /// The short name people know (`CN`, `sha256WithRSAEncryption`), else the dotted form.
    public var description: String { Self.names[dotted] ?? dotted }

    static let names: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
        "2.5.4.5": "serialNumber", "2.5.4.12": "title", "2.5.4.4": "SN", "2.5.4.42": "GN", "2.5.4.43": "initials",
        "2.5.4.44": "generationQualifier", "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym",
        "0.9.2342.19200300.100.1.25": "DC", "1.2.840.113549.1.9.1": "emailAddress",
        "1.2.840.113549.1.1.1": "rsaEncryption", "1.2.840.10045.2.1": "ecPublicKey",
        "1.2.840.113549.1.1.11": "sha256WithRSAEncryption", "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13": "sha512WithRSAEncryption", "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3": "ecdsa-with-SHA384", "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
        "1.2.840.10045.3.1.7": "prime256v1", "1.3.132.0.34": "secp384r1", "1.3.132.0.35": "secp521r1",
        "2.5.29.14": "subjectKeyIdentifier", "2.5.29.15": "keyUsage", "2.5.29.17": "subjectAltName",
        "2.5.29.19": "basicConstraints", "2.5.29.35": "authorityKeyIdentifier", "2.5.29.37": "extKeyUsage",
        "2.5.29.31": "cRLDistributionPoints", "2.5.29.32": "certificatePolicies", "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
        "1.3.6.1.5.5.7.3.1": "serverAuth", "1.3.6.1.5.5.7.3.2": "clientAuth", "1.3.6.1.5.5.7.3.3": "codeSigning",
        "1.3.6.1.5.5.7.3.4": "emailProtection", "1.3.6.1.5.5.7.3.8": "timeStamping", "1.3.6.1.5.5.7.3.9": "OCSPSigning",
        "1.2.840.113549.1.9.14": "extensionRequest",
    ]

    public static let commonName = ObjectIdentifier("2.5.4.3")
    public static let rsaEncryption = ObjectIdentifier("1.2.840.113549.1.1.1")
    public static let ecPublicKey = ObjectIdentifier("1.2.840.10045.2.1")
    public static let prime256v1 = ObjectIdentifier("1.2.840.10045.3.1.7")
    public static let secp384r1 = ObjectIdentifier("1.3.132.0.34")
    public static let sha256WithRSA = ObjectIdentifier("1.2.840.113549.1.1.11")
    public static let sha384WithRSA = ObjectIdentifier("1.2.840.113549.1.1.12")
    public static let sha512WithRSA = ObjectIdentifier("1.2.840.113549.1.1.13")
    public static let ecdsaWithSHA256 = ObjectIdentifier("1.2.840.10045.4.3.2")
    public static let ecdsaWithSHA384 = ObjectIdentifier("1.2.840.10045.4.3.3")
    public static let ecdsaWithSHA512 = ObjectIdentifier("1.2.840.10045.4.3.4")
    public static let subjectKeyIdentifier = ObjectIdentifier("2.5.29.14")
    public static let keyUsage = ObjectIdentifier("2.5.29.15")
    public static let subjectAltName = ObjectIdentifier("2.5.29.17")
    public static let basicConstraints = ObjectIdentifier("2.5.29.19")
    public static let authorityKeyIdentifier = ObjectIdentifier("2.5.29.35")
    public static let extKeyUsage = ObjectIdentifier("2.5.29.37")
    public static let extensionRequest = ObjectIdentifier("1.2.840.113549.1.9.14")
    public static let serverAuth = ObjectIdentifier("1.3.6.1.5.5.7.3.1")
    public static let clientAuth = ObjectIdentifier("1.3.6.1.5.5.7.3.2")
}
