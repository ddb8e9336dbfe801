/// An RSA public key (PKCS #1 RSAPublicKey: modulus n and public exponent e), which checks PKCS #1 v1.5
/// signatures.
public struct RSAPublicKey: Sendable, Hashable {
    /// n.
    public let modulus: BigUInt
    /// e.
    public let publicExponent: BigUInt

    /// The key (n, e); n must be odd and at least 512 bits, e odd and in 3..<n.
    public init(modulus: BigUInt, publicExponent: BigUInt) throws {
        guard modulus.isOdd, modulus.bitLength >= 512 else { throw CryptoKeyError.invalidModulus }
        guard publicExponent.isOdd, publicExponent >= 3, publicExponent < modulus else {
            throw CryptoKeyError.invalidPublicExponent
        }
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    /// The size of the key: the modulus's bit length.
    public var bitCount: Int { modulus.bitLength }

    /// Bytes in a signature: the modulus's byte length.
    public var signatureSize: Int { (modulus.bitLength + 7) / 8 }

    /// Whether `signature` is a PKCS #1 v1.5 signature of `message` hashed with `digest`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], digest: DigestAlgorithm) -> Bool {
        isValidSignature(signature, forHash: digest.hash(message), digest: digest)
    }

    /// Whether `signature` is a PKCS #1 v1.5 signature of the precomputed `hash`, made with `digest`.
    public func isValidSignature(_ signature: [UInt8], forHash hash: [UInt8], digest: DigestAlgorithm) -> Bool {
        guard signature.count == signatureSize, hash.count == digest.digestSize else { return false }
        let representative = BigUInt(bigEndian: signature)
        guard representative < modulus else { return false }
        let recovered = representative.power(publicExponent, modulus: modulus).bigEndianBytes(count: signatureSize)
        guard let expected = try? PKCS1SignatureEncoding.encode(hash: hash, digest: digest, length: signatureSize) else {
            return false
        }
        return constantTimeEquals(recovered, expected)
    }
}
