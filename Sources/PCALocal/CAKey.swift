import PCAClient
import PCACrypto
import PCAX509

/// A CA's private key as the state file keeps it (the file is written 0600): the numbers of a key pca-local
/// made, or the name of one of the demo estate's fixed keys (`DemoKeys`).
public enum CAKey: Codable, Sendable, Hashable {
    /// The two primes and the public exponent, hex.
    case rsa(prime1: String, prime2: String, publicExponent: String)
    /// The curve (the KeyAlgorithm's name, `EC_prime256v1` or `EC_secp384r1`) and the private scalar, hex.
    case ec(curve: String, scalar: String)
    /// A key of `DemoKeys`, by name: demo data, not a secret, so the state file names it instead of copying it.
    case demo(String)

    /// The key algorithms pca-local has the arithmetic for. The others (EC_secp521r1, SM2, ML-DSA) it cannot
    /// sign with.
    static func canSign(_ algorithm: KeyAlgorithm) -> Bool {
        [.rsa2048, .rsa3072, .rsa4096, .ecPrime256v1, .ecSecp384r1].contains(algorithm)
    }

    /// True when making a key of `algorithm` takes long enough (RSA: seconds in a debug build) to do it in the
    /// background.
    static func isSlowToMake(_ algorithm: KeyAlgorithm) -> Bool {
        algorithm.rawValue.hasPrefix("RSA_")
    }

    /// A new key of `algorithm`, from /dev/urandom.
    static func generate(_ algorithm: KeyAlgorithm) throws -> CAKey {
        switch algorithm {
        case .rsa2048, .rsa3072, .rsa4096:
            let bits = Int(algorithm.rawValue.dropFirst(4)) ?? 2048
            let key = try RSAPrivateKey.generate(bitCount: bits)
            return .rsa(prime1: key.prime1.hexString, prime2: key.prime2.hexString, publicExponent: key.publicExponent.hexString)
        case .ecPrime256v1, .ecSecp384r1:
            let key = try ECDSAPrivateKey.generate(curve: algorithm == .ecPrime256v1 ? .p256 : .p384)
            return .ec(curve: algorithm.rawValue, scalar: key.scalar.hexString)
        default:
            throw CAKeyError.unsupported(algorithm.rawValue)
        }
    }

    /// The key's arithmetic, ready to sign.
    func signingKey() throws -> CASigningKey {
        switch self {
        case let .rsa(prime1, prime2, exponent):
            guard let p = BigUInt(hex: prime1), let q = BigUInt(hex: prime2), let e = BigUInt(hex: exponent) else {
                throw CAKeyError.unreadable
            }
            return CASigningKey(.rsa(try RSAPrivateKey(prime1: p, prime2: q, publicExponent: e)))
        case let .ec(curve, scalar):
            guard let d = BigUInt(hex: scalar), curve == KeyAlgorithm.ecPrime256v1.rawValue || curve == KeyAlgorithm.ecSecp384r1.rawValue else {
                throw CAKeyError.unreadable
            }
            return CASigningKey(.ec(try ECDSAPrivateKey(curve: curve == KeyAlgorithm.ecPrime256v1.rawValue ? .p256 : .p384, scalar: d)))
        case let .demo(name):
            guard let key = DemoKeys.all[name] else { throw CAKeyError.unknownDemoKey(name) }
            return try key.signingKey()
        }
    }
}

/// Why a CA key could not be made or read.
enum CAKeyError: Error, CustomStringConvertible {
    /// pca-local has no arithmetic for this key algorithm.
    case unsupported(String)
    /// The state file's numbers are not hex or not a key.
    case unreadable
    /// The state file names a demo key this version does not have.
    case unknownDemoKey(String)

    var description: String {
        switch self {
        case let .unsupported(algorithm): return "pca-local cannot make or sign with \(algorithm) keys"
        case .unreadable: return "the CA key in the state file is not a valid key"
        case let .unknownDemoKey(name): return "the state file names the demo key '\(name)', which this pca-local does not have"
        }
    }
}

/// A CA key ready to sign: its arithmetic and its public half as X.509 carries it.
struct CASigningKey: Sendable {
    enum Arithmetic: Sendable {
        case rsa(RSAPrivateKey)
        case ec(ECDSAPrivateKey)
    }

    let arithmetic: Arithmetic
    /// The SubjectPublicKeyInfo DER.
    let publicKeyInfo: [UInt8]

    init(_ arithmetic: Arithmetic) {
        self.arithmetic = arithmetic
        switch arithmetic {
        case let .rsa(key): publicKeyInfo = RSACertificateSigner(key: key, digest: .sha256).publicKeyInfo
        case let .ec(key): publicKeyInfo = ECDSACertificateSigner(key: key, digest: .sha256).publicKeyInfo
        }
    }

    /// The parsed public key (for key identifiers and comparisons).
    var publicKey: SubjectPublicKeyInfo? {
        (try? DERNode(publicKeyInfo)).flatMap { try? SubjectPublicKeyInfo(node: $0) }
    }

    /// A signer for `algorithm`, or nil when its family (RSA or ECDSA) is not this key's.
    func signer(_ algorithm: SigningAlgorithm) -> CertificateSigner? {
        let digest: DigestAlgorithm
        switch algorithm.rawValue.prefix(6) {
        case "SHA256": digest = .sha256
        case "SHA384": digest = .sha384
        case "SHA512": digest = .sha512
        default: return nil
        }
        switch arithmetic {
        case let .rsa(key): return algorithm.rawValue.hasSuffix("WITHRSA") ? RSACertificateSigner(key: key, digest: digest) : nil
        case let .ec(key): return algorithm.rawValue.hasSuffix("WITHECDSA") ? ECDSACertificateSigner(key: key, digest: digest) : nil
        }
    }
}
