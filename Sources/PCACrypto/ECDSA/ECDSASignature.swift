/// An ECDSA signature (r, s), the two INTEGERs of an ECDSA-Sig-Value.
public struct ECDSASignature: Sendable, Hashable {
    /// r.
    public let r: BigUInt
    /// s.
    public let s: BigUInt

    /// The signature (r, s).
    public init(r: BigUInt, s: BigUInt) {
        self.r = r
        self.s = s
    }
}
