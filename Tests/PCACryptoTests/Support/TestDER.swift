import PCACrypto

/// Just enough DER to hand our keys and signatures to openssl and read its ECDSA signatures back; the real
/// encoder belongs to another module.
enum TestDER {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
        tlv(0x30, elements.flatMap { $0 })
    }

    /// A non-negative INTEGER: minimal bytes, with a leading zero when the top bit is set.
    static func integer(_ value: BigUInt) -> [UInt8] {
        let bytes = value.bigEndianBytes()
        return tlv(0x02, bytes[0] & 0x80 != 0 ? [0] + bytes : bytes)
    }

    /// PKCS #1 RSAPublicKey.
    static func rsaPublicKey(_ key: RSAPublicKey) -> [UInt8] {
        sequence([integer(key.modulus), integer(key.publicExponent)])
    }

    /// PKCS #1 RSAPrivateKey (version 0, two primes).
    static func rsaPrivateKey(_ key: RSAPrivateKey) -> [UInt8] {
        sequence([integer(.zero)] + [key.modulus, key.publicExponent, key.privateExponent, key.prime1, key.prime2,
                                     key.exponent1, key.exponent2, key.coefficient].map(integer))
    }

    /// SubjectPublicKeyInfo for an elliptic-curve key on a named curve.
    static func ecPublicKeyInfo(_ key: ECDSAPublicKey) -> [UInt8] {
        let ecPublicKey: [UInt8] = [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
        let curve: [UInt8] = key.curve == .p256
            ? [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
            : [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22]
        return sequence([sequence([ecPublicKey, curve]), tlv(0x03, [0] + key.x963Representation)])
    }

    /// ECDSA-Sig-Value.
    static func ecdsaSignature(_ signature: ECDSASignature) -> [UInt8] {
        sequence([integer(signature.r), integer(signature.s)])
    }

    /// Reads an ECDSA-Sig-Value (short-form or one-byte long-form lengths, as P-256 and P-384 need).
    static func parseECDSASignature(_ der: [UInt8]) -> ECDSASignature? {
        var reader = Reader(bytes: der[...])
        guard var body = reader.element(tag: 0x30), reader.bytes.isEmpty,
              let r = body.element(tag: 0x02), let s = body.element(tag: 0x02), body.bytes.isEmpty
        else { return nil }
        return ECDSASignature(r: BigUInt(bigEndian: r.bytes), s: BigUInt(bigEndian: s.bytes))
    }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        let bytes = BigUInt(UInt64(count)).bigEndianBytes()
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func element(tag: UInt8) -> Reader? {
            guard bytes.count >= 2, bytes.first == tag else { return nil }
            var index = bytes.startIndex + 1
            var count = Int(bytes[index])
            index += 1
            if count == 0x81, index < bytes.endIndex {
                count = Int(bytes[index])
                index += 1
            } else if count >= 0x80 {
                return nil
            }
            guard bytes.endIndex - index >= count else { return nil }
            let content = bytes[index..<(index + count)]
            bytes = bytes[(index + count)...]
            return Reader(bytes: content)
        }
    }
}
