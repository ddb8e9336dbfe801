/// An unsigned integer of any size, for RSA and elliptic-curve arithmetic.
///
/// Limbs are 64-bit, least significant first, and never end in a zero limb (zero has no limbs), so two
/// equal numbers have equal limbs.
public struct BigUInt: Sendable, Hashable {
    /// The 64-bit limbs, least significant first, without zero limbs at the top.
    public private(set) var limbs: [UInt64]

    /// The number whose limbs (least significant first) are `limbs`; zero limbs at the top are dropped.
    public init(limbs: [UInt64]) {
        self.limbs = limbs
        while self.limbs.last == 0 { self.limbs.removeLast() }
    }

    /// The number `value`.
    public init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    /// The number written by `bytes`, most significant byte first (leading zero bytes allowed).
    public init<Bytes: Collection>(bigEndian bytes: Bytes) where Bytes.Element == UInt8 {
        var limbs = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        for (index, byte) in bytes.reversed().enumerated() {
            limbs[index / 8] |= UInt64(byte) << UInt64(8 * (index % 8))
        }
        self.init(limbs: limbs)
    }

    /// The number written in hexadecimal (either case, no prefix, leading zeros allowed); nil for other text.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty else { return nil }
        var limbs = [UInt64](repeating: 0, count: (digits.count + 15) / 16)
        for (index, character) in digits.reversed().enumerated() {
            guard let value = hexValue(character) else { return nil }
            limbs[index / 16] |= value << UInt64(4 * (index % 16))
        }
        self.init(limbs: limbs)
    }

    /// Zero.
    public static let zero = BigUInt(0)
    /// One.
    public static let one = BigUInt(1)

    /// Whether this is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// Whether this is odd.
    public var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of significant bits: 0 for zero, 1 for one, 2048 for an RSA-2048 modulus.
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    /// The bit worth 2^`index`.
    public func bit(_ index: Int) -> Bool {
        let limb = index / 64
        guard limb < limbs.count else { return false }
        return (limbs[limb] >> UInt64(index % 64)) & 1 == 1
    }

    /// The number as big-endian bytes: the fewest that hold it (at least one), or exactly `count`, padded
    /// with leading zeros. The number must fit in `count` bytes.
    public func bigEndianBytes(count: Int? = nil) -> [UInt8] {
        let length = count ?? max(1, (bitLength + 7) / 8)
        precondition(length * 8 >= bitLength, "\(bitLength)-bit number does not fit in \(length) bytes")
        var bytes = [UInt8](repeating: 0, count: length)
        for index in 0..<min(length, limbs.count * 8) {
            bytes[length - 1 - index] = UInt8(truncatingIfNeeded: limbs[index / 8] >> UInt64(8 * (index % 8)))
        }
        return bytes
    }

    /// Lowercase hexadecimal without leading zeros ("0" for zero).
    public var hexString: String {
        let text = bigEndianBytes().hexString
        let trimmed = text.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}

extension BigUInt: Comparable {
    /// Numeric order.
    public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compareLimbs(lhs.limbs, rhs.limbs) < 0
    }
}

extension BigUInt: ExpressibleByIntegerLiteral {
    /// The number written as a literal.
    public init(integerLiteral value: UInt64) {
        self.init(value)
    }
}

extension BigUInt: CustomStringConvertible {
    /// Hexadecimal with a 0x prefix.
    public var description: String { "0x" + hexString }
}

/// -1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`; both without zero limbs at the top.
func compareLimbs(_ lhs: [UInt64], _ rhs: [UInt64]) -> Int {
    if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
    for index in stride(from: lhs.count - 1, through: 0, by: -1) where lhs[index] != rhs[index] {
        return lhs[index] < rhs[index] ? -1 : 1
    }
    return 0
}

private func hexValue(_ character: UInt8) -> UInt64? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(character - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(character - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(character - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
