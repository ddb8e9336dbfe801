/// A point of an elliptic curve in affine coordinates (never the point at infinity).
public struct ECPoint: Sendable, Hashable {
    /// x.
    public let x: BigUInt
    /// y.
    public let y: BigUInt

    /// The point (x, y); `ECCurve.contains` says whether it is on a curve.
    public init(x: BigUInt, y: BigUInt) {
        self.x = x
        self.y = y
    }
}
