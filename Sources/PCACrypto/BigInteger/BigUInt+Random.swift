extension BigUInt {
    /// A uniformly random number below 2^`bitCount`.
    public static func random(bitCount: Int, using generator: inout some RandomNumberGenerator) -> BigUInt {
        precondition(bitCount >= 0, "negative bit count")
        var limbs = (0..<(bitCount + 63) / 64).map { _ in generator.next() }
        if bitCount % 64 != 0 {
            limbs[limbs.count - 1] &= (1 << UInt64(bitCount % 64)) - 1
        }
        return BigUInt(limbs: limbs)
    }

    /// A uniformly random number in 0..<`upperBound` (which must not be zero), by rejection: draws of the
    /// bound's bit length are below it at least half the time.
    public static func random(below upperBound: BigUInt, using generator: inout some RandomNumberGenerator) -> BigUInt {
        precondition(!upperBound.isZero, "random below zero")
        while true {
            let candidate = random(bitCount: upperBound.bitLength, using: &generator)
            if candidate < upperBound { return candidate }
        }
    }
}
