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
        [RenewalPlan.createCommand(arn: arn, actions: lostActions, region: region),
         RenewalPlan.createCommand(arn: arn, actions: PermissionAction.acmRenewalActions, region: region)]
    }

    public var description: String {
        "HALF-CHANGED: the partial grant (\(lostActions.map(\.rawValue).joined(separator: ", "))) was deleted, "
            + "the full grant was refused (\(cause)) and putting the old grant back failed. "
            + "The CA now holds: \(now.word) (\(now.description)). "
            + "To put back what it had, run: \(restoreCommands[0])  "
            + "or, to grant ACM renewal in full: \(restoreCommands[1])"
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

    /// Grants acm.amazonaws.com the three actions ACM renewal needs. There is no call that updates a grant,
    /// so a partial grant must be deleted and created again. Before deleting anything, a CreatePermission
    /// probes whether the caller may create: AWS checks IAM before the request's own rules, so
    /// PermissionAlreadyExistsException proves the create is allowed, and AccessDeniedException stops the
    /// repair with nothing changed. If the create still fails after the delete, the old grant is put back;
    /// if that fails too, `ACMRenewalHalfChangeError` says what the CA holds and how to restore it.
    /// Idempotent: an existing full grant, or PermissionAlreadyExists from a concurrent change, counts as done
    /// once read back.
    public func enableACMRenewal(arn: String) async throws -> ACMRenewalChange {
        let permissions = try await allPermissions(arn: arn)
        let before = ACMRenewalState(permissions: permissions)
        let plan = RenewalPlan(current: before, enable: true)
        if plan.isEmpty {
            return ACMRenewalChange(action: .unchanged, before: before, after: before)
        }
        let action: ACMRenewalChange.Action
        if plan.steps.contains(.deleteGrant) {
            action = .replaced
            let existing = permissions.filter { $0.principal == ACMRenewalState.acmPrincipal }
            if try await probeCreate(arn: arn) {
                // The probe's grant landed beside the old one (another SourceAccount): the read-back decides.
                return try await verified(arn: arn, action: action, before: before, expected: .enabled)
            }
            try await deleteACMGrants(arn: arn, existing)
            do {
                try await createFullGrant(arn: arn)
            } catch {
                try await rollBack(existing, arn: arn, before: before, cause: error)
                throw error
            }
        } else {
            action = .created
            try await createFullGrant(arn: arn)
        }
        return try await verified(arn: arn, action: action, before: before, expected: .enabled)
    }

    /// Revokes every grant to acm.amazonaws.com. Idempotent: ResourceNotFound ("nothing to delete") counts
    /// as done once read back.
    public func disableACMRenewal(arn: String) async throws -> ACMRenewalChange {
        let permissions = try await allPermissions(arn: arn)
        let before = ACMRenewalState(permissions: permissions)
        if RenewalPlan(current: before, enable: false).isEmpty {
            return ACMRenewalChange(action: .unchanged, before: before, after: before)
        }
        try await deleteACMGrants(arn: arn, permissions.filter { $0.principal == ACMRenewalState.acmPrincipal })
        return try await verified(arn: arn, action: .deleted, before: before, expected: .disabled)
    }

    private func verified(arn: String, action: ACMRenewalChange.Action, before: ACMRenewalState,
                          expected: ACMRenewalState) async throws -> ACMRenewalChange {
        let after = ACMRenewalState(permissions: try await allPermissions(arn: arn))
        guard after == expected else { throw ACMRenewalVerificationError(expected: expected.word, found: after) }
        return ACMRenewalChange(action: action, before: before, after: after)
    }

    /// Sends the full grant while a grant exists. True when it was created (it did not collide), false when
    /// AWS answered PermissionAlreadyExists (the caller may create); any other error is thrown.
    private func probeCreate(arn: String) async throws -> Bool {
        do {
            try await createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                       actions: PermissionAction.acmRenewalActions)
            return true
        } catch let error as AWSError where error.code == .permissionAlreadyExists {
            return false
        }
    }

    /// Puts `grants` back after a failed create; when that fails, throws what the CA holds now.
    private func rollBack(_ grants: [Permission], arn: String, before: ACMRenewalState, cause: Error) async throws {
        var restored = true
        for grant in grants {
            do {
                try await createPermission(arn: arn, principal: ACMRenewalState.acmPrincipal,
                                           actions: grant.actions ?? [], sourceAccount: grant.sourceAccount)
            } catch let error as AWSError where error.code == .permissionAlreadyExists {
                continue
            } catch {
                restored = false
            }
        }
        guard !restored else { return }
        let now = await acmRenewalState(arn: arn)
        throw ACMRenewalHalfChangeError(
            arn: arn, region: endpoint.signingRegion, before: before, now: now,
            lostActions: PermissionAction.acmRenewalActions.filter { action in
                grants.contains { $0.actions?.contains(action) ?? false }
            },
            cause: Self.shortReason(cause))
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
