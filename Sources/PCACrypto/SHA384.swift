/// SHA-384 (FIPS 180-4): SHA-512 from a different initial state, cut to 48 bytes. P-384 signatures use it.
public struct SHA384: HashFunction {
    public static let blockSize = 128
    public static let digestSize = 48

    private var engine = SHA512Engine(initialState: [
        0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
        0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
    ])

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        engine.update(bytes)
    }

    public mutating func finalize() -> [UInt8] {
        Array(engine.finalize().prefix(Self.digestSize))
    }
}
