import Foundation

/// The extensions of a certificate (or requested in a CSR) that pca-tui shows.
public struct CertificateExtensions: Sendable, Hashable {
    public var subjectAlternativeNames: [String] = []
    /// `digitalSignature`, `keyEncipherment`, `keyCertSign`, ...
    public var keyUsage: [String] = []
    /// `serverAuth`, `clientAuth`, or dotted OIDs.
    public var extendedKeyUsage: [String] = []
    /// nil when absent; otherwise whether it is a CA and its path length.
    public var basicConstraints: (isCA: Bool, pathLength: Int?)?
    public var subjectKeyIdentifier: [UInt8]?
    public var authorityKeyIdentifier: [UInt8]?

    public init() {}

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.subjectAlternativeNames == rhs.subjectAlternativeNames && lhs.keyUsage == rhs.keyUsage
            && lhs.extendedKeyUsage == rhs.extendedKeyUsage && lhs.basicConstraints?.isCA == rhs.basicConstraints?.isCA
            && lhs.basicConstraints?.pathLength == rhs.basicConstraints?.pathLength
            && lhs.subjectKeyIdentifier == rhs.subjectKeyIdentifier && lhs.authorityKeyIdentifier == rhs.authorityKeyIdentifier
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(subjectAlternativeNames)
        hasher.combine(keyUsage)
        hasher.combine(extendedKeyUsage)
    }

    static let keyUsageNames = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
                                "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"]

    /// Reads a SEQUENCE OF Extension.
    init(node: DERNode) throws {
        for item in try node.sequence() {
            let parts = try item.sequence()
            guard parts.count >= 2, let value = parts.last, value.tag == DERTag.octetString else {
                throw X509Error.malformed("Extension")
            }
            let inner = try DERNode(Array(value.content))
            switch try ObjectIdentifier(node: parts[0]) {
            case .subjectAltName: subjectAlternativeNames = try Self.generalNames(inner)
            case .keyUsage: keyUsage = try Self.bits(inner)
            case .extKeyUsage: extendedKeyUsage = try inner.sequence().map { try ObjectIdentifier(node: $0).description }
            case .basicConstraints:
                let fields = try inner.sequence()
                let isCA = fields.first { $0.tag == DERTag.boolean }.map { $0.content.first != 0 } ?? false
                let length = fields.first { $0.tag == DERTag.integer }.map { $0.content.reduce(0) { $0 << 8 | Int($1) } }
                basicConstraints = (isCA, length)
            case .subjectKeyIdentifier: subjectKeyIdentifier = Array(inner.content)
            case .authorityKeyIdentifier:
                authorityKeyIdentifier = try inner.children().first { $0.tag == DERTag.contextPrimitive(0) }.map { Array($0.content) }
            default: break
            }
        }
    }

    private static func generalNames(_ node: DERNode) throws -> [String] {
        try node.sequence().compactMap { name in
            switch name.tag {
            case DERTag.contextPrimitive(1): return "email:" + String(decoding: name.content, as: UTF8.self)
            case DERTag.contextPrimitive(2): return "DNS:" + String(decoding: name.content, as: UTF8.self)
            case DERTag.contextPrimitive(6): return "URI:" + String(decoding: name.content, as: UTF8.self)
            case DERTag.contextPrimitive(7):
                let bytes = Array(name.content)
                if bytes.count == 4 { return "IP:" + bytes.map(String.init).joined(separator: ".") }
                if bytes.count == 16 {
                    return "IP:" + stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                        .joined(separator: ":")
                }
                return nil
            case DERTag.context(4): return "DirName:" + (try DistinguishedName(node: try DERNode(Array(name.content))).description)
            default: return nil
            }
        }
    }

    private static func bits(_ node: DERNode) throws -> [String] {
        guard node.tag == DERTag.bitString, node.content.first != nil else { throw X509Error.malformed("KeyUsage") }
        var names: [String] = []
        for (byteIndex, byte) in node.content.dropFirst().enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                let index = byteIndex * 8 + bit
                if index < keyUsageNames.count { names.append(keyUsageNames[index]) }
            }
        }
        return names
    }
}
