/// An ECDSA private key on P-256 or P-384, which signs with RFC 6979 deterministic nonces.
///
/// Its description and mirror hide the scalar, so printing or dumping a key does not leak it.
public struct ECDSAPrivateKey: Sendable {
    /// The curve.
    public let curve: ECCurve
    /// The private scalar d, in 1..<order (the ECPrivateKey privateKey octets, as a number).
    public let scalar: BigUInt
    /// The public half, Q = d·G.
    public let publicKey: ECDSAPublicKey

    /// The key with private scalar d, which must be in 1..<order.
    public init(curve: ECCurve, scalar: BigUInt) throws {
        guard !scalar.isZero, scalar < curve.order,
              let point = curve.affine(curve.multiply(curve.generator, by: scalar))
        else { throw CryptoKeyError.scalarOutOfRange }
        self.curve = curve
        self.scalar = scalar
        publicKey = try ECDSAPublicKey(curve: curve, point: point)
    }

    /// A new key with d uniform in 1..<order, from `generator`.
    public static func generate(curve: ECCurve, using generator: inout some RandomNumberGenerator) throws -> ECDSAPrivateKey {
        try ECDSAPrivateKey(curve: curve, scalar: BigUInt.random(below: curve.order - .one, using: &generator) + .one)
    }

    /// A new key from /dev/urandom.
    public static func generate(curve: ECCurve) throws -> ECDSAPrivateKey {
        var random = SecureRandom()
        return try generate(curve: curve, using: &random)
    }

    /// The scalar as big-endian bytes at the curve's size (the ECPrivateKey privateKey OCTET STRING).
    public var rawRepresentation: [UInt8] {
        scalar.bigEndianBytes(count: curve.byteCount)
    }

    /// The signature of `message` hashed with `digest`.
    public func signature(for message: [UInt8], digest: DigestAlgorithm) -> ECDSASignature {
        signature(forHash: digest.hash(message), digest: digest)
    }

    /// The signature of the precomputed `hash`; `digest` drives the RFC 6979 nonce's HMAC.
    public func signature(forHash hash: [UInt8], digest: DigestAlgorithm) -> ECDSASignature {
        let n = curve.order
        let e = DeterministicNonce.bitsToInteger(hash, bitCount: n.bitLength) % n
        var nonces = DeterministicNonce(privateKey: scalar, hash: hash, order: n, digest: digest)
        while true {
            let k = nonces.next()
            guard let point = curve.affine(curve.multiply(curve.generator, by: k)),
                  let kInverse = k.inverse(modulo: n)
            else { continue }
            let r = point.x % n
            let s = kInverse * ((e + r * scalar) % n) % n
            if !r.isZero && !s.isZero { return ECDSASignature(r: r, s: s) }
        }
    }
}

extension ECDSAPrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "ECDSAPrivateKey(\(curve.name), scalar hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["publicKey": publicKey]) }
}
