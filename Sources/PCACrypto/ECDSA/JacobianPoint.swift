/// A curve point in Jacobian coordinates (X, Y, Z) standing for (X/Z², Y/Z³), each a field element in
/// Montgomery form, so that adding and doubling need no inversion. Z = 0 is the point at infinity.
struct JacobianPoint: Sendable {
    var x: [UInt64]
    var y: [UInt64]
    var z: [UInt64]
}
