import Foundation
import PCAClient
import PCAX509

/// A certificate's fields as the commands and the UI show them.
public enum CertificateSummary {
    public static func lines(_ certificate: Certificate) -> [(String, String)] {
        let extensions = certificate.extensions
        var lines: [(String, String)] = [
            ("Subject", certificate.subject.description), ("Issuer", certificate.issuer.description),
            ("Serial", certificate.serial), ("Key", certificate.publicKey.algorithmWords),
            ("Valid", "\(AWSTimestamp.iso8601(certificate.notBefore)) to \(AWSTimestamp.iso8601(certificate.notAfter))"),
        ]
        if !extensions.subjectAlternativeNames.isEmpty {
            lines.append(("Alternative names", extensions.subjectAlternativeNames.joined(separator: ", ")))
        }
        if !extensions.keyUsage.isEmpty { lines.append(("Key usage", extensions.keyUsage.joined(separator: ", "))) }
        if !extensions.extendedKeyUsage.isEmpty { lines.append(("Extended key usage", extensions.extendedKeyUsage.joined(separator: ", "))) }
        if let constraints = extensions.basicConstraints {
            lines.append(("Basic constraints", constraints.isCA ? "CA" + (constraints.pathLength.map { ", path length \($0)" } ?? "") : "not a CA"))
        }
        lines.append(("SHA-256 fingerprint", certificate.sha256Fingerprint))
        return lines
    }
}

/// Reads a CA's own certificate (GetCertificateAuthorityCertificate) as X.509.
public enum CACertificateReader {
    /// The certificate, or nil with why not: none yet, unreadable, or not X.509.
    public static func read(arn: String, client: PCAClient) async -> (Certificate?, String?) {
        do {
            guard let pem = try await client.getCertificateAuthorityCertificate(arn: arn).certificate else {
                return (nil, "the answer held no certificate")
            }
            do {
                return (try Certificate(pem: pem), nil)
            } catch {
                return (nil, "not readable as X.509: \(error)")
            }
        } catch {
            return (nil, ErrorWords.short(error))
        }
    }
}
