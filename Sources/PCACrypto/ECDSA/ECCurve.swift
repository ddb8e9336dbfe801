/// A prime-field Weierstrass curve y² = x³ - 3x + b with its base point and order: NIST P-256 and P-384
/// (FIPS 186-4 D.1.2; SEC 2 secp256r1 and secp384r1).
public struct ECCurve: Sendable {
    /// "P-256" or "P-384".
    public let name: String
    /// The field prime p.
    public let prime: BigUInt
    /// The constant b.
    public let b: BigUInt
    /// The base point G.
    public let generator: ECPoint
    /// The order n of G (prime; the cofactor is 1).
    public let order: BigUInt

    /// The field's arithmetic in Montgomery form.
    let field: Montgomery
    /// b in Montgomery form.
    let bResidue: [UInt64]

    private init(name: String, prime: String, b: String, x: String, y: String, order: String) {
        self.name = name
        self.prime = Self.constant(prime)
        self.b = Self.constant(b)
        generator = ECPoint(x: Self.constant(x), y: Self.constant(y))
        self.order = Self.constant(order)
        field = Montgomery(modulus: self.prime)
        bResidue = field.enter(self.b)
    }

    /// NIST P-256 (secp256r1, prime256v1).
    public static let p256 = ECCurve(
        name: "P-256",
        prime: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        x: "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        y: "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        order: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")

    /// NIST P-384 (secp384r1).
    public static let p384 = ECCurve(
        name: "P-384",
        prime: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
        b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
        x: "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
        y: "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
        order: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")

    /// Bytes in a field element or a scalar: 32 for P-256, 48 for P-384.
    public var byteCount: Int { (prime.bitLength + 7) / 8 }

    /// Whether `point` satisfies the curve equation with both coordinates below p.
    public func contains(_ point: ECPoint) -> Bool {
        guard point.x < prime, point.y < prime else { return false }
        let x = field.enter(point.x)
        let y = field.enter(point.y)
        let xCubed = field.multiply(field.multiply(x, x), x)
        let threeX = field.add(field.add(x, x), x)
        let rightSide = field.add(field.subtract(xCubed, threeX), bResidue)
        return field.multiply(y, y) == rightSide
    }

    private static func constant(_ hex: String) -> BigUInt {
        guard let value = BigUInt(hex: hex) else { preconditionFailure("curve constant \(hex) is not hexadecimal") }
        return value
    }
}

extension ECCurve: Hashable {
    public static func == (lhs: ECCurve, rhs: ECCurve) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
