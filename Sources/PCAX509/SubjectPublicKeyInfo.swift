/// A public key as X.509 carries it: the algorithm, and the key itself.
public struct SubjectPublicKeyInfo: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        /// Big-endian modulus and public exponent.
        case rsa(modulus: [UInt8], exponent: [UInt8])
        /// The curve and the uncompressed point (0x04 || X || Y).
        case ec(curve: ObjectIdentifier, point: [UInt8])
        case other(ObjectIdentifier)
    }

    public var key: Key
    /// The whole SubjectPublicKeyInfo DER (hashed into key identifiers, copied into certificates).
    public var der: [UInt8]

    public init(node: DERNode) throws {
        let parts = try node.sequence()
        guard parts.count == 2, parts[1].tag == DERTag.bitString, parts[1].content.first == 0 else {
            throw X509Error.malformed("SubjectPublicKeyInfo")
        }
        let algorithm = try parts[0].sequence()
        guard let first = algorithm.first else { throw X509Error.malformed("empty AlgorithmIdentifier") }
        let oid = try ObjectIdentifier(node: first)
        let bits = Array(parts[1].content.dropFirst())
        der = Array(node.encoded)
        switch oid {
        case .rsaEncryption:
            let numbers = try DERNode(bits).sequence()
            guard numbers.count == 2, numbers.allSatisfy({ $0.tag == DERTag.integer }) else { throw X509Error.malformed("RSAPublicKey") }
            key = .rsa(modulus: Array(numbers[0].content.drop { $0 == 0 }), exponent: Array(numbers[1].content.drop { $0 == 0 }))
        case .ecPublicKey:
            guard algorithm.count == 2 else { throw X509Error.malformed("EC key without a named curve") }
            key = .ec(curve: try ObjectIdentifier(node: algorithm[1]), point: bits)
        default:
            key = .other(oid)
        }
    }

    /// An RSA key's SubjectPublicKeyInfo.
    public static func rsa(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        DER.sequence([DER.sequence([ObjectIdentifier.rsaEncryption.der, DER.null]),
                      DER.bitString(DER.sequence([DER.unsignedInteger(modulus), DER.unsignedInteger(exponent)]))])
    }

    /// An EC key's SubjectPublicKeyInfo (uncompressed point).
    public static func ec(curve: ObjectIdentifier, point: [UInt8]) -> [UInt8] {
        DER.sequence([DER.sequence([ObjectIdentifier.ecPublicKey.der, curve.der]), DER.bitString(point)])
    }

    /// `RSA 2048`, `EC P-256`: the algorithm and size people read.
    public var algorithmWords: String {
        switch key {
        case let .rsa(modulus, _): return "RSA \(modulus.count * 8 - (modulus.first.map { $0.leadingZeroBitCount } ?? 0))"
        case let .ec(curve, _):
            switch curve {
            case .prime256v1: return "EC P-256"
            case .secp384r1: return "EC P-384"
            default: return "EC \(curve)"
            }
        case let .other(oid): return "\(oid)"
        }
    }

    /// The raw key bits (the BIT STRING's content): what a Subject Key Identifier hashes (RFC 5280 4.2.1.2).
    public var keyBits: [UInt8] {
        guard let node = try? DERNode(der), let parts = try? node.sequence(), parts.count == 2 else { return [] }
        return Array(parts[1].content.dropFirst())
    }
}
