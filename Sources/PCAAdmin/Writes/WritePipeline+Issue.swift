import Foundation
import PCAClient

extension WritePipeline {
    /// Issues a certificate: the CA read again for the gate and the checks, the intent journaled, IssueCertificate
    /// sent, then GetCertificate waited for as the SDK waiter does (that is the read-back), and the outcome
    /// journaled with the certificate's ARN.
    func applyIssue(_ planned: PlannedChange, context: WriteGate.Context,
                    waiter: CertificateWaiter = CertificateWaiter()) async -> WriteResult {
        var target = planned.target
        target.issuance = planned.issuance ?? target.issuance
        if let authority = try? await connection.pca.describeCertificateAuthority(arn: target.arn) {
            target.authority = authority
            target.status = authority.status
        }
        let change = WritePlanner.plan(target, intent: .issueCertificate, context: context)
        if let stopped = stoppedAtGate(change) { return stopped }
        guard let issuance = change.issuance, let algorithm = issuance.signingAlgorithm else {
            return WriteResult(change: change, status: .unreadable("no signing algorithm"))
        }
        return await inFlight(change, before: "CSR \(issuance.csr.subject)") { [self] in
            let response: IssueCertificateResponse
            do {
                response = try await connection.pca.issueCertificate(IssueCertificateRequest(
                    certificateAuthorityArn: target.arn, csr: Data(issuance.csr.pem.utf8), signingAlgorithm: algorithm,
                    validity: issuance.apiValidity, templateArn: issuance.template.arn,
                    idempotencyToken: issuance.idempotencyToken))
            } catch {
                return WriteResult(change: change, status: .failed(error, sent: false))
            }
            guard let arn = response.certificateArn else {
                return WriteResult(change: change, status: .notVerified("IssueCertificate answered without a CertificateArn"))
            }
            do {
                let fetched = try await waiter.wait(client: connection.pca, authorityArn: target.arn, certificateArn: arn)
                var result = WriteResult(change: change, status: .done)
                result.issued = IssuedCertificate(certificateArn: arn, certificate: fetched.certificate, chain: fetched.certificateChain)
                return result
            } catch {
                var result = WriteResult(change: change, status: .notVerified(ErrorWords.short(error)))
                result.issued = IssuedCertificate(certificateArn: arn)
                return result
            }
        }
    }
}
