/// Why a key, or an operation with one, was refused.
public enum CryptoKeyError: Error, Equatable, Sendable {
    /// RSA keys here have an even number of bits from 512 to 16384.
    case unsupportedRSAKeySize(Int)
    /// The RSA public exponent is even, below 3, or not below the modulus.
    case invalidPublicExponent
    /// The RSA modulus is even or shorter than 512 bits.
    case invalidModulus
    /// The RSA key's numbers do not fit together (n ≠ pq, or an exponent or the coefficient is wrong).
    case inconsistentRSAKey
    /// The RSA modulus is too short to hold a PKCS #1 v1.5 encoding of this digest.
    case modulusTooShortForDigest
    /// The elliptic-curve private scalar is not in 1..<order.
    case scalarOutOfRange
    /// The elliptic-curve point is not on the curve (or a coordinate is not below the field prime).
    case pointNotOnCurve
    /// The public point's encoding is not 0x04 followed by both coordinates at the curve's size.
    case malformedPointEncoding
}
