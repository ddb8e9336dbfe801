import Foundation
import PCAAdmin
import PCAClient
import PCAX509

/// The Issue certificate dialog (`i`): a CSR file, a template, a validity, a signing algorithm and where to
/// save; then the issued certificate's details.
public struct IssueDialogState: Sendable, Hashable {
    public enum Field: Int, Sendable, Hashable, CaseIterable {
        case csrPath, template, validity, algorithm, outPath, issue, cancel
    }

    public enum Phase: Sendable, Hashable {
        case editing
        case issuing
        case issued(IssueOutcome)
        case failed(ErrorExplanation)
    }

    public var arn: String
    public var name: String
    public var focus: Field = .csrPath
    public var csrPath = ""
    /// The CSR read from `csrPath`, or why it could not be.
    public var csr: Result<CertificationRequest, ErrorExplanation>?
    public var templateIndex = 0
    public var validityDays = "365"
    /// nil: the CA's own algorithm; else one of `algorithms`.
    public var algorithmIndex: Int?
    public var outPath = ""
    public var phase: Phase = .editing
    /// Paths Tab offered for the CSR (shown under the field).
    public var completions: [String] = []

    public init(arn: String, name: String) {
        self.arn = arn
        self.name = name
    }

    public var template: CertificateTemplate { CertificateTemplate.all[templateIndex] }

    public static let algorithms: [SigningAlgorithm] = [.sha256WithRSA, .sha384WithRSA, .sha512WithRSA,
                                                         .sha256WithECDSA, .sha384WithECDSA, .sha512WithECDSA]
    public var algorithm: SigningAlgorithm? { algorithmIndex.map { Self.algorithms[$0] } }
}

/// What the runner reports after an issuance: the certificate's details and where it was saved.
public struct IssueOutcome: Sendable, Hashable {
    public var certificateArn: String
    public var certificate: Certificate?
    public var savedTo: String?
    /// Set when the certificate was issued but not fetched, or not saved.
    public var warning: String?

    public init(certificateArn: String, certificate: Certificate?, savedTo: String?, warning: String?) {
        self.certificateArn = certificateArn
        self.certificate = certificate
        self.savedTo = savedTo
        self.warning = warning
    }
}
