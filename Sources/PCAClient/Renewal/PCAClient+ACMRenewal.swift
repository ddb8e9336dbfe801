import Foundation

/// What `enableACMRenewal` / `disableACMRenewal` did.
public struct ACMRenewalChange: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// A full grant was created where there was none.
        case created
        /// A partial grant was deleted and a full one created.
        case replaced
        /// The grant was deleted.
        case deleted
        /// Nothing needed to change.
        case unchanged
    }

    public var action: Action
    public var before: ACMRenewalState
    /// The state read back with ListPermissions after the change.
    public var after: ACMRenewalState

    public init(action: Action, before: ACMRenewalState, after: ACMRenewalState) {
        self.action = action
        self.before = before
        self.after = after
    }

    public var summary: String {
        switch action {
        case .created: return "granted acm.amazonaws.com IssueCertificate, GetCertificate, ListPermissions"
        case .replaced: return "replaced the partial grant with IssueCertificate, GetCertificate, ListPermissions"
        case .deleted: return "revoked the grant to acm.amazonaws.com"
        case .unchanged: return "nothing to change: ACM renewal was already \(after.word)"
        }
    }
}

/// The change was made, but reading it back did not show the expected state.
public struct ACMRenewalVerificationError: Error, Sendable, CustomStringConvertible {
    public var expected: String
    public var found: ACMRenewalState

    public init(expected: String, found: ACMRenewalState) {
        self.expected = expected
        self.found = found
    }

    public var description: String {
        "the change was sent, but ListPermissions then showed ACM renewal \(found.word), not \(expected)"
    }
}

extension PCAClient {
    /// The CA's ACM renewal state; never throws, an unreadable state is `.unknown` with the reason.
    public func acmRenewalState(arn: String) async -> ACMRenewalState {
        do {
            return ACMRenewalState(permissions: try await allPermissions(arn: arn))
        } catch {
            return .unknown(reason: Self.shortReason(error))
        }
    }

    /// Grants acm.amazonaws.com the three actions ACM renewal needs. A partial grant is replaced (there is no
    /// update call); if the new grant then fails, the old partial grant is put back. Idempotent: an existing
    /// full grant, or PermissionAlreadyExists from a concurrent change, counts as done once read back.
    public func enableACMRenewal(arn: String) async throws -> ACMRenewalChange {
        let permissions = try await allPermissions(arn: arn)
        let before = ACMRenewalState(permissions: permissions)
        let action: ACMRenewalChange.Action
        switch before {
        case .enabled:
            return ACMRenewalChange(action: .unchanged, before: before, after: before)
        case .disabled, .unknown:
            action = .created
            try await createFullGrant(arn: arn)
        case .partial:
            action = .replaced
            let existing = permissions.filter { $0.principal == ACMRenewalState.acmPrincipal }
            try await deleteACMGrants(arn: arn, existing)
            do {
                try await createFullGrant(arn: arn)
            } catch {
                await restore(existing, arn: arn)
                throw error
            }
        }
        let after = ACMRenewalState(permissions: try await allPermissions(arn: arn))
        guard after == .enabled else { throw ACMRenewalVerificationError(expected: "enabled", found: after) }
        return ACMRenewalChange(action: action, before: before, after: after)
    }

    /// Revokes every grant to acm.amazonaws.com. Idempotent: ResourceNotFound ("nothing to delete") counts
    /// as done once read back.
    public func disableACMRenewal(arn: String) async throws -> ACMRenewalChange {
        let permissions = try await allPermissions(arn: arn)
        let before = ACMRenewalState(permissions: permissions)
        if before == .disabled {
            return ACMRenewalChange(action: .unchanged, before: before, after: before)
        }
        try await deleteACMGrants(arn: arn, permissions.filter { $0.principal == ACMRenewalState.acmPrincipal })
        let after = ACMRenewalState(permissions: try await allPermissions(arn: arn))
        guard after == .disabled else { throw ACMRenewalVerificationError(expected: "disabled", found: after) }
        return ACMRenewalChange(action: .deleted, before: before, after: after)
    }

    private func createFullGrant(arn: String) async throws {
        do {
            try await createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                       actions: PermissionAction.acmRenewalActions)
        } catch let error as AWSError where error.code == .permissionAlreadyExists {
            // Someone granted it meanwhile; the read-back decides whether it is complete.
        }
    }

    private func deleteACMGrants(arn: String, _ grants: [Permission]) async throws {
        let sourceAccounts = grants.isEmpty ? [nil] : grants.map(\.sourceAccount)
        for sourceAccount in Set(sourceAccounts) {
            do {
                try await deletePermission(arn: arn, principal: ACMRenewalState.acmPrincipal, sourceAccount: sourceAccount)
            } catch let error as AWSError where error.code == .resourceNotFound {
                // Already gone.
            }
        }
    }

    private func restore(_ grants: [Permission], arn: String) async {
        for grant in grants {
            try? await createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                        actions: grant.actions ?? [], sourceAccount: grant.sourceAccount)
        }
    }

    /// An error as a short reason for a table cell or a JSON field.
    public static func shortReason(_ error: Error) -> String {
        switch error {
        case let error as AWSError:
            return error.message.isEmpty ? error.code.rawValue : "\(error.code.rawValue): \(error.message)"
        default:
            return "\(error)"
        }
    }
}
