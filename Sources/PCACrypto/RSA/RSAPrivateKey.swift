/// An RSA private key with the fields of PKCS #1 RSAPrivateKey, which makes PKCS #1 v1.5 signatures using the
/// Chinese remainder theorem.
///
/// Its description and mirror hide the private numbers, so printing or dumping a key does not leak it.
public struct RSAPrivateKey: Sendable {
    /// n = p·q.
    public let modulus: BigUInt
    /// e.
    public let publicExponent: BigUInt
    /// d, with e·d ≡ 1 (mod lcm(p-1, q-1)).
    public let privateExponent: BigUInt
    /// p.
    public let prime1: BigUInt
    /// q.
    public let prime2: BigUInt
    /// d mod (p-1).
    public let exponent1: BigUInt
    /// d mod (q-1).
    public let exponent2: BigUInt
    /// q^-1 mod p.
    public let coefficient: BigUInt

    /// The public half.
    public let publicKey: RSAPublicKey

    private let primeArithmetic1: Montgomery
    private let primeArithmetic2: Montgomery

    /// The key from all eight PKCS #1 fields (as read from a DER RSAPrivateKey), after checking that they fit
    /// together.
    public init(modulus: BigUInt, publicExponent: BigUInt, privateExponent: BigUInt, prime1: BigUInt,
                prime2: BigUInt, exponent1: BigUInt, exponent2: BigUInt, coefficient: BigUInt) throws {
        publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
        guard prime1.isOdd, prime2.isOdd, prime1 * prime2 == modulus,
              exponent1 == privateExponent % (prime1 - .one), exponent2 == privateExponent % (prime2 - .one),
              (publicExponent * exponent1) % (prime1 - .one) == .one,
              (publicExponent * exponent2) % (prime2 - .one) == .one,
              (coefficient * prime2) % prime1 == .one
        else { throw CryptoKeyError.inconsistentRSAKey }
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
        primeArithmetic1 = Montgomery(modulus: prime1)
        primeArithmetic2 = Montgomery(modulus: prime2)
    }

    /// The key with primes p and q and public exponent e, deriving d (modulo lcm(p-1, q-1), as FIPS 186-4
    /// asks) and the CRT values. The primes are not tested for primality.
    public init(prime1: BigUInt, prime2: BigUInt, publicExponent: BigUInt) throws {
        guard prime1 != prime2, prime1 > .one, prime2 > .one else { throw CryptoKeyError.inconsistentRSAKey }
        let lambda = BigUInt.lcm(prime1 - .one, prime2 - .one)
        guard let privateExponent = publicExponent.inverse(modulo: lambda),
              let coefficient = prime2.inverse(modulo: prime1)
        else { throw CryptoKeyError.inconsistentRSAKey }
        try self.init(modulus: prime1 * prime2, publicExponent: publicExponent, privateExponent: privateExponent,
                      prime1: prime1, prime2: prime2, exponent1: privateExponent % (prime1 - .one),
                      exponent2: privateExponent % (prime2 - .one), coefficient: coefficient)
    }

    /// The size of the key: the modulus's bit length.
    public var bitCount: Int { publicKey.bitCount }

    /// The PKCS #1 v1.5 signature of `message` hashed with `digest`.
    public func signature(for message: [UInt8], digest: DigestAlgorithm) throws -> [UInt8] {
        try signature(forHash: digest.hash(message), digest: digest)
    }

    /// The PKCS #1 v1.5 signature of the precomputed `hash`, made with `digest`.
    public func signature(forHash hash: [UInt8], digest: DigestAlgorithm) throws -> [UInt8] {
        precondition(hash.count == digest.digestSize, "a \(digest.rawValue) hash has \(digest.digestSize) bytes")
        let size = publicKey.signatureSize
        let encoded = try PKCS1SignatureEncoding.encode(hash: hash, digest: digest, length: size)
        return privateOperation(BigUInt(bigEndian: encoded)).bigEndianBytes(count: size)
    }

    /// m^d mod n by the Chinese remainder theorem (RFC 8017 section 5.1.2, second form).
    private func privateOperation(_ message: BigUInt) -> BigUInt {
        let m1 = primeArithmetic1.power(message, exponent1)
        let m2 = primeArithmetic2.power(message, exponent2)
        let difference = (m1 + prime1 - m2 % prime1) % prime1
        let h = (coefficient * difference) % prime1
        return m2 + h * prime2
    }
}

extension RSAPrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "RSAPrivateKey(\(bitCount) bits, private numbers hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["publicKey": publicKey]) }
}
