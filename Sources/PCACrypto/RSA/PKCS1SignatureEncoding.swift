/// EMSA-PKCS1-v1_5 (RFC 8017 section 9.2): 0x00 0x01, 0xff padding, 0x00, then the DigestInfo of the hash.
enum PKCS1SignatureEncoding {
    /// The encoded message of `length` bytes (the modulus's byte length) for the digest `hash`.
    static func encode(hash: [UInt8], digest: DigestAlgorithm, length: Int) throws -> [UInt8] {
        let digestInfo = digest.digestInfoPrefix + hash
        // At least eight bytes of 0xff padding.
        guard length >= digestInfo.count + 11 else { throw CryptoKeyError.modulusTooShortForDigest }
        return [0x00, 0x01] + [UInt8](repeating: 0xff, count: length - digestInfo.count - 3) + [0x00] + digestInfo
    }
}
