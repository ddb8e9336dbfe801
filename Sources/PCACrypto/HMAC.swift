/// HMAC (RFC 2104) over any `HashFunction`.
public enum HMAC<Hash: HashFunction> {
    /// The MAC of `message` under `key`.
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var blockKey = key.count > Hash.blockSize ? Hash.hash(key) : key
        blockKey += [UInt8](repeating: 0, count: Hash.blockSize - blockKey.count)
        var inner = Hash()
        inner.update(blockKey.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = Hash()
        outer.update(blockKey.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The MAC of the UTF-8 bytes of `message` under `key`.
    public static func authenticationCode(for message: String, key: [UInt8]) -> [UInt8] {
        authenticationCode(for: Array(message.utf8), key: key)
    }
}
