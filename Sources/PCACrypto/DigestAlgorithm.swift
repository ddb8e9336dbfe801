/// The hash a signature is made over: SHA-256, SHA-384 or SHA-512.
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    /// The digest of `message`.
    public func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: SHA256.hash(message)
        case .sha384: SHA384.hash(message)
        case .sha512: SHA512.hash(message)
        }
    }

    /// Bytes in a digest.
    public var digestSize: Int {
        switch self {
        case .sha256: SHA256.digestSize
        case .sha384: SHA384.digestSize
        case .sha512: SHA512.digestSize
        }
    }

    /// HMAC with this hash, for RFC 6979 nonces.
    func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key)
        case .sha384: HMAC<SHA384>.authenticationCode(for: message, key: key)
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key)
        }
    }

    /// The DER DigestInfo (RFC 8017 section 9.2, note 1) that precedes the digest in a PKCS #1 v1.5
    /// signature: the algorithm's OID with NULL parameters, then the OCTET STRING header.
    var digestInfoPrefix: [UInt8] {
        switch self {
        case .sha256: [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        case .sha384: [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30]
        case .sha512: [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]
        }
    }
}
