import Foundation
import PCAClient

/// What a change to ACM's grant did.
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
    /// The state read back with ListPermissions after the change; nil when the read-back failed.
    public var after: ACMRenewalState?

    public init(action: Action, before: ACMRenewalState, after: ACMRenewalState?) {
        self.action = action
        self.before = before
        self.after = after
    }

    public var summary: String {
        switch action {
        case .created: return "granted acm.amazonaws.com IssueCertificate, GetCertificate, ListPermissions"
        case .replaced: return "replaced the partial grant with IssueCertificate, GetCertificate, ListPermissions"
        case .deleted: return "revoked the grant to acm.amazonaws.com"
        case .unchanged: return "nothing to change: ACM renewal was already \((after ?? before).word)"
        }
    }
}

/// The change was made, but reading it back showed another state than the one asked for.
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

/// A repair stopped halfway: the partial grant was deleted, the new grant was refused and putting the old
/// one back failed too. Says exactly what the CA holds now and what to run to restore it.
public struct ACMRenewalHalfChangeError: Error, Sendable, CustomStringConvertible {
    public var arn: String
    public var region: String
    public var before: ACMRenewalState
    /// What ListPermissions showed after the failed rollback.
    public var now: ACMRenewalState
    /// The grant that was deleted and could not be put back.
    public var lostActions: [PermissionAction]
    /// Why the new grant was refused.
    public var cause: String

    public var restoreCommands: [String] {
        [PlannedChange.createCommand(arn: arn, actions: lostActions, region: region),
         PlannedChange.createCommand(arn: arn, actions: PermissionAction.acmRenewalActions, region: region)]
    }

    public var description: String {
        "HALF-CHANGED: the partial grant (\(lostActions.map(\.rawValue).joined(separator: ", "))) was deleted, "
            + "the full grant was refused (\(cause)) and putting the old grant back failed. "
            + "The CA now holds: \(now.word) (\(now.description)). "
            + "To put back what it had, run: \(restoreCommands[0])  "
            + "or, to grant ACM renewal in full: \(restoreCommands[1])"
    }
}

/// The requests of a grant change, in the order that keeps the most. There is no call that updates a grant,
/// so a partial grant must be deleted and created again. Before deleting anything, a CreatePermission probes
/// whether the caller may create: AWS checks IAM before the request's own rules, so
/// PermissionAlreadyExistsException proves the create is allowed, and AccessDeniedException stops the repair
/// with nothing changed. If the create still fails after the delete, the old grant is put back; if that fails
/// too, `ACMRenewalHalfChangeError` says what the CA holds and how to restore it.
enum GrantSteps {
    /// Sends the grant; `permissions` are the CA's permissions read just before.
    static func grant(arn: String, permissions: [Permission], client: PCAClient) async throws -> ACMRenewalChange.Action {
        let existing = permissions.filter { $0.principal == ACMRenewalState.acmPrincipal }
        guard !existing.isEmpty else {
            try await createFullGrant(arn: arn, client: client)
            return .created
        }
        if try await probeCreate(arn: arn, client: client) {
            // The probe's grant landed beside the old one (another SourceAccount): the read-back decides.
            return .replaced
        }
        try await deleteGrants(arn: arn, existing, client: client)
        do {
            try await createFullGrant(arn: arn, client: client)
        } catch {
            try await rollBack(existing, arn: arn, before: ACMRenewalState(permissions: permissions), cause: error, client: client)
            throw error
        }
        return .replaced
    }

    /// Revokes every grant to acm.amazonaws.com. ResourceNotFound ("nothing to delete") counts as done.
    static func revoke(arn: String, permissions: [Permission], client: PCAClient) async throws {
        try await deleteGrants(arn: arn, permissions.filter { $0.principal == ACMRenewalState.acmPrincipal }, client: client)
    }

    /// Sends the full grant while a grant exists. True when it was created (it did not collide), false when
    /// AWS answered PermissionAlreadyExists (the caller may create); any other error is thrown.
    private static func probeCreate(arn: String, client: PCAClient) async throws -> Bool {
        do {
            try await client.createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                              actions: PermissionAction.acmRenewalActions)
            return true
        } catch let error as AWSError where error.code == .permissionAlreadyExists {
            return false
        }
    }

    /// Puts `grants` back after a failed create; when that fails, throws what the CA holds now.
    private static func rollBack(_ grants: [Permission], arn: String, before: ACMRenewalState, cause: Error,
                                 client: PCAClient) async throws {
        var restored = true
        for grant in grants {
            do {
                try await client.createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                                  actions: grant.actions ?? [], sourceAccount: grant.sourceAccount)
            } catch let error as AWSError where error.code == .permissionAlreadyExists {
                continue
            } catch {
                restored = false
            }
        }
        guard !restored else { return }
        let now = await ACMRenewalState.read(arn: arn, client: client)
        throw ACMRenewalHalfChangeError(
            arn: arn, region: client.endpoint.signingRegion, before: before, now: now,
            lostActions: PermissionAction.acmRenewalActions.filter { action in
                grants.contains { $0.actions?.contains(action) ?? false }
            },
            cause: ErrorWords.short(cause))
    }

    private static func createFullGrant(arn: String, client: PCAClient) async throws {
        do {
            try await client.createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                              actions: PermissionAction.acmRenewalActions)
        } catch let error as AWSError where error.code == .permissionAlreadyExists {
            // Someone granted it meanwhile; the read-back decides whether it is complete.
        }
    }

    private static func deleteGrants(arn: String, _ grants: [Permission], client: PCAClient) async throws {
        let sourceAccounts = grants.isEmpty ? [nil] : grants.map(\.sourceAccount)
        for sourceAccount in Set(sourceAccounts) {
            do {
                try await client.deletePermission(arn: arn, principal: ACMRenewalState.acmPrincipal, sourceAccount: sourceAccount)
            } catch let error as AWSError where error.code == .resourceNotFound {
                // Already gone.
            }
        }
    }
}
