import Foundation
import PCAClient

/// CA certificates and issued certificates. The PEM blocks are simulated: they are well-formed PEM whose
/// content is a readable description, not a DER-encoded X.509 certificate.
extension Emulator {
    func getCertificateAuthorityCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let stored = state.authorities[index]
        let status = stored.authority.status ?? .creating
        guard [.active, .disabled, .expired].contains(status) else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        return try Self.encode(CertificateResponse(certificate: stored.importedCertificate ?? Self.authorityPEM(stored.authority),
                                                   certificateChain: stored.importedCertificate != nil ? stored.importedChain
                                                       : chain(for: stored.authority)))
    }

    func issueCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let csrText = try input.requiredString("Csr", maxLength: 43_692)
        let signing = SigningAlgorithm(rawValue: try input.requiredString("SigningAlgorithm"))
        guard let validity = try input.decode(Validity.self, "Validity") else {
            throw EmulatorError.validation("null", at: "validity", "Member must not be null")
        }
        let token = try input.string("IdempotencyToken", maxLength: 36)
        guard SigningAlgorithm.allKnown.contains(signing) else {
            throw EmulatorError.validation("'\(signing.rawValue)'", at: "signingAlgorithm",
                                           "Member must satisfy enum value set: [\(SigningAlgorithm.allKnown.map(\.rawValue).joined(separator: ", "))]")
        }
        let authority = state.authorities[index].authority
        let template = try input.string("TemplateArn")
        // A new root CA signs its own certificate from its own CSR while still PENDING_CERTIFICATE.
        let selfSigning = authority.status == .pendingCertificate && authority.type == .root
            && (template?.hasSuffix(Self.rootTemplateSuffix) ?? false) && Data(base64Encoded: csrText) == Data(csr(of: index).utf8)
        guard authority.status == .active || selfSigning else {
            throw EmulatorError.invalidState("The certificate authority is not in a valid state for issuing certificates.")
        }
        if let key = authority.certificateAuthorityConfiguration?.keyAlgorithm,
           !Self.signingFamilyMatches(key: key, signing: signing) {
            throw EmulatorError("InvalidArgsException",
                                "The signing algorithm \(signing.rawValue) is not compatible with the CA key algorithm \(key.rawValue).")
        }
        guard let csr = Data(base64Encoded: csrText), let pem = String(data: csr, encoding: .utf8),
              pem.contains("-----BEGIN CERTIFICATE REQUEST-----"), pem.contains("-----END CERTIFICATE REQUEST-----") else {
            throw EmulatorError("MalformedCSRException", "The certificate signing request is invalid.")
        }
        if let token, let previous = state.authorities[index].certificates.values.first(where: {
            $0.idempotencyToken == token && ($0.issuedAt.map { now().timeIntervalSince($0) < Self.idempotencyWindow } ?? false)
        }) {
            return try JSONSerialization.data(withJSONObject: ["CertificateArn": "\(authority.arn ?? "")/certificate/\(previous.serial)"])
        }
        let notBefore = now().addingTimeInterval(-3600)
        let notAfter = try Self.endDate(of: validity, from: now())
        if let caNotAfter = authority.notAfter, notAfter > caNotAfter {
            throw EmulatorError("InvalidArgsException", "The certificate validity cannot extend past the CA certificate's expiry.")
        }
        if authority.usageMode == .shortLivedCertificate, notAfter.timeIntervalSince(now()) > 7 * 86_400 {
            throw EmulatorError("InvalidArgsException", "A short-lived certificate CA issues certificates valid for at most 7 days.")
        }
        let serial = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }.joined()
        let subject = Self.field("subject", in: pem) ?? "CN=simulated"
        let issued = IssuedCertificate(serial: serial, subject: subject, notBefore: notBefore, notAfter: notAfter,
                                       certificate: Self.pem(["pca-local simulated certificate", "serial=\(serial)",
                                                              "subject=\(subject)",
                                                              "issuer=\(authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? "")",
                                                              "template=\(template ?? "EndEntityCertificate/V1")",
                                                              "notBefore=\(AWSTimestamp.iso8601(notBefore))",
                                                              "notAfter=\(AWSTimestamp.iso8601(notAfter))"]),
                                       idempotencyToken: token, issuedAt: now())
        state.authorities[index].certificates[serial] = issued
        return try JSONSerialization.data(withJSONObject: ["CertificateArn": "\(authority.arn ?? "")/certificate/\(serial)"])
    }

    /// AWS: "If you use the same token within five minutes, ACM Private CA recognizes that you are requesting
    /// only one certificate."
    static let idempotencyWindow: TimeInterval = 5 * 60

    func getCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let certificateARN = try input.requiredString("CertificateArn")
        let authority = state.authorities[index].authority
        let prefix = "\(authority.arn ?? "")/certificate/"
        guard certificateARN.hasPrefix(prefix) else { throw EmulatorError.invalidArn(certificateARN) }
        guard let issued = state.authorities[index].certificates[String(certificateARN.dropFirst(prefix.count))] else {
            throw EmulatorError("ResourceNotFoundException", "Could not find certificate \(certificateARN).")
        }
        let chain = [Self.authorityPEM(authority), self.chain(for: authority)].compactMap { $0 }.joined(separator: "\n")
        return try Self.encode(CertificateResponse(certificate: issued.certificate, certificateChain: chain))
    }

    /// The chain above a CA: a subordinate's issuer is the first ROOT in the state; a root has none.
    private func chain(for authority: CertificateAuthority) -> String? {
        guard authority.type == .subordinate else { return nil }
        return state.authorities.first { $0.authority.type == .root }.map { Self.authorityPEM($0.authority) }
    }

    static func authorityPEM(_ authority: CertificateAuthority) -> String {
        pem(["pca-local simulated CA certificate",
             "subject=\(authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? "")",
             "serial=\(authority.serial ?? "")",
             "notAfter=\(authority.notAfter.map(AWSTimestamp.iso8601) ?? "")"])
    }

    static func pem(_ lines: [String]) -> String {
        simulatedPEM("CERTIFICATE", lines)
    }

    /// A well-formed PEM block whose content is readable `name=value` lines instead of DER: what the
    /// emulator's certificates and CSRs are.
    static func simulatedPEM(_ block: String, _ lines: [String]) -> String {
        let encoded = Data(lines.joined(separator: "\n").utf8).base64EncodedString()
        var wrapped: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            wrapped.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return (["-----BEGIN \(block)-----"] + wrapped + ["-----END \(block)-----"]).joined(separator: "\n") + "\n"
    }

    static func endDate(of validity: Validity, from start: Date) throws -> Date {
        guard validity.value >= 1 else {
            throw EmulatorError.validation("'\(validity.value)'", at: "validity.value", "Member must have value greater than or equal to 1")
        }
        let calendar = Calendar(identifier: .gregorian)
        switch validity.type {
        case .days: return start.addingTimeInterval(Double(validity.value) * 86_400)
        case .months: return calendar.date(byAdding: .month, value: Int(validity.value), to: start) ?? start
        case .years: return calendar.date(byAdding: .year, value: Int(validity.value), to: start) ?? start
        case .absolute: return Date(timeIntervalSince1970: Double(validity.value))
        case .endDate:
            let text = String(validity.value)
            let full = text.count == 12 ? (Int(text.prefix(2)).map { $0 >= 50 ? "19" : "20" } ?? "20") + text : text
            guard full.count == 14, let date = AWSTimestamp.parseISO8601(
                "\(full.prefix(4))-\(full.dropFirst(4).prefix(2))-\(full.dropFirst(6).prefix(2))T\(full.dropFirst(8).prefix(2)):\(full.dropFirst(10).prefix(2)):\(full.dropFirst(12).prefix(2))Z") else {
                throw EmulatorError("InvalidArgsException", "The END_DATE validity \(validity.value) is not a valid date.")
            }
            return date
        default:
            throw EmulatorError.validation("'\(validity.type.rawValue)'", at: "validity.type",
                                           "Member must satisfy enum value set: [END_DATE, ABSOLUTE, DAYS, MONTHS, YEARS]")
        }
    }
}
