import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PKCS#10 certificate signing request: the subject, the key, the extensions it asks for, and its
/// self-signature over CertificationRequestInfo.
public struct CertificationRequest: Sendable, Hashable {
    public var subject: DistinguishedName
    public var publicKey: SubjectPublicKeyInfo
    /// Requested in the extensionRequest attribute (SANs, key usage, ...).
    public var requestedExtensions: CertificateExtensions
    public var signatureAlgorithm: ObjectIdentifier
    public var signature: [UInt8]
    /// The signed bytes: CertificationRequestInfo.
    public var info: [UInt8]
    public var der: [UInt8]

    public static let pemLabels: Set<String> = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"]

    /// The largest request file read: far above any real CSR (an RSA-16384 one is under 10 KiB).
    public static let maximumFileBytes = 256 << 10

    /// Reads a request file (PEM or DER), refusing a file larger than `maximumFileBytes` before reading it.
    public static func read(path: String) throws -> CertificationRequest {
        var info = stat()
        guard stat(path, &info) == 0 else { throw X509Error.malformed("cannot read \(path)") }
        guard info.st_size <= maximumFileBytes else {
            throw X509Error.malformed("\(path) is \(info.st_size) bytes, larger than any certificate request")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw X509Error.malformed("cannot read \(path)") }
        return try CertificationRequest(pemOrDER: [UInt8](data))
    }

    public init(der: [UInt8]) throws {
        let parts = try DERNode(der).sequence()
        guard parts.count == 3, parts[2].tag == DERTag.bitString, parts[2].content.first == 0 else {
            throw X509Error.malformed("CertificationRequest")
        }
        self.der = der
        info = Array(parts[0].encoded)
        signature = Array(parts[2].content.dropFirst())
        signatureAlgorithm = try ObjectIdentifier(node: try parts[1].sequence()[0])
        let fields = try parts[0].sequence()
        guard fields.count >= 3, fields[0].tag == DERTag.integer else { throw X509Error.malformed("CertificationRequestInfo") }
        subject = try DistinguishedName(node: fields[1])
        publicKey = try SubjectPublicKeyInfo(node: fields[2])
        requestedExtensions = CertificateExtensions()
        if fields.count > 3, fields[3].tag == DERTag.context(0) {
            for attribute in try fields[3].children() {
                let pair = try attribute.sequence()
                guard pair.count == 2, try ObjectIdentifier(node: pair[0]) == .extensionRequest,
                      let extensions = try pair[1].sequence(DERTag.set).first else { continue }
                requestedExtensions = try CertificateExtensions(node: extensions)
            }
        }
    }

    /// A PEM (either label) or DER request.
    public init(pemOrDER bytes: [UInt8]) throws {
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN") {
            guard let block = PEM.blocks(text, labels: Self.pemLabels).first else {
                throw X509Error.malformed("no CERTIFICATE REQUEST block")
            }
            try self.init(der: block.der)
        } else {
            try self.init(der: bytes)
        }
    }

    public var pem: String { PEM.encode(der, label: "CERTIFICATE REQUEST") }
}

extension CertificationRequest {
    /// A request for `subject` with `subjectAlternativeNames`, signed by `signer` whose public key is `publicKey`
    /// (a SubjectPublicKeyInfo DER): what `openssl req -new` makes.
    public static func make(subject: DistinguishedName, subjectAlternativeNames: [String], publicKey: [UInt8],
                            signer: CertificateSigner) throws -> CertificationRequest {
        var attributes: [UInt8] = DER.element(DERTag.context(0), [])
        if let san = CertificateExtension.subjectAlternativeNames(subjectAlternativeNames) {
            attributes = DER.element(DERTag.context(0), DER.sequence([
                ObjectIdentifier.extensionRequest.der, DER.set([DER.sequence([san.der])]),
            ]))
        }
        let info = DER.sequence([DER.integer(0), subject.der, publicKey, attributes])
        let signature = try signer.sign(info)
        return try CertificationRequest(der: DER.sequence([info, CertificateBuilder.algorithmIdentifier(signer.signatureAlgorithm),
                                                           DER.bitString(signature)]))
    }
}
