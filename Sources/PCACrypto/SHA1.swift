/// SHA-1 (FIPS 180-4). Used only to name the AWS SSO token cache file, as botocore does; never for security.
public struct SHA1: HashFunction {
    public static let blockSize = 64
    public static let digestSize = 20

    private var state: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
    private var buffer = BlockBuffer()

    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var words = state
        buffer.absorb(bytes) { Self.compress(&words, $0) }
        state = words
    }

    public mutating func finalize() -> [UInt8] {
        var words = state
        buffer.finish { Self.compress(&words, $0) }
        state = words
        return words.bigEndianBytes
    }

    private static func compress(_ state: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>) {
        var w = [UInt32](repeating: 0, count: 80)
        for i in 0..<16 {
            w[i] = block.bigEndianWord(i)
        }
        for i in 16..<80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotatedLeft(1)
        }
        var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
        for i in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch i {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
            default: f = b ^ c ^ d; k = 0xCA62C1D6
            }
            let temp = a.rotatedLeft(5) &+ f &+ e &+ k &+ w[i]
            e = d; d = c; c = b.rotatedLeft(30); b = a; a = temp
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d; state[4] &+= e
    }
}
