/// The Merkle-Damgard frame that the SHA family shares: input cut into blocks (64 bytes for SHA-1 and SHA-256,
/// 128 for SHA-384 and SHA-512), and the final padding of 0x80, zeros and the message length in bits
/// (big-endian, in the last eighth of the block).
struct BlockBuffer {
    let blockSize: Int
    private var pending: [UInt8] = []
    private var totalLength: UInt64 = 0

    init(blockSize: Int = 64) {
        self.blockSize = blockSize
        pending.reserveCapacity(blockSize)
    }

    /// Feeds bytes; `compress` gets each complete block.
    mutating func absorb<Bytes: Sequence>(_ bytes: Bytes, compress: (UnsafeBufferPointer<UInt8>) -> Void)
        where Bytes.Element == UInt8 {
        let input = Array(bytes)
        totalLength &+= UInt64(input.count)
        input.withUnsafeBufferPointer { buffer in
            var offset = 0
            if !pending.isEmpty {
                let take = min(blockSize - pending.count, buffer.count)
                pending += buffer[0..<take]
                offset = take
                if pending.count == blockSize {
                    pending.withUnsafeBufferPointer(compress)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            // Whole blocks straight from the input, without copying.
            while buffer.count - offset >= blockSize {
                compress(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + blockSize)]))
                offset += blockSize
            }
            if offset < buffer.count { pending += buffer[offset...] }
        }
    }

    /// Adds the padding and length, compressing the last block or two.
    mutating func finish(compress: (UnsafeBufferPointer<UInt8>) -> Void) {
        let bitLength = totalLength &* 8
        var tail = pending
        tail.append(0x80)
        // The length field is the last eighth of the block (16 bytes for SHA-512); lengths here fit its last 8.
        let lengthFieldSize = blockSize / 8
        while tail.count % blockSize != blockSize - lengthFieldSize { tail.append(0) }
        tail += [UInt8](repeating: 0, count: lengthFieldSize - 8)
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                compress(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + blockSize)]))
                offset += blockSize
            }
        }
        pending.removeAll()
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The big-endian 32-bit word at word index `index`.
    @inline(__always)
    func bigEndianWord(_ index: Int) -> UInt32 {
        UInt32(self[index * 4]) << 24 | UInt32(self[index * 4 + 1]) << 16 | UInt32(self[index * 4 + 2]) << 8 | UInt32(self[index * 4 + 3])
    }

    /// The big-endian 64-bit word at word index `index`.
    @inline(__always)
    func bigEndianWord64(_ index: Int) -> UInt64 {
        var word: UInt64 = 0
        for offset in 0..<8 {
            word = word << 8 | UInt64(self[index * 8 + offset])
        }
        return word
    }
}

extension Array where Element == UInt32 {
    /// The words as big-endian bytes: the digest.
    var bigEndianBytes: [UInt8] {
        flatMap { word in
            [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
             UInt8(truncatingIfNeeded: word)]
        }
    }
}

extension Array where Element == UInt64 {
    /// The words as big-endian bytes: the digest.
    var bigEndianBytes: [UInt8] {
        flatMap { word in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) }
        }
    }
}
