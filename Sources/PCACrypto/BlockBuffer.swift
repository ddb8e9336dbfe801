/// The Merkle-Damgard frame that SHA-1 and SHA-256 share: input cut into 64-byte blocks, and the final
/// padding of 0x80, zeros and the message length in bits (big-endian).
struct BlockBuffer {
    static let blockSize = 64
    private var pending: [UInt8] = []
    private var totalLength: UInt64 = 0

    init() {
        pending.reserveCapacity(Self.blockSize)
    }

    /// Feeds bytes; `compress` gets each complete 64-byte block.
    mutating func absorb<Bytes: Sequence>(_ bytes: Bytes, compress: (UnsafeBufferPointer<UInt8>) -> Void)
        where Bytes.Element == UInt8 {
        let input = Array(bytes)
        totalLength &+= UInt64(input.count)
        input.withUnsafeBufferPointer { buffer in
            var offset = 0
            if !pending.isEmpty {
                let take = min(Self.blockSize - pending.count, buffer.count)
                pending += buffer[0..<take]
                offset = take
                if pending.count == Self.blockSize {
                    pending.withUnsafeBufferPointer(compress)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            // Whole blocks straight from the input, without copying.
            while buffer.count - offset >= Self.blockSize {
                compress(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + Self.blockSize)]))
                offset += Self.blockSize
            }
            if offset < buffer.count { pending += buffer[offset...] }
        }
    }

    /// Adds the padding and length, compressing the last block or two.
    mutating func finish(compress: (UnsafeBufferPointer<UInt8>) -> Void) {
        let bitLength = totalLength &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % Self.blockSize != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                compress(UnsafeBufferPointer(rebasing: buffer[offset..<(offset + Self.blockSize)]))
                offset += Self.blockSize
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
