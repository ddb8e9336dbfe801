import Foundation
import PCACrypto

/// One extension to encode: its OID, criticality and DER value.
public struct CertificateExtension: Sendable, Hashable {
    public var oid: ObjectIdentifier
    public var critical: Bool
    public var value: [UInt8]

    public init(oid: ObjectIdentifier, critical: Bool, value: [UInt8]) {
        self.oid = oid
        self.critical = critical
        self.value = value
    }

    public var der: [UInt8] {
        DER.sequence([oid.der] + (critical ? [DER.boolean(true)] : []) + [DER.octetString(value)])
    }

    public static func basicConstraints(isCA: Bool, pathLength: Int?) -> CertificateExtension {
        var fields: [[UInt8]] = []
        if isCA { fields.append(DER.boolean(true)) }
        if isCA, let pathLength { fields.append(DER.integer(pathLength)) }
        return CertificateExtension(oid: .basicConstraints, critical: true, value: DER.sequence(fields))
    }

    public static func keyUsage(_ names: [String]) -> CertificateExtension {
        var bits = [UInt8](repeating: 0, count: 2)
        for name in names {
            guard let index = CertificateExtensions.keyUsageNames.firstIndex(of: name) else { continue }
            bits[index / 8] |= 0x80 >> UInt8(index % 8)
        }
        if bits[1] == 0 { bits.removeLast() }
        let last = bits[bits.count - 1]
        let unused = UInt8(last == 0 ? 0 : last.trailingZeroBitCount)
        return CertificateExtension(oid: .keyUsage, critical: true, value: DER.element(DERTag.bitString, [unused] + bits))
    }

    public static func extendedKeyUsage(_ purposes: [ObjectIdentifier], critical: Bool) -> CertificateExtension {
        CertificateExtension(oid: .extKeyUsage, critical: critical, value: DER.sequence(purposes.map(\.der)))
    }

    /// RFC 5280 method 1: SHA-1 of the subjectPublicKey bits.
    public static func subjectKeyIdentifier(for key: SubjectPublicKeyInfo) -> CertificateExtension {
        CertificateExtension(oid: .subjectKeyIdentifier, critical: false, value: DER.octetString(SHA1.hash(key.keyBits)))
    }

    public static func authorityKeyIdentifier(_ keyID: [UInt8]) -> CertificateExtension {
        CertificateExtension(oid: .authorityKeyIdentifier, critical: false,
                             value: DER.sequence([DER.element(DERTag.contextPrimitive(0), keyID)]))
    }

    /// `DNS:name`, `IP:a.b.c.d`, `email:x`, `URI:x` as a subjectAltName; nil when none can be encoded.
    public static func subjectAlternativeNames(_ names: [String]) -> CertificateExtension? {
        let encoded: [[UInt8]] = names.compactMap { name in
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            switch parts[0] {
            case "DNS": return DER.element(DERTag.contextPrimitive(2), Array(parts[1].utf8))
            case "email": return DER.element(DERTag.contextPrimitive(1), Array(parts[1].utf8))
            case "URI": return DER.element(DERTag.contextPrimitive(6), Array(parts[1].utf8))
            case "IP":
                let octets = parts[1].split(separator: ".").compactMap { UInt8($0) }
                return octets.count == 4 ? DER.element(DERTag.contextPrimitive(7), octets) : nil
            default: return nil
            }
        }
        guard !encoded.isEmpty else { return nil }
        return CertificateExtension(oid: .subjectAltName, critical: false, value: DER.sequence(encoded))
    }
}

/// Signs the bytes of a TBSCertificate (or a request): the CA's private key, behind a protocol so X.509
/// stays apart from the key arithmetic.
public protocol CertificateSigner: Sendable {
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, ...
    var signatureAlgorithm: ObjectIdentifier { get }
    /// The signature value as it goes into the BIT STRING (RSA: the raw signature; ECDSA: DER Ecdsa-Sig-Value).
    func sign(_ message: [UInt8]) throws -> [UInt8]
}

/// Builds and signs an X.509 v3 certificate.
public struct CertificateBuilder: Sendable {
    public var serial: [UInt8]
    public var issuer: DistinguishedName
    public var subject: DistinguishedName
    public var notBefore: Date
    public var notAfter: Date
    /// The subject's SubjectPublicKeyInfo DER.
    public var publicKey: [UInt8]
    public var extensions: [CertificateExtension]

    public init(serial: [UInt8], issuer: DistinguishedName, subject: DistinguishedName, notBefore: Date, notAfter: Date,
                publicKey: [UInt8], extensions: [CertificateExtension]) {
        self.serial = serial
        self.issuer = issuer
        self.subject = subject
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.publicKey = publicKey
        self.extensions = extensions
    }

    public func build(signer: CertificateSigner) throws -> Certificate {
        let algorithm = Self.algorithmIdentifier(signer.signatureAlgorithm)
        let tbs = DER.sequence([
            DER.explicit(0, DER.integer(2)),
            DER.unsignedInteger(serial),
            algorithm,
            issuer.der,
            DER.sequence([DER.time(notBefore), DER.time(notAfter)]),
            subject.der,
            publicKey,
            DER.explicit(3, DER.sequence(extensions.map(\.der))),
        ])
        let signature = try signer.sign(tbs)
        return try Certificate(der: DER.sequence([tbs, algorithm, DER.bitString(signature)]))
    }

    /// RSA algorithms carry a NULL parameter; ECDSA ones none (RFC 4055, RFC 5758).
    public static func algorithmIdentifier(_ oid: ObjectIdentifier) -> [UInt8] {
        oid.dotted.hasPrefix("1.2.840.113549.") ? DER.sequence([oid.der, DER.null]) : DER.sequence([oid.der])
    }
}
