/// Arithmetic modulo an odd number in Montgomery form (x stands for x·R mod m, R = 2^(64·limbs)), where a
/// product needs no division: the workhorse of RSA and of the elliptic-curve fields.
///
/// Residues are fixed-width limb arrays (`limbCount` limbs, least significant first, always below the
/// modulus), not `BigUInt`s, so the inner loops never normalise or reallocate.
struct Montgomery: Sendable {
    /// The modulus, odd.
    let modulus: BigUInt
    /// Limbs in every residue.
    let limbCount: Int
    /// 1 in Montgomery form (R mod m).
    let one: [UInt64]
    private let modulusLimbs: [UInt64]
    /// -m^-1 mod 2^64.
    private let inverse: UInt64
    /// R^2 mod m: multiplying by it enters Montgomery form.
    private let rSquared: [UInt64]

    init(modulus: BigUInt) {
        precondition(modulus.isOdd && modulus > .one, "Montgomery arithmetic needs an odd modulus above 1")
        self.modulus = modulus
        modulusLimbs = modulus.limbs
        limbCount = modulus.limbs.count
        // Newton's iteration doubles the correct low bits each time; m·m ≡ 1 (mod 8) gives the first 3.
        var inverse = modulus.limbs[0]
        for _ in 0..<5 {
            inverse = inverse &* (2 &- modulus.limbs[0] &* inverse)
        }
        self.inverse = 0 &- inverse
        let r = BigUInt.one << (64 * limbCount)
        one = Self.padded(r % modulus, to: limbCount)
        rSquared = Self.padded((r * r) % modulus, to: limbCount)
    }

    /// `value` (any size) reduced and put in Montgomery form.
    func enter(_ value: BigUInt) -> [UInt64] {
        let reduced = value < modulus ? value : value % modulus
        return multiply(Self.padded(reduced, to: limbCount), rSquared)
    }

    /// The ordinary number that `residue` stands for.
    func leave(_ residue: [UInt64]) -> BigUInt {
        var unit = [UInt64](repeating: 0, count: limbCount)
        unit[0] = 1
        return BigUInt(limbs: multiply(residue, unit))
    }

    /// a·b·R^-1 mod m: the Montgomery product (coarsely integrated operand scanning, Koç et al. 1996).
    ///
    /// Written with `while` loops and the word arithmetic spelled out: debug builds neither inline helper
    /// functions nor range iterators, and this loop is where RSA and the curves spend their time.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let s = limbCount
        var t = [UInt64](repeating: 0, count: s + 2)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                modulusLimbs.withUnsafeBufferPointer { m in
                    t.withUnsafeMutableBufferPointer { t in
                        guard let a = a.baseAddress, let b = b.baseAddress, let m = m.baseAddress,
                              let t = t.baseAddress else { return }
                        var i = 0
                        while i < s {
                            let digit = b[i]
                            var carry: UInt64 = 0
                            var j = 0
                            while j < s {
                                let (high, low) = a[j].multipliedFullWidth(by: digit)
                                let (sum1, overflow1) = low.addingReportingOverflow(t[j])
                                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                                t[j] = sum2
                                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                                j &+= 1
                            }
                            let (sum, overflow) = t[s].addingReportingOverflow(carry)
                            t[s] = sum
                            t[s + 1] = overflow ? 1 : 0
                            // Add q·m so the lowest limb becomes zero, then shift down one limb.
                            let q = t[0] &* inverse
                            let (firstHigh, firstLow) = q.multipliedFullWidth(by: m[0])
                            carry = firstHigh &+ (firstLow.addingReportingOverflow(t[0]).overflow ? 1 : 0)
                            j = 1
                            while j < s {
                                let (high, low) = q.multipliedFullWidth(by: m[j])
                                let (sum1, overflow1) = low.addingReportingOverflow(t[j])
                                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                                t[j - 1] = sum2
                                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                                j &+= 1
                            }
                            let (top, topOverflow) = t[s].addingReportingOverflow(carry)
                            t[s - 1] = top
                            t[s] = t[s + 1] &+ (topOverflow ? 1 : 0)
                            i &+= 1
                        }
                    }
                }
            }
        }
        let aboveModulus = t[s] != 0 || !Self.isBelow(t, modulusLimbs, count: s)
        t.removeLast(2)
        if aboveModulus { Self.subtractInPlace(&t, modulusLimbs) }
        return t
    }

    /// (a + b) mod m.
    func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var sum = a
        var carry: UInt64 = 0
        for index in 0..<limbCount {
            (carry, sum[index]) = multiplyAdd(1, sum[index], b[index], carry)
        }
        if carry != 0 || !Self.isBelow(sum, modulusLimbs, count: limbCount) {
            Self.subtractInPlace(&sum, modulusLimbs)
        }
        return sum
    }

    /// (a - b) mod m.
    func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var difference = a
        if Self.subtractInPlace(&difference, b) {
            var carry: UInt64 = 0
            for index in 0..<limbCount {
                (carry, difference[index]) = multiplyAdd(1, difference[index], modulusLimbs[index], carry)
            }
        }
        return difference
    }

    /// base^exponent in Montgomery form, with a fixed 4-bit window: 16 precomputed powers, then four
    /// squarings and at most one product per window.
    func power(_ base: [UInt64], _ exponent: BigUInt) -> [UInt64] {
        var table = [one, base]
        for _ in 2..<16 { table.append(multiply(table[table.count - 1], base)) }
        var result = one
        var started = false
        for window in stride(from: (exponent.bitLength + 3) / 4 - 1, through: 0, by: -1) {
            if started {
                for _ in 0..<4 { result = multiply(result, result) }
            }
            let limb = exponent.limbs[window / 16]
            let digit = Int((limb >> UInt64(4 * (window % 16))) & 0xf)
            guard digit != 0 else { continue }
            result = started ? multiply(result, table[digit]) : table[digit]
            started = true
        }
        return result
    }

    /// base^exponent mod m for ordinary numbers.
    func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
        leave(power(enter(base), exponent))
    }

    /// Whether `residue` is zero.
    func isZero(_ residue: [UInt64]) -> Bool {
        residue.allSatisfy { $0 == 0 }
    }

    /// The limbs of `value`, zero-padded to `count`.
    static func padded(_ value: BigUInt, to count: Int) -> [UInt64] {
        value.limbs + [UInt64](repeating: 0, count: count - value.limbs.count)
    }

    /// Whether the first `count` limbs of `a` are below those of `b`.
    private static func isBelow(_ a: [UInt64], _ b: [UInt64], count: Int) -> Bool {
        for index in stride(from: count - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index]
        }
        return false
    }

    /// a -= b over b's length; returns whether it borrowed out of the top.
    @discardableResult
    private static func subtractInPlace(_ a: inout [UInt64], _ b: [UInt64]) -> Bool {
        var borrow = false
        for index in b.indices {
            let (difference1, overflow1) = a[index].subtractingReportingOverflow(b[index])
            let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow ? 1 : 0)
            a[index] = difference2
            borrow = overflow1 || overflow2
        }
        return borrow
    }
}
