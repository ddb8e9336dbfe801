/// AWS Private CA's certificate templates: what each fixes in the certificate (AWS Private CA guide,
/// "Template definitions"). The emulator issues by them; the UI's picker shows `purpose`.
public struct CertificateTemplate: Sendable, Hashable {
    public var name: String
    public var purpose: String
    /// nil: an end entity (CA:FALSE); else a CA with this path length (nil length: unlimited).
    public var caPathLength: Int??
    public var keyUsage: [String]
    public var extendedKeyUsage: [ObjectIdentifier]
    public var extendedKeyUsageCritical: Bool

    public var arn: String { "arn:aws:acm-pca:::template/\(name)" }
    public var isCA: Bool { caPathLength != nil }

    public static let endEntity = CertificateTemplate(
        name: "EndEntityCertificate/V1", purpose: "TLS server and client (the default)", caPathLength: nil,
        keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: [.serverAuth, .clientAuth], extendedKeyUsageCritical: false)
    public static let all: [CertificateTemplate] = [
        endEntity,
        CertificateTemplate(name: "EndEntityServerAuthCertificate/V1", purpose: "TLS server only", caPathLength: nil,
                            keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: [.serverAuth],
                            extendedKeyUsageCritical: false),
        CertificateTemplate(name: "EndEntityClientAuthCertificate/V1", purpose: "TLS client only (mTLS, VPN)", caPathLength: nil,
                            keyUsage: ["digitalSignature"], extendedKeyUsage: [.clientAuth], extendedKeyUsageCritical: false),
        CertificateTemplate(name: "CodeSigningCertificate/V1", purpose: "signing code", caPathLength: nil,
                            keyUsage: ["digitalSignature"], extendedKeyUsage: [ObjectIdentifier("1.3.6.1.5.5.7.3.3")],
                            extendedKeyUsageCritical: true),
        CertificateTemplate(name: "OCSPSigningCertificate/V1", purpose: "signing OCSP responses", caPathLength: nil,
                            keyUsage: ["digitalSignature"], extendedKeyUsage: [ObjectIdentifier("1.3.6.1.5.5.7.3.9")],
                            extendedKeyUsageCritical: true),
        CertificateTemplate(name: "SubordinateCACertificate_PathLen0/V1", purpose: "a subordinate CA that issues end entities only",
                            caPathLength: .some(0), keyUsage: caKeyUsage, extendedKeyUsage: [], extendedKeyUsageCritical: false),
        CertificateTemplate(name: "SubordinateCACertificate_PathLen1/V1", purpose: "a subordinate CA, one more CA below it",
                            caPathLength: .some(1), keyUsage: caKeyUsage, extendedKeyUsage: [], extendedKeyUsageCritical: false),
        CertificateTemplate(name: "SubordinateCACertificate_PathLen2/V1", purpose: "a subordinate CA, two more levels below",
                            caPathLength: .some(2), keyUsage: caKeyUsage, extendedKeyUsage: [], extendedKeyUsageCritical: false),
        CertificateTemplate(name: "SubordinateCACertificate_PathLen3/V1", purpose: "a subordinate CA, three more levels below",
                            caPathLength: .some(3), keyUsage: caKeyUsage, extendedKeyUsage: [], extendedKeyUsageCritical: false),
        CertificateTemplate(name: "RootCACertificate/V1", purpose: "a root CA's own certificate (self-signed)",
                            caPathLength: .some(nil), keyUsage: caKeyUsage, extendedKeyUsage: [], extendedKeyUsageCritical: false),
    ]

    static let caKeyUsage = ["digitalSignature", "keyCertSign", "cRLSign"]

    /// The template an ARN or a bare name (`EndEntityCertificate/V1`) names.
    public static func named(_ arnOrName: String) -> CertificateTemplate? {
        let name = arnOrName.hasPrefix("arn:") ? String(arnOrName.split(separator: "/", maxSplits: 1).last ?? "") : arnOrName
        return all.first { $0.name == name }
    }

    /// The extensions this template puts in a certificate for `subjectKey`, signed by a CA whose key
    /// identifier is `authorityKeyID`; `subjectAlternativeNames` pass through from the request.
    public func extensions(subjectKey: SubjectPublicKeyInfo, authorityKeyID: [UInt8]?,
                           subjectAlternativeNames: [String]) -> [CertificateExtension] {
        var result: [CertificateExtension] = [
            isCA ? .basicConstraints(isCA: true, pathLength: caPathLength ?? nil) : .basicConstraints(isCA: false, pathLength: nil),
            .keyUsage(keyUsage),
        ]
        if !extendedKeyUsage.isEmpty { result.append(.extendedKeyUsage(extendedKeyUsage, critical: extendedKeyUsageCritical)) }
        result.append(.subjectKeyIdentifier(for: subjectKey))
        if let authorityKeyID { result.append(.authorityKeyIdentifier(authorityKeyID)) }
        if !subjectAlternativeNames.isEmpty, let san = CertificateExtension.subjectAlternativeNames(subjectAlternativeNames) {
            result.append(san)
        }
        return result
    }
}
