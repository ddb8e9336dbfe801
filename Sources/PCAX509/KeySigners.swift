import PCACrypto

/// The signature algorithm and digest a certificate names, mapped to the arithmetic.
public enum SignatureAlgorithm {
    /// The digest of an RSA or ECDSA signature algorithm OID; nil for others.
    public static func digest(_ oid: ObjectIdentifier) -> DigestAlgorithm? {
        switch oid {
        case .sha256WithRSA, .ecdsaWithSHA256: return .sha256
        case .sha384WithRSA, .ecdsaWithSHA384: return .sha384
        case .sha512WithRSA, .ecdsaWithSHA512: return .sha512
        default: return nil
        }
    }

    public static func rsa(_ digest: DigestAlgorithm) -> ObjectIdentifier {
        switch digest {
        case .sha256: return .sha256WithRSA
        case .sha384: return .sha384WithRSA
        case .sha512: return .sha512WithRSA
        }
    }

    public static func ecdsa(_ digest: DigestAlgorithm) -> ObjectIdentifier {
        switch digest {
        case .sha256: return .ecdsaWithSHA256
        case .sha384: return .ecdsaWithSHA384
        case .sha512: return .ecdsaWithSHA512
        }
    }
}

/// Signs certificates with an RSA key (PKCS#1 v1.5).
public struct RSACertificateSigner: CertificateSigner {
    public var key: RSAPrivateKey
    public var digest: DigestAlgorithm

    public init(key: RSAPrivateKey, digest: DigestAlgorithm) {
        self.key = key
        self.digest = digest
    }

    public var signatureAlgorithm: ObjectIdentifier { SignatureAlgorithm.rsa(digest) }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try key.signature(for: message, digest: digest)
    }

    /// The key's SubjectPublicKeyInfo.
    public var publicKeyInfo: [UInt8] {
        SubjectPublicKeyInfo.rsa(modulus: key.modulus.bigEndianBytes(), exponent: key.publicExponent.bigEndianBytes())
    }
}

/// Signs certificates with an ECDSA key (RFC 6979 nonces), the signature DER-encoded as Ecdsa-Sig-Value.
public struct ECDSACertificateSigner: CertificateSigner {
    public var key: ECDSAPrivateKey
    public var digest: DigestAlgorithm

    public init(key: ECDSAPrivateKey, digest: DigestAlgorithm) {
        self.key = key
        self.digest = digest
    }

    public var signatureAlgorithm: ObjectIdentifier { SignatureAlgorithm.ecdsa(digest) }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        let signature = key.signature(for: message, digest: digest)
        return DER.sequence([DER.unsignedInteger(signature.r.bigEndianBytes()), DER.unsignedInteger(signature.s.bigEndianBytes())])
    }

    public var publicKeyInfo: [UInt8] {
        SubjectPublicKeyInfo.ec(curve: key.curve.oid, point: key.publicKey.x963Representation)
    }
}

extension ECCurve {
    /// The named curve's OID in X.509.
    public var oid: ObjectIdentifier { byteCount == 32 ? .prime256v1 : .secp384r1 }

    /// The curve an OID names, among those we do arithmetic on.
    public static func named(_ oid: ObjectIdentifier) -> ECCurve? {
        switch oid {
        case .prime256v1: return .p256
        case .secp384r1: return .p384
        default: return nil
        }
    }
}

/// Whether a signature over `message` verifies with a SubjectPublicKeyInfo.
public enum SignatureCheck: Sendable, Equatable {
    case valid
    case invalid
    /// Our arithmetic does not cover this key or algorithm (P-521, ML-DSA, SM2, ...): not checked.
    case notChecked(String)

    public static func verify(_ signature: [UInt8], over message: [UInt8], algorithm: ObjectIdentifier,
                              key: SubjectPublicKeyInfo) -> SignatureCheck {
        guard let digest = SignatureAlgorithm.digest(algorithm) else { return .notChecked("the algorithm \(algorithm)") }
        switch key.key {
        case let .rsa(modulus, exponent):
            guard algorithm.dotted.hasPrefix("1.2.840.113549."),
                  let publicKey = try? RSAPublicKey(modulus: BigUInt(bigEndian: modulus), publicExponent: BigUInt(bigEndian: exponent)) else {
                return .invalid
            }
            return publicKey.isValidSignature(signature, for: message, digest: digest) ? .valid : .invalid
        case let .ec(curveOID, point):
            guard let curve = ECCurve.named(curveOID) else { return .notChecked("the curve \(curveOID)") }
            guard algorithm.dotted.hasPrefix("1.2.840.10045.4."),
                  let publicKey = try? ECDSAPublicKey(curve: curve, x963Representation: point),
                  let parts = try? DERNode(signature).sequence(), parts.count == 2,
                  parts.allSatisfy({ $0.tag == DERTag.integer }) else { return .invalid }
            let value = ECDSASignature(r: BigUInt(bigEndian: Array(parts[0].content)), s: BigUInt(bigEndian: Array(parts[1].content)))
            return publicKey.isValidSignature(value, for: message, digest: digest) ? .valid : .invalid
        case let .other(oid):
            return .notChecked("the key type \(oid)")
        }
    }
}

extension CertificationRequest {
    /// The request's self-signature, checked with the key it carries (proof that its maker holds the key).
    public var selfSignature: SignatureCheck {
        SignatureCheck.verify(signature, over: info, algorithm: signatureAlgorithm, key: publicKey)
    }
}

extension Certificate {
    /// Whether `issuer`'s key signed this certificate.
    public func isSigned(by issuer: Certificate) -> SignatureCheck {
        SignatureCheck.verify(signature, over: tbs, algorithm: signatureAlgorithm, key: issuer.publicKey)
    }
}
