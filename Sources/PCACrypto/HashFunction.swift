/// A streaming cryptographic hash: feed bytes with `update`, read the digest once with `finalize`.
public protocol HashFunction {
    static var blockSize: Int { get }
    static var digestSize: Int { get }
    init()
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8
    mutating func finalize() -> [UInt8]
}

extension HashFunction {
    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        hash(Array(string.utf8))
    }
}
