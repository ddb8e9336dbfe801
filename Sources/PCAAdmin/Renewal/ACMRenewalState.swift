import Foundation
import PCAClient

/// Whether ACM may renew the certificates a CA signed, decided from the CA's permissions. This is the one
/// place that decides it.
public enum ACMRenewalState: Sendable, Hashable, CustomStringConvertible {
    /// acm.amazonaws.com holds IssueCertificate, GetCertificate and ListPermissions.
    case enabled
    /// acm.amazonaws.com holds some of the three actions: ACM renewal still fails.
    case partial(granted: [PermissionAction], missing: [PermissionAction])
    /// acm.amazonaws.com holds none.
    case disabled
    /// The permissions could not be read.
    case unknown(reason: String)

    public static let acmPrincipal = "acm.amazonaws.com"

    /// The state the permissions describe. Grants to other principals do not count.
    public init(permissions: [Permission]) {
        let granted = Set(permissions.filter { $0.principal == Self.acmPrincipal }.flatMap { $0.actions ?? [] })
        let required = PermissionAction.acmRenewalActions
        let missing = required.filter { !granted.contains($0) }
        switch missing.count {
        case 0: self = .enabled
        case required.count: self = .disabled
        default: self = .partial(granted: required.filter(granted.contains), missing: missing)
        }
    }

    /// The word people and scripts see, in the UI, the commands and the JSON alike: `enabled`, `partial`,
    /// `off` or `unknown`.
    public var word: String {
        switch self {
        case .enabled: return "enabled"
        case .partial: return "partial"
        case .disabled: return "off"
        case .unknown: return "unknown"
        }
    }

    /// A plain sentence for people.
    public var description: String {
        switch self {
        case .enabled:
            return "ACM can renew certificates from this CA"
        case let .partial(_, missing):
            return "ACM cannot renew: the grant to acm.amazonaws.com lacks "
                + missing.map(\.rawValue).joined(separator: " and ")
        case .disabled:
            return "ACM cannot renew: acm.amazonaws.com holds no permission on this CA"
        case let .unknown(reason):
            return "ACM renewal state unknown: \(reason)"
        }
    }
}

extension ACMRenewalState {
    /// The CA's state read now; never throws, an unreadable state is `.unknown` with the reason.
    public static func read(arn: String, client: PCAClient) async -> ACMRenewalState {
        do {
            return ACMRenewalState(permissions: try await client.allPermissions(arn: arn))
        } catch {
            return .unknown(reason: ErrorWords.short(error))
        }
    }
}
