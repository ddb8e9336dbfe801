extension BigUInt {
    /// The quotient and remainder of dividing by `divisor`, which must not be zero (Knuth, TAOCP vol. 2,
    /// 4.3.1, algorithm D, with 64-bit digits).
    public func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero, "BigUInt division by zero")
        if self < divisor { return (.zero, self) }
        if divisor.limbs.count == 1 {
            let (quotient, remainder) = dividingByLimb(divisor.limbs[0])
            return (quotient, BigUInt(remainder))
        }
        return longDivision(by: divisor)
    }

    /// The quotient, rounded down.
    public static func / (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.quotientAndRemainder(dividingBy: rhs).quotient
    }

    /// The remainder.
    public static func % (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        lhs.quotientAndRemainder(dividingBy: rhs).remainder
    }

    /// The remainder of dividing by a single limb, without building a quotient (for sieving).
    func remainder(dividingBy divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        for limb in limbs.reversed() {
            remainder = divisor.dividingFullWidth((remainder, limb)).remainder
        }
        return remainder
    }

    private func dividingByLimb(_ divisor: UInt64) -> (BigUInt, UInt64) {
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in stride(from: limbs.count - 1, through: 0, by: -1) {
            (quotient[index], remainder) = divisor.dividingFullWidth((remainder, limbs[index]))
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// Algorithm D for a divisor of two limbs or more, not greater than `self`.
    private func longDivision(by divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        // Normalise so the divisor's top bit is set: then each estimated quotient digit is at most 2 too big.
        let shift = divisor.limbs[divisor.limbs.count - 1].leadingZeroBitCount
        let v = (divisor << shift).limbs
        var u = (self << shift).limbs
        u += [UInt64](repeating: 0, count: limbs.count + 1 - u.count)
        let n = v.count
        let m = limbs.count - n
        var quotient = [UInt64](repeating: 0, count: m + 1)
        let top = v[n - 1]
        let next = v[n - 2]
        v.withUnsafeBufferPointer { v in
            u.withUnsafeMutableBufferPointer { u in
                for j in stride(from: m, through: 0, by: -1) {
                    var digit = estimateDigit(u[j + n], u[j + n - 1], u[j + n - 2], top: top, next: next)
                    if multiplySubtract(digit, v, from: u, at: j) {
                        digit -= 1
                        addBack(v, to: u, at: j)
                    }
                    quotient[j] = digit
                }
            }
        }
        let remainder = BigUInt(limbs: Array(u[0..<n])) >> shift
        return (BigUInt(limbs: quotient), remainder)
    }
}

/// The quotient digit estimated from the top three digits of the running remainder and the top two of the
/// divisor; at most one too big afterwards.
private func estimateDigit(_ u2: UInt64, _ u1: UInt64, _ u0: UInt64, top: UInt64, next: UInt64) -> UInt64 {
    var digit: UInt64
    var rest: UInt64
    var restOverflowed = false
    if u2 >= top {
        digit = .max
        (rest, restOverflowed) = u1.addingReportingOverflow(top)
    } else {
        (digit, rest) = top.dividingFullWidth((u2, u1))
    }
    while !restOverflowed {
        let (high, low) = digit.multipliedFullWidth(by: next)
        guard high > rest || (high == rest && low > u0) else { break }
        digit -= 1
        (rest, restOverflowed) = rest.addingReportingOverflow(top)
    }
    return digit
}

/// u[j...j+n] -= digit * v; true when that went negative (the digit was one too big).
private func multiplySubtract(_ digit: UInt64, _ v: UnsafeBufferPointer<UInt64>,
                              from u: UnsafeMutableBufferPointer<UInt64>, at j: Int) -> Bool {
    var carry: UInt64 = 0
    var borrow: UInt64 = 0
    for i in 0..<v.count {
        let (high, low) = multiplyAdd(digit, v[i], carry, 0)
        carry = high
        let (difference1, overflow1) = u[i + j].subtractingReportingOverflow(low)
        let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow)
        u[i + j] = difference2
        borrow = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
    }
    let (difference1, overflow1) = u[j + v.count].subtractingReportingOverflow(carry)
    let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow)
    u[j + v.count] = difference2
    return overflow1 || overflow2
}

/// u[j...j+n] += v, dropping the final carry (it cancels the borrow of an oversized digit).
private func addBack(_ v: UnsafeBufferPointer<UInt64>, to u: UnsafeMutableBufferPointer<UInt64>, at j: Int) {
    var carry: UInt64 = 0
    for i in 0..<v.count {
        (carry, u[i + j]) = multiplyAdd(1, v[i], u[i + j], carry)
    }
    u[j + v.count] &+= carry
}
