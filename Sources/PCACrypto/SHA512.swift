/// SHA-512 (FIPS 180-4), for signatures that ask for it.
public struct SHA512: HashFunction {
    public static let blockSize = 128
    public static let digestSize = 64

    private var engine = SHA512Engine(initialState: [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ])

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        engine.update(bytes)
    }

    public mutating func finalize() -> [UInt8] {
        engine.finalize()
    }
}
