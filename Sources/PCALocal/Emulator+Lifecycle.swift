import Foundation
import PCAClient
import PCAX509

/// The rest of a CA's life through the API: its CSR, installing its certificate (PENDING_CERTIFICATE to
/// ACTIVE), revoking what it issued, and audit reports. The CSR is real, signed with the CA's key; an imported
/// certificate must carry that key and verify against its chain.
extension Emulator {
    func getCertificateAuthorityCsr(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let status = state.authorities[index].authority.status ?? .creating
        guard [.pendingCertificate, .active, .disabled, .expired].contains(status) else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        guard let csr = try csr(of: index) else {
            throw EmulatorError("RequestInProgressException", "The certificate authority's key and CSR are still being created.")
        }
        return try JSONSerialization.data(withJSONObject: ["Csr": csr])
    }

    func importCertificateAuthorityCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let authority = state.authorities[index].authority
        let status = authority.status ?? .creating
        guard status == .pendingCertificate || status == .active || status == .expired else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        let certificateText = try Self.pemText(input, "Certificate")
        let chainText = try input.string("CertificateChain").map { _ in try Self.pemText(input, "CertificateChain") }
        guard let certificate = try? Certificate(pem: certificateText),
              let chain = try? chainText.map(Certificate.chain(pem:)) ?? [] else {
            throw EmulatorError("MalformedCertificateException", "The certificate or its chain is not a valid X.509 certificate.")
        }
        guard let key = try signingKeyIfReady(of: index) else {
            throw EmulatorError("RequestInProgressException", "The certificate authority's key is still being created.")
        }
        try Self.checkImport(certificate, chain: chain, type: authority.type, key: key)
        guard certificate.notAfter > now() else {
            throw EmulatorError("CertificateMismatchException", "The certificate has already expired.")
        }
        var updated = authority
        updated.status = .active
        updated.notBefore = certificate.notBefore
        updated.notAfter = certificate.notAfter
        updated.serial = certificate.serial.replacingOccurrences(of: ":", with: "")
        updated.lastStateChangeAt = now()
        state.authorities[index].authority = updated
        state.authorities[index].importedCertificate = certificate.pem
        state.authorities[index].importedChain = chain.isEmpty ? nil : chain.map(\.pem).joined()
        return nil
    }

    /// AWS's rules for an imported CA certificate: the CA's own key; a CA certificate; a root self-signed and a
    /// subordinate not; the chain in order up to a root, each certificate signed by the next, without the
    /// certificate itself.
    private static func checkImport(_ certificate: Certificate, chain: [Certificate], type: CAType?, key: CASigningKey) throws {
        guard certificate.publicKey.der == key.publicKeyInfo else {
            throw EmulatorError("CertificateMismatchException",
                                "The certificate's public key does not match the certificate authority's key (its CSR).")
        }
        guard certificate.extensions.basicConstraints?.isCA == true else {
            throw EmulatorError("MalformedCertificateException", "The certificate is not a CA certificate (basic constraints CA:TRUE).")
        }
        let selfSigned = certificate.issuer.der == certificate.subject.der && certificate.isSigned(by: certificate) != .invalid
        if type == .root {
            guard selfSigned else { throw EmulatorError("InvalidRequestException", "Only a self-signed certificate can be imported as a root CA.") }
            return
        }
        guard !selfSigned else {
            throw EmulatorError("InvalidRequestException", "A self-signed certificate cannot be imported as a subordinate CA.")
        }
        guard !chain.isEmpty else {
            throw EmulatorError("InvalidRequestException", "A subordinate CA certificate needs the chain of its issuer (CertificateChain).")
        }
        guard !chain.contains(where: { $0.der == certificate.der }) else {
            throw EmulatorError("InvalidRequestException", "The certificate chain must not include the certificate being imported.")
        }
        for (lower, upper) in zip([certificate] + chain, chain) where lower.issuer.der != upper.subject.der || lower.isSigned(by: upper) == .invalid {
            throw EmulatorError("CertificateMismatchException",
                                "The certificate for \(lower.subject) is not signed by the next certificate of the chain (\(upper.subject)).")
        }
        if let top = chain.last, top.issuer.der != top.subject.der || top.isSigned(by: top) == .invalid {
            throw EmulatorError("CertificateMismatchException", "The last certificate of the chain must be a self-signed root.")
        }
    }

    func revokeCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let serialText = try input.requiredString("CertificateSerial", maxLength: 128)
        let reason = try input.requiredString("RevocationReason")
        let status = state.authorities[index].authority.status ?? .creating
        guard status == .active || status == .disabled else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        let serial = serialText.replacingOccurrences(of: ":", with: "").lowercased()
        guard var issued = state.authorities[index].certificates[serial] else {
            throw EmulatorError("ResourceNotFoundException",
                                "Could not find a certificate with serial \(serialText) issued by \(state.authorities[index].arn).")
        }
        guard issued.revokedAt == nil else {
            throw EmulatorError("RequestAlreadyProcessedException", "The certificate with serial \(serialText) is already revoked.")
        }
        issued.revokedAt = now()
        issued.revocationReason = reason
        state.authorities[index].certificates[serial] = issued
        return nil
    }

    func createCertificateAuthorityAuditReport(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let bucket = try input.requiredString("S3BucketName")
        let format = try input.requiredString("AuditReportResponseFormat")
        let status = state.authorities[index].authority.status ?? .creating
        guard [.active, .disabled, .expired].contains(status) else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        let id = UUID().uuidString.lowercased()
        let caID = state.authorities[index].authority.id ?? ""
        let report = AuditReport(id: id, s3BucketName: bucket,
                                 s3Key: "audit-report/\(caID)/\(id).\(format == "CSV" ? "csv" : "json")", createdAt: now())
        state.authorities[index].auditReports = (state.authorities[index].auditReports ?? []) + [report]
        return try JSONSerialization.data(withJSONObject: ["AuditReportId": id, "S3Key": report.s3Key])
    }

    func describeCertificateAuthorityAuditReport(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let id = try input.requiredString("AuditReportId")
        guard let report = state.authorities[index].auditReports?.first(where: { $0.id == id }) else {
            throw EmulatorError("ResourceNotFoundException", "Could not find audit report \(id).")
        }
        // The report is complete at once; no object is written to S3.
        return try JSONSerialization.data(withJSONObject: [
            "AuditReportStatus": "SUCCESS", "S3BucketName": report.s3BucketName, "S3Key": report.s3Key,
            "CreatedAt": report.createdAt.timeIntervalSince1970,
        ])
    }

    /// The text of a blob member that must hold PEM certificates.
    private static func pemText(_ input: RequestInput, _ member: String) throws -> String {
        guard let encoded = try input.string(member), let data = Data(base64Encoded: encoded),
              let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") else {
            throw EmulatorError("MalformedCertificateException", "The \(member) is not a PEM-encoded certificate.")
        }
        return text
    }
}
