import Foundation
import PCAClient
import PCAX509

/// CA certificates and issued certificates: real X.509, signed with the CA's key by the template's rules.
extension Emulator {
    func getCertificateAuthorityCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let status = state.authorities[index].authority.status ?? .creating
        guard [.active, .disabled, .expired].contains(status), let installed = try caCertificate(of: index) else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        return try Self.encode(CertificateResponse(certificate: installed.certificate, certificateChain: installed.chain))
    }

    func issueCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let csrText = try input.requiredString("Csr", maxLength: 43_692)
        let signing = SigningAlgorithm(rawValue: try input.requiredString("SigningAlgorithm"))
        guard let validity = try input.decode(Validity.self, "Validity") else {
            throw EmulatorError.validation("null", at: "validity", "Member must not be null")
        }
        let validityNotBefore = try input.decode(Validity.self, "ValidityNotBefore")
        let token = try input.string("IdempotencyToken", maxLength: 36)
        guard SigningAlgorithm.allKnown.contains(signing) else {
            throw EmulatorError.validation("'\(signing.rawValue)'", at: "signingAlgorithm",
                                           "Member must satisfy enum value set: [\(SigningAlgorithm.allKnown.map(\.rawValue).joined(separator: ", "))]")
        }
        let authority = state.authorities[index].authority
        let templateARN = try input.string("TemplateArn") ?? CertificateTemplate.endEntity.arn
        guard let template = CertificateTemplate.named(templateARN), template.arn == templateARN else {
            throw EmulatorError("InvalidArgsException", "The template \(templateARN) is not valid. pca-local issues with "
                                    + CertificateTemplate.all.map(\.name).joined(separator: ", ") + ".")
        }
        let request = try Self.certificationRequest(csrText)
        let isRootTemplate = template.name == "RootCACertificate/V1"
        // A root signs its own certificate from its own CSR, also while still PENDING_CERTIFICATE.
        let caKey = authority.type == .root ? try signingKeyIfReady(of: index) : nil
        let ownRequest = isRootTemplate && caKey?.publicKeyInfo == request.publicKey.der
        guard authority.status == .active || (ownRequest && authority.status == .pendingCertificate) else {
            throw EmulatorError.invalidState("The certificate authority is not in a valid state for issuing certificates.")
        }
        if let key = authority.certificateAuthorityConfiguration?.keyAlgorithm,
           !Self.signingFamilyMatches(key: key, signing: signing) {
            throw EmulatorError("InvalidArgsException",
                                "The signing algorithm \(signing.rawValue) is not compatible with the CA key algorithm \(key.rawValue).")
        }
        if isRootTemplate, !ownRequest {
            throw EmulatorError("InvalidArgsException",
                                "The RootCACertificate/V1 template signs only the root CA's own CSR (GetCertificateAuthorityCsr).")
        }
        if let token, let previous = state.authorities[index].certificates.values.first(where: {
            $0.idempotencyToken == token && ($0.issuedAt.map { now().timeIntervalSince($0) < Self.idempotencyWindow } ?? false)
        }) {
            return try JSONSerialization.data(withJSONObject: ["CertificateArn": "\(authority.arn ?? "")/certificate/\(previous.serial)"])
        }
        let issuedAt = now()
        let notBefore = try validityNotBefore.map(Self.startDate) ?? issuedAt.addingTimeInterval(-3600)
        let notAfter = try Self.endDate(of: validity, from: issuedAt)
        try checkValidity(notBefore: notBefore, notAfter: notAfter, of: authority, issuedAt: issuedAt)
        let issuer = isRootTemplate ? nil : try caCertificate(of: index).map { try Certificate(pem: $0.certificate) }
        try Self.checkPathLength(template, issuer: issuer)
        guard let signer = try signingKey(of: index).signer(signing) else {
            throw EmulatorError("InvalidArgsException", "The signing algorithm \(signing.rawValue) does not fit the CA's key.")
        }
        let serial = Self.randomSerial()
        let certificate = try CertificateBuilder(
            serial: serial, issuer: issuer?.subject ?? request.subject, subject: request.subject, notBefore: notBefore,
            notAfter: notAfter, publicKey: request.publicKey.der,
            extensions: template.extensions(subjectKey: request.publicKey, authorityKeyID: issuer?.extensions.subjectKeyIdentifier,
                                            subjectAlternativeNames: request.requestedExtensions.subjectAlternativeNames)
        ).build(signer: signer)
        let serialHex = serial.map { String(format: "%02x", $0) }.joined()
        state.authorities[index].certificates[serialHex] = IssuedCertificate(
            serial: serialHex, subject: request.subject.description, notBefore: notBefore, notAfter: notAfter,
            certificate: certificate.pem, idempotencyToken: token, issuedAt: issuedAt)
        let certificateARN = "\(authority.arn ?? "")/certificate/\(serialHex)"
        readsInProgress[certificateARN] = faults.certificateReadsInProgress
        return try JSONSerialization.data(withJSONObject: ["CertificateArn": certificateARN])
    }

    /// AWS: "If you use the same token within five minutes, ACM Private CA recognizes that you are requesting
    /// only one certificate."
    static let idempotencyWindow: TimeInterval = 5 * 60

    /// The CSR blob: PEM (either label) or DER, parsed, its self-signature verified, naming a subject or a SAN.
    private static func certificationRequest(_ blob: String) throws -> CertificationRequest {
        let malformed = EmulatorError("MalformedCSRException", "The certificate signing request is invalid.")
        guard let bytes = Data(base64Encoded: blob), let request = try? CertificationRequest(pemOrDER: [UInt8](bytes)) else {
            throw malformed
        }
        if request.selfSignature == .invalid {
            throw EmulatorError("MalformedCSRException", "The certificate signing request's signature does not verify with its public key.")
        }
        if request.subject.rdns.isEmpty, request.requestedExtensions.subjectAlternativeNames.isEmpty {
            throw EmulatorError("MalformedCSRException", "A CSR must provide either a subject name or a subject alternative name.")
        }
        return request
    }

    /// A certificate may not end before it begins, nor outlive its CA; a short-lived CA issues for 7 days at most.
    private func checkValidity(notBefore: Date, notAfter: Date, of authority: CertificateAuthority, issuedAt: Date) throws {
        guard notAfter > notBefore, notAfter > issuedAt else {
            throw EmulatorError("ValidationException", "The certificate validity period is invalid: it must end after it begins "
                                    + "and after the time of issuance.")
        }
        if let caNotAfter = authority.notAfter, notAfter > caNotAfter {
            throw EmulatorError("ValidationException", "The certificate validity specified exceeds the certificate authority validity "
                                    + "(the CA certificate expires \(AWSTimestamp.iso8601(caNotAfter))).")
        }
        if authority.usageMode == .shortLivedCertificate, notAfter.timeIntervalSince(issuedAt) > 7 * 86_400 {
            throw EmulatorError("InvalidArgsException", "A short-lived certificate CA issues certificates valid for at most 7 days.")
        }
    }

    /// "The CA depth configured on a subordinate CA certificate must not exceed the limit set by its parents."
    private static func checkPathLength(_ template: CertificateTemplate, issuer: Certificate?) throws {
        guard case let .some(requested) = template.caPathLength, let limit = issuer?.extensions.basicConstraints?.pathLength else {
            return
        }
        guard let requested, requested < limit else {
            throw EmulatorError("InvalidArgsException", "The template \(template.name) exceeds the path length \(limit) of the CA's certificate.")
        }
    }

    func getCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let certificateARN = try input.requiredString("CertificateArn")
        let authority = state.authorities[index].authority
        let prefix = "\(authority.arn ?? "")/certificate/"
        guard certificateARN.hasPrefix(prefix) else { throw EmulatorError.invalidArn(certificateARN) }
        guard let issued = state.authorities[index].certificates[String(certificateARN.dropFirst(prefix.count))] else {
            throw EmulatorError("ResourceNotFoundException", "Could not find certificate \(certificateARN).")
        }
        if let left = readsInProgress[certificateARN], left > 0 {
            readsInProgress[certificateARN] = left - 1
            throw EmulatorError("RequestInProgressException", "The request to issue certificate \(certificateARN) is still in progress.")
        }
        // The issuing CA's certificate and the ones above it; none for a root's own certificate issued before it was installed.
        let installed = try caCertificate(of: index)
        let chain = installed.map { $0.certificate + ($0.chain ?? "") }
        return try Self.encode(CertificateResponse(certificate: issued.certificate, certificateChain: chain))
    }

    /// ValidityNotBefore: an ABSOLUTE time (seconds since 1970).
    private static func startDate(_ validity: Validity) throws -> Date {
        guard validity.type == .absolute else {
            throw EmulatorError("InvalidArgsException", "ValidityNotBefore must be of type ABSOLUTE.")
        }
        return Date(timeIntervalSince1970: Double(validity.value))
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
