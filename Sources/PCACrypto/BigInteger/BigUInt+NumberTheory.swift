extension BigUInt {
    /// self^exponent mod `modulus` (not zero); Montgomery arithmetic when the modulus is odd, as RSA's are.
    public func power(_ exponent: BigUInt, modulus: BigUInt) -> BigUInt {
        precondition(!modulus.isZero, "BigUInt power modulo zero")
        if modulus == .one { return .zero }
        if modulus.isOdd { return Montgomery(modulus: modulus).power(self, exponent) }
        let base = self % modulus
        var result = BigUInt.one
        for index in stride(from: exponent.bitLength - 1, through: 0, by: -1) {
            result = (result * result) % modulus
            if exponent.bit(index) { result = (result * base) % modulus }
        }
        return result
    }

    /// The x in 0..<modulus with self·x ≡ 1 (mod modulus), or nil when they share a factor. The modulus must
    /// be above 1.
    public func inverse(modulo modulus: BigUInt) -> BigUInt? {
        precondition(modulus > .one, "BigUInt inverse modulo \(modulus)")
        // Extended Euclid, keeping each coefficient t (with t·self ≡ r) reduced so it never goes negative.
        var (previousRemainder, remainder) = (modulus, self % modulus)
        var (previousCoefficient, coefficient) = (BigUInt.zero, BigUInt.one)
        while !remainder.isZero {
            let (quotient, nextRemainder) = previousRemainder.quotientAndRemainder(dividingBy: remainder)
            let nextCoefficient = (previousCoefficient + modulus - (quotient * coefficient) % modulus) % modulus
            (previousRemainder, remainder) = (remainder, nextRemainder)
            (previousCoefficient, coefficient) = (coefficient, nextCoefficient)
        }
        return previousRemainder == .one ? previousCoefficient : nil
    }

    /// The greatest common divisor (gcd(0, 0) is 0).
    public static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var (a, b) = (a, b)
        while !b.isZero { (a, b) = (b, a % b) }
        return a
    }

    /// The least common multiple (0 when either is 0).
    public static func lcm(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        guard !a.isZero, !b.isZero else { return .zero }
        return a / gcd(a, b) * b
    }

    /// The number of zero bits below the lowest one bit (0 for zero).
    var trailingZeroBitCount: Int {
        guard let index = limbs.firstIndex(where: { $0 != 0 }) else { return 0 }
        return index * 64 + limbs[index].trailingZeroBitCount
    }
}
