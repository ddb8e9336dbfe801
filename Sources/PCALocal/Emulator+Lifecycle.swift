import Foundation
import PCAClient

/// The rest of a CA's life through the API: its CSR, installing its certificate (PENDING_CERTIFICATE to
/// ACTIVE), revoking what it issued, and audit reports. Certificates stay simulated (see `simulatedPEM`), but
/// an X.509 certificate from elsewhere can be imported too: its validity is read from the DER.
extension Emulator {
    /// The template a root CA signs its own certificate with.
    static let rootTemplateSuffix = ":template/RootCACertificate/V1"

    func getCertificateAuthorityCsr(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let status = state.authorities[index].authority.status ?? .creating
        guard [.pendingCertificate, .active, .disabled, .expired].contains(status) else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        return try JSONSerialization.data(withJSONObject: ["Csr": csr(of: index)])
    }

    /// The CA's CSR: the one made at creation, or one made now for a CA that has none (the demo seed's).
    func csr(of index: Int) -> String {
        if let stored = state.authorities[index].csr { return stored }
        let authority = state.authorities[index].authority
        let made = Self.simulatedPEM("CERTIFICATE REQUEST", [
            "pca-local simulated certificate request", "ca=\(authority.arn ?? "")",
            "subject=\(authority.certificateAuthorityConfiguration?.subject?.distinguishedName ?? "")",
            "keyAlgorithm=\(authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue ?? "")",
        ])
        state.authorities[index].csr = made
        return made
    }

    func importCertificateAuthorityCertificate(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let authority = state.authorities[index].authority
        let status = authority.status ?? .creating
        guard status == .pendingCertificate || status == .active || status == .expired else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        let certificate = try Self.pemText(input, "Certificate", block: "CERTIFICATE")
        let chain = try input.string("CertificateChain").map { _ in try Self.pemText(input, "CertificateChain", block: "CERTIFICATE") }
        if authority.type == .subordinate, chain == nil {
            throw EmulatorError("InvalidRequestException",
                                "A subordinate CA certificate needs the chain of its issuer (CertificateChain).")
        }
        guard let validity = Self.simulatedValidity(certificate) ?? X509Validity.read(pem: certificate) else {
            throw EmulatorError("MalformedCertificateException", "The certificate could not be read.")
        }
        guard validity.notAfter > now() else {
            throw EmulatorError("CertificateMismatchException", "The certificate has already expired.")
        }
        var updated = authority
        updated.status = .active
        updated.notBefore = validity.notBefore
        updated.notAfter = validity.notAfter
        updated.serial = Self.field("serial", in: certificate) ?? updated.serial
            ?? (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }.joined()
        updated.lastStateChangeAt = now()
        state.authorities[index].authority = updated
        state.authorities[index].importedCertificate = certificate
        state.authorities[index].importedChain = chain
        return nil
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

    /// The text of a blob member that must hold a PEM block of `block`.
    private static func pemText(_ input: RequestInput, _ member: String, block: String) throws -> String {
        guard let encoded = try input.string(member), let data = Data(base64Encoded: encoded),
              let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN \(block)-----"),
              text.contains("-----END \(block)-----") else {
            throw EmulatorError("MalformedCertificateException", "The \(member) is not a PEM-encoded certificate.")
        }
        return text
    }

    /// Validity of a certificate this emulator issued.
    private static func simulatedValidity(_ pem: String) -> (notBefore: Date, notAfter: Date)? {
        guard let notBefore = field("notBefore", in: pem).flatMap(AWSTimestamp.parseISO8601),
              let notAfter = field("notAfter", in: pem).flatMap(AWSTimestamp.parseISO8601) else { return nil }
        return (notBefore, notAfter)
    }

    /// A `name=value` line inside a simulated PEM block.
    static func field(_ name: String, in pem: String) -> String? {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body), let text = String(data: data, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("\(name)=") }.map { String($0.dropFirst(name.count + 1)) }
    }
}
