import PCACrypto

/// Just enough DER to hand our keys and signatures to openssl; the real encoder belongs to another module.
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

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        let bytes = BigUInt(UInt64(count)).bigEndianBytes()
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
