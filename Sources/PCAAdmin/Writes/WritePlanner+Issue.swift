import Foundation
import PCAClient
import PCAX509

extension WritePlanner {
    /// Checks an issuance before anything is sent, and fills in what the issuer left out: the signing algorithm
    /// (the CA's) and the template (EndEntityCertificate/V1, the request's default).
    static func planIssue(_ target: WriteTarget, context: WriteGate.Context, now: Date) -> PlannedChange {
        // The gate has already spoken (WritePlanner.plan asks it first for every intent).
        guard var request = target.issuance else {
            return PlannedChange(target: target, intent: .issueCertificate, kind: .unreadable("no certificate request"))
        }
        var notes: [String] = []
        switch request.csr.selfSignature {
        case .valid: break
        case .invalid:
            return refused(target, request, "the CSR's self-signature does not verify with the key it carries: it was altered, "
                           + "or made with another key")
        case let .notChecked(what):
            notes.append("The CSR's self-signature was not checked here (\(what)); AWS checks it.")
        }
        let configuration = target.authority?.certificateAuthorityConfiguration
        if let key = configuration?.keyAlgorithm {
            let family = SigningFamily(key: key)
            if let asked = request.signingAlgorithm {
                let askedFamily = SigningFamily(signing: asked)
                if family != .other, askedFamily != family {
                    return refused(target, request, "\(asked.rawValue) is not a signing algorithm of this CA's \(key.rawValue) key: "
                                   + "an \(family.rawValue) CA signs with SHA256WITH\(family.rawValue), SHA384WITH\(family.rawValue) "
                                   + "or SHA512WITH\(family.rawValue)")
                }
            } else if let own = configuration?.signingAlgorithm {
                request.signingAlgorithm = own
                notes.append("Signing algorithm: \(own.rawValue), the CA's own.")
            }
        }
        if request.signingAlgorithm == nil {
            return PlannedChange(target: target, intent: .issueCertificate,
                                 kind: .unreadable("the CA's signing algorithm is not known: give --signing-algorithm"), issuance: request)
        }
        let end = request.notAfter(now: now)
        guard end > now else { return refused(target, request, "the validity ends before it begins") }
        if let caEnd = target.authority?.notAfter, end > caEnd {
            return refused(target, request, "a certificate cannot outlive its CA: the CA's certificate ends on "
                           + "\(AWSTimestamp.iso8601(caEnd)); the validity may run until then at most")
        }
        if request.template.isCA {
            notes.append("\(request.template.name) makes a CA certificate.")
        }
        return PlannedChange(target: target, intent: .issueCertificate, kind: .issue, steps: [.issueCertificate],
                             notes: notes, issuance: request)
    }

    private static func refused(_ target: WriteTarget, _ request: IssuanceRequest, _ reason: String) -> PlannedChange {
        PlannedChange(target: target, intent: .issueCertificate, kind: .refused(.badRequest(reason)), issuance: request)
    }
}
