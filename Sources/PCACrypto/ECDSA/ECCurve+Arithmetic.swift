extension ECCurve {
    /// The point at infinity, the group's identity.
    var infinity: JacobianPoint {
        let zero = [UInt64](repeating: 0, count: field.limbCount)
        return JacobianPoint(x: field.one, y: field.one, z: zero)
    }

    func jacobian(_ point: ECPoint) -> JacobianPoint {
        JacobianPoint(x: field.enter(point.x), y: field.enter(point.y), z: field.one)
    }

    /// The affine point, or nil for the point at infinity.
    func affine(_ point: JacobianPoint) -> ECPoint? {
        guard !field.isZero(point.z) else { return nil }
        // Fermat: z^(p-2) = z^-1.
        let zInverse = field.power(point.z, prime - BigUInt(2))
        let zInverseSquared = field.multiply(zInverse, zInverse)
        let x = field.multiply(point.x, zInverseSquared)
        let y = field.multiply(point.y, field.multiply(zInverseSquared, zInverse))
        return ECPoint(x: field.leave(x), y: field.leave(y))
    }

    /// 2P ("dbl-2001-b" for a = -3, from the Explicit-Formulas Database).
    func double(_ point: JacobianPoint) -> JacobianPoint {
        guard !field.isZero(point.z) else { return point }
        let f = field
        let delta = f.multiply(point.z, point.z)
        let gamma = f.multiply(point.y, point.y)
        let beta = f.multiply(point.x, gamma)
        let product = f.multiply(f.subtract(point.x, delta), f.add(point.x, delta))
        let alpha = f.add(f.add(product, product), product)
        let fourBeta = times4(beta)
        let x3 = f.subtract(f.multiply(alpha, alpha), f.add(fourBeta, fourBeta))
        let ySumZ = f.add(point.y, point.z)
        let z3 = f.subtract(f.subtract(f.multiply(ySumZ, ySumZ), gamma), delta)
        let gammaSquared = f.multiply(gamma, gamma)
        let eightGammaSquared = times4(f.add(gammaSquared, gammaSquared))
        let y3 = f.subtract(f.multiply(alpha, f.subtract(fourBeta, x3)), eightGammaSquared)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// P + Q ("add-2007-bl"), falling back to doubling when P = Q.
    func add(_ p: JacobianPoint, _ q: JacobianPoint) -> JacobianPoint {
        let f = field
        if f.isZero(p.z) { return q }
        if f.isZero(q.z) { return p }
        let z1z1 = f.multiply(p.z, p.z)
        let z2z2 = f.multiply(q.z, q.z)
        let u1 = f.multiply(p.x, z2z2)
        let u2 = f.multiply(q.x, z1z1)
        let s1 = f.multiply(f.multiply(p.y, q.z), z2z2)
        let s2 = f.multiply(f.multiply(q.y, p.z), z1z1)
        let h = f.subtract(u2, u1)
        let sDifference = f.subtract(s2, s1)
        if f.isZero(h) {
            return f.isZero(sDifference) ? double(p) : infinity
        }
        let twoH = f.add(h, h)
        let i = f.multiply(twoH, twoH)
        let j = f.multiply(h, i)
        let r = f.add(sDifference, sDifference)
        let v = f.multiply(u1, i)
        let x3 = f.subtract(f.subtract(f.multiply(r, r), j), f.add(v, v))
        let s1j = f.multiply(s1, j)
        let y3 = f.subtract(f.multiply(r, f.subtract(v, x3)), f.add(s1j, s1j))
        let zSum = f.add(p.z, q.z)
        let z3 = f.multiply(f.subtract(f.subtract(f.multiply(zSum, zSum), z1z1), z2z2), h)
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// k·P with a fixed 4-bit window: 14 additions to build the table, then per window four doublings and at
    /// most one addition. Not constant-time.
    func multiply(_ point: ECPoint, by scalar: BigUInt) -> JacobianPoint {
        let base = jacobian(point)
        var table = [infinity, base]
        for _ in 2..<16 { table.append(add(table[table.count - 1], base)) }
        var result = infinity
        for window in stride(from: (scalar.bitLength + 3) / 4 - 1, through: 0, by: -1) {
            for _ in 0..<4 { result = double(result) }
            let digit = Int((scalar.limbs[window / 16] >> UInt64(4 * (window % 16))) & 0xf)
            if digit != 0 { result = add(result, table[digit]) }
        }
        return result
    }

    private func times4(_ value: [UInt64]) -> [UInt64] {
        let twice = field.add(value, value)
        return field.add(twice, twice)
    }
}
