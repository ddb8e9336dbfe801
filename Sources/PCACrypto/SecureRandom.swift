#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random numbers from /dev/urandom, for keys and nonces. Tests inject their own `RandomNumberGenerator`.
///
/// Like the standard library's generator it traps when the system cannot give randomness: a key made
/// without it would be worse than no key.
public struct SecureRandom: RandomNumberGenerator, Sendable {
    /// A reader of /dev/urandom; each draw opens it afresh, so the value holds no file descriptor.
    public init() {}

    /// Eight random bytes.
    public mutating func next() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { Self.fill($0) }
        return value
    }

    /// `count` random bytes.
    public static func bytes(count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }

    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { fatalError("cannot open /dev/urandom: errno \(errno)") }
        defer { close(descriptor) }
        var filled = 0
        while filled < buffer.count {
            let count = read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { fatalError("cannot read /dev/urandom: errno \(errno)") }
            filled += count
        }
    }
}
