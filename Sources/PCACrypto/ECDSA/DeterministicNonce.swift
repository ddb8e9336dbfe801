/// The deterministic ECDSA nonces of RFC 6979 section 3.2: an HMAC-DRBG seeded with the private key and the
/// message hash, so signing needs no randomness and the same input always gives the same signature.
struct DeterministicNonce {
    private let order: BigUInt
    private let digest: DigestAlgorithm
    private var k: [UInt8]
    private var v: [UInt8]
    private var hasProduced = false

    /// The nonce sequence for private scalar `privateKey` and message hash `hash`, modulo `order`.
    init(privateKey: BigUInt, hash: [UInt8], order: BigUInt, digest: DigestAlgorithm) {
        self.order = order
        self.digest = digest
        let length = (order.bitLength + 7) / 8
        let seed = privateKey.bigEndianBytes(count: length)
            + (Self.bitsToInteger(hash, bitCount: order.bitLength) % order).bigEndianBytes(count: length)
        v = [UInt8](repeating: 0x01, count: digest.digestSize)
        k = [UInt8](repeating: 0x00, count: digest.digestSize)
        k = digest.authenticationCode(for: v + [0x00] + seed, key: k)
        v = digest.authenticationCode(for: v, key: k)
        k = digest.authenticationCode(for: v + [0x01] + seed, key: k)
        v = digest.authenticationCode(for: v, key: k)
    }

    /// The next candidate k in 1..<order (step h); after the first, as when a signature came out with r or s
    /// zero, the state is stepped on first.
    mutating func next() -> BigUInt {
        while true {
            if hasProduced {
                k = digest.authenticationCode(for: v + [0x00], key: k)
                v = digest.authenticationCode(for: v, key: k)
            }
            hasProduced = true
            var bits: [UInt8] = []
            while bits.count * 8 < order.bitLength {
                v = digest.authenticationCode(for: v, key: k)
                bits += v
            }
            let candidate = Self.bitsToInteger(bits, bitCount: order.bitLength)
            if !candidate.isZero && candidate < order { return candidate }
        }
    }

    /// bits2int (RFC 6979 section 2.3.2): the leftmost `bitCount` bits of `bytes` as an integer. ECDSA
    /// reduces a hash longer than the order the same way.
    static func bitsToInteger(_ bytes: [UInt8], bitCount: Int) -> BigUInt {
        let value = BigUInt(bigEndian: bytes)
        let excess = bytes.count * 8 - bitCount
        return excess > 0 ? value >> excess : value
    }
}
