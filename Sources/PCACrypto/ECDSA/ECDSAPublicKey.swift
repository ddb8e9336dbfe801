/// An ECDSA public key: a point on P-256 or P-384, which checks signatures.
public struct ECDSAPublicKey: Sendable, Hashable {
    /// The curve.
    public let curve: ECCurve
    /// The public point Q.
    public let point: ECPoint

    /// The key with point Q, which must be on the curve.
    public init(curve: ECCurve, point: ECPoint) throws {
        guard curve.contains(point) else { throw CryptoKeyError.pointNotOnCurve }
        self.curve = curve
        self.point = point
    }

    /// The key from its uncompressed SEC 1 encoding: 0x04, then x and y at the curve's size.
    public init(curve: ECCurve, x963Representation bytes: [UInt8]) throws {
        let size = curve.byteCount
        guard bytes.count == 1 + 2 * size, bytes.first == 0x04 else { throw CryptoKeyError.malformedPointEncoding }
        let x = BigUInt(bigEndian: bytes[1...size])
        let y = BigUInt(bigEndian: bytes[(1 + size)...])
        try self.init(curve: curve, point: ECPoint(x: x, y: y))
    }

    /// The uncompressed SEC 1 encoding (0x04 ‖ x ‖ y), as a SubjectPublicKeyInfo's BIT STRING holds it.
    public var x963Representation: [UInt8] {
        [0x04] + point.x.bigEndianBytes(count: curve.byteCount) + point.y.bigEndianBytes(count: curve.byteCount)
    }

    /// Whether `signature` signs `message` hashed with `digest`.
    public func isValidSignature(_ signature: ECDSASignature, for message: [UInt8], digest: DigestAlgorithm) -> Bool {
        isValidSignature(signature, forHash: digest.hash(message))
    }

    /// Whether `signature` signs the precomputed `hash` (FIPS 186-4 section 6.4.2).
    public func isValidSignature(_ signature: ECDSASignature, forHash hash: [UInt8]) -> Bool {
        let n = curve.order
        let (r, s) = (signature.r, signature.s)
        guard !r.isZero, r < n, !s.isZero, s < n, let w = s.inverse(modulo: n) else { return false }
        let e = DeterministicNonce.bitsToInteger(hash, bitCount: n.bitLength)
        let u1 = (e % n) * w % n
        let u2 = r * w % n
        let sum = curve.add(curve.multiply(curve.generator, by: u1), curve.multiply(point, by: u2))
        guard let result = curve.affine(sum) else { return false }
        return result.x % n == r
    }
}
