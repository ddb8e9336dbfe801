extension BigUInt {
    /// The sum.
    public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var sum = long
        sum.append(0)
        let carry = addLimbs(&sum[...], short)
        precondition(carry == 0, "a limb was reserved for the carry")
        return BigUInt(limbs: sum)
    }

    /// The difference; traps when `rhs` is greater than `lhs`, as `UInt` subtraction does.
    public static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        precondition(lhs >= rhs, "BigUInt subtraction would be negative")
        var difference = lhs.limbs
        _ = subtractLimbs(&difference[...], rhs.limbs)
        return BigUInt(limbs: difference)
    }

    /// The product (schoolbook: the operands here are at most a few thousand bits).
    public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return .zero }
        var product = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        lhs.limbs.withUnsafeBufferPointer { a in
            rhs.limbs.withUnsafeBufferPointer { b in
                product.withUnsafeMutableBufferPointer { p in
                    for i in 0..<a.count {
                        var carry: UInt64 = 0
                        let digit = a[i]
                        for j in 0..<b.count {
                            (carry, p[i + j]) = multiplyAdd(digit, b[j], p[i + j], carry)
                        }
                        p[i + b.count] = carry
                    }
                }
            }
        }
        return BigUInt(limbs: product)
    }

    /// The number shifted left by `count` bits (multiplied by 2^count).
    public static func << (lhs: BigUInt, count: Int) -> BigUInt {
        precondition(count >= 0, "negative shift")
        guard !lhs.isZero else { return lhs }
        let limbShift = count / 64
        let bitShift = UInt64(count % 64)
        var shifted = [UInt64](repeating: 0, count: lhs.limbs.count + limbShift + 1)
        for (index, limb) in lhs.limbs.enumerated() {
            shifted[index + limbShift] |= limb << bitShift
            if bitShift != 0 { shifted[index + limbShift + 1] = limb >> (64 - bitShift) }
        }
        return BigUInt(limbs: shifted)
    }

    /// The number shifted right by `count` bits (divided by 2^count, rounding down).
    public static func >> (lhs: BigUInt, count: Int) -> BigUInt {
        precondition(count >= 0, "negative shift")
        let limbShift = count / 64
        guard limbShift < lhs.limbs.count else { return .zero }
        let bitShift = UInt64(count % 64)
        var shifted = [UInt64](repeating: 0, count: lhs.limbs.count - limbShift)
        for index in shifted.indices {
            shifted[index] = lhs.limbs[index + limbShift] >> bitShift
            if bitShift != 0, index + limbShift + 1 < lhs.limbs.count {
                shifted[index] |= lhs.limbs[index + limbShift + 1] << (64 - bitShift)
            }
        }
        return BigUInt(limbs: shifted)
    }

    /// Adds in place.
    public static func += (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs + rhs }
    /// Subtracts in place; traps when the result would be negative.
    public static func -= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs - rhs }
    /// Multiplies in place.
    public static func *= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs * rhs }
}

/// a * b + c + d as a two-limb number; it cannot overflow: (2^64-1)^2 + 2(2^64-1) = 2^128 - 1.
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (high: UInt64, low: UInt64) {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (low1, overflow1) = low.addingReportingOverflow(c)
    let (low2, overflow2) = low1.addingReportingOverflow(d)
    return (high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0), low2)
}

/// Adds `addend` into `target` (at least as long), carrying through the rest; returns the carry out.
@discardableResult
func addLimbs(_ target: inout ArraySlice<UInt64>, _ addend: [UInt64]) -> UInt64 {
    var carry: UInt64 = 0
    var index = target.startIndex
    for limb in addend {
        let (sum1, overflow1) = target[index].addingReportingOverflow(limb)
        let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
        target[index] = sum2
        carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        index += 1
    }
    while carry != 0, index < target.endIndex {
        let (sum, overflow) = target[index].addingReportingOverflow(carry)
        target[index] = sum
        carry = overflow ? 1 : 0
        index += 1
    }
    return carry
}

/// Subtracts `subtrahend` from `target` (at least as long), borrowing through the rest; returns the borrow out.
@discardableResult
func subtractLimbs(_ target: inout ArraySlice<UInt64>, _ subtrahend: [UInt64]) -> UInt64 {
    var borrow: UInt64 = 0
    var index = target.startIndex
    for limb in subtrahend {
        let (difference1, overflow1) = target[index].subtractingReportingOverflow(limb)
        let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow)
        target[index] = difference2
        borrow = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        index += 1
    }
    while borrow != 0, index < target.endIndex {
        let (difference, overflow) = target[index].subtractingReportingOverflow(borrow)
        target[index] = difference
        borrow = overflow ? 1 : 0
        index += 1
    }
    return borrow
}
