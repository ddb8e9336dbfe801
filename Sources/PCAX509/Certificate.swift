import Foundation
import PCACrypto

/// An X.509 certificate as pca-tui shows it: who, by whom, which key, how long, for what, and its
/// fingerprint. Reads RFC 5280 DER; keeps the signed bytes for verification.
public struct Certificate: Sendable, Hashable {
    public var version: Int
    /// The serial number as colon-separated hex, as the console shows it (`0a:1b:...`).
    public var serial: String
    public var serialBytes: [UInt8]
    public var signatureAlgorithm: ObjectIdentifier
    public var issuer: DistinguishedName
    public var subject: DistinguishedName
    public var notBefore: Date
    public var notAfter: Date
    public var publicKey: SubjectPublicKeyInfo
    public var extensions: CertificateExtensions
    /// The DER of the whole certificate.
    public var der: [UInt8]
    /// The DER of TBSCertificate: what the issuer signed.
    public var tbs: [UInt8]
    /// The signature bits.
    public var signature: [UInt8]

    public init(der: [UInt8]) throws {
        let root = try DERNode(der)
        let parts = try root.sequence()
        guard parts.count == 3, parts[2].tag == DERTag.bitString, parts[2].content.first == 0 else {
            throw X509Error.malformed("Certificate")
        }
        self.der = der
        tbs = Array(parts[0].encoded)
        signature = Array(parts[2].content.dropFirst())
        signatureAlgorithm = try ObjectIdentifier(node: try parts[1].sequence()[0])
        var fields = try parts[0].sequence()[...]
        if fields.first?.tag == DERTag.context(0) {
            let explicit = try fields.removeFirst().children()
            version = (explicit.first?.content.last.map(Int.init) ?? 0) + 1
        } else {
            version = 1
        }
        guard fields.count >= 6 else { throw X509Error.malformed("TBSCertificate has too few fields") }
        let serialNode = fields.removeFirst()
        guard serialNode.tag == DERTag.integer else { throw X509Error.malformed("serial number") }
        serialBytes = Array(serialNode.content)
        serial = Array(serialNode.content.drop { $0 == 0 }).map { String(format: "%02x", $0) }.joined(separator: ":")
        _ = fields.removeFirst()  // the signature algorithm again
        issuer = try DistinguishedName(node: fields.removeFirst())
        let validity = try fields.removeFirst().sequence()
        guard validity.count == 2 else { throw X509Error.malformed("Validity") }
        notBefore = try X509Time.decode(validity[0])
        notAfter = try X509Time.decode(validity[1])
        subject = try DistinguishedName(node: fields.removeFirst())
        publicKey = try SubjectPublicKeyInfo(node: fields.removeFirst())
        extensions = CertificateExtensions()
        if let wrapped = fields.first(where: { $0.tag == DERTag.context(3) }), let inner = try wrapped.children().first {
            extensions = try CertificateExtensions(node: inner)
        }
    }

    /// The first CERTIFICATE block of `pem`.
    public init(pem: String) throws {
        guard let block = PEM.blocks(pem, labels: ["CERTIFICATE"]).first else { throw X509Error.malformed("no CERTIFICATE block") }
        try self.init(der: block.der)
    }

    /// Every CERTIFICATE block of a chain, in order.
    public static func chain(pem: String) throws -> [Certificate] {
        try PEM.blocks(pem, labels: ["CERTIFICATE"]).map { try Certificate(der: $0.der) }
    }

    /// SHA-256 of the DER, as `AB:CD:...`.
    public var sha256Fingerprint: String {
        SHA256.hash(der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    public var pem: String { PEM.encode(der, label: "CERTIFICATE") }
}

/// UTCTime and GeneralizedTime as RFC 5280 allows them (Z, seconds present).
public enum X509Time {
    public static func decode(_ node: DERNode) throws -> Date {
        guard let text = String(bytes: node.content, encoding: .ascii), text.hasSuffix("Z") else {
            throw X509Error.malformed("time without Z")
        }
        let digits = String(text.dropLast())
        let full: String
        switch (node.tag, digits.count) {
        case (DERTag.utcTime, 12):
            guard let year = Int(digits.prefix(2)) else { throw X509Error.malformed("UTCTime") }
            full = (year >= 50 ? "19" : "20") + digits
        case (DERTag.generalizedTime, 14):
            full = digits
        default:
            throw X509Error.malformed("time format")
        }
        guard full.allSatisfy(\.isASCIINumber) else { throw X509Error.malformed("time digits") }
        func number(_ from: Int, _ length: Int) -> Int { Int(full.dropFirst(from).prefix(length)) ?? 0 }
        var parts = DateComponents()
        parts.calendar = Calendar(identifier: .gregorian)
        parts.timeZone = TimeZone(identifier: "UTC")
        (parts.year, parts.month, parts.day) = (number(0, 4), number(4, 2), number(6, 2))
        (parts.hour, parts.minute, parts.second) = (number(8, 2), number(10, 2), number(12, 2))
        guard (1...12).contains(parts.month ?? 0), (1...31).contains(parts.day ?? 0), (0...23).contains(parts.hour ?? 0),
              (0...59).contains(parts.minute ?? 0), (0...60).contains(parts.second ?? 0), let date = parts.date else {
            throw X509Error.malformed("time out of range")
        }
        return date
    }
}

extension Character {
    var isASCIINumber: Bool { ("0"..."9").contains(self) }
}
