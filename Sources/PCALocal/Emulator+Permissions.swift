import Foundation
import PCAClient

/// Permissions for the ACM service principal, with AWS's state and uniqueness rules.
extension Emulator {
    static let acmPrincipal = "acm.amazonaws.com"

    /// CreatePermission and DeletePermission work while the CA is ACTIVE, or PENDING_CERTIFICATE (during
    /// creation AWS accepts grants too).
    private func requireGrantableState(_ index: Int) throws {
        let status = state.authorities[index].authority.status ?? .creating
        guard status == .active || status == .pendingCertificate else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
    }

    func listPermissions(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let maxResults = try input.integer("MaxResults", range: 1...1000) ?? 100
        let status = state.authorities[index].authority.status ?? .creating
        if status == .deleted {
            throw EmulatorError.invalidState("The certificate authority is in the DELETED state")
        }
        let page = try Self.page(state.authorities[index].permissions, size: maxResults, input: input, operation: "ListPermissions",
                                 scope: state.authorities[index].arn)
        return try Self.encode(ListPermissionsResponse(permissions: page.items, nextToken: page.nextToken))
    }

    func createPermission(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let principal = try input.requiredString("Principal", maxLength: 128)
        let sourceAccount = try input.string("SourceAccount", maxLength: 12)
        guard let actions = try input.stringList("Actions", required: true) else { return nil }
        let allowed = PermissionAction.acmRenewalActions.map(\.rawValue)
        guard (1...3).contains(actions.count) else {
            throw EmulatorError.validation("'\(actions)'", at: "actions",
                                           "Member must have length less than or equal to 3 and greater than or equal to 1")
        }
        if let bad = actions.first(where: { !allowed.contains($0) }) {
            throw EmulatorError.validation("'[\(actions.joined(separator: ", "))]'", at: "actions",
                                           "Member must satisfy constraint: [Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]] (\(bad))")
        }
        if let sourceAccount, sourceAccount.range(of: #"^[0-9]{12}\z"#, options: .regularExpression) == nil {
            throw EmulatorError.validation("'\(sourceAccount)'", at: "sourceAccount",
                                           "Member must satisfy regular expression pattern: [0-9]+")
        }
        try requireCallerAccount(sourceAccount, "CreatePermission", arn: state.authorities[index].arn)
        guard principal == Self.acmPrincipal else {
            throw EmulatorError("InvalidRequestException",
                                "The principal \(principal) is not supported. The only valid principal is acm.amazonaws.com.")
        }
        try requireGrantableState(index)
        let arn = state.authorities[index].arn
        let account = sourceAccount ?? state.account
        if state.authorities[index].permissions.contains(where: { $0.principal == principal && $0.sourceAccount == account }) {
            throw EmulatorError("PermissionAlreadyExistsException",
                                "The designated permission has already been given to the user.")
        }
        let ordered = allowed.filter(actions.contains).map(PermissionAction.init(rawValue:))
        state.authorities[index].permissions.append(Permission(
            certificateAuthorityArn: arn, createdAt: now(), principal: principal, sourceAccount: account,
            actions: ordered, policy: Self.permissionPolicy(arn: arn, account: account, actions: ordered)))
        return nil
    }

    func deletePermission(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let principal = try input.requiredString("Principal", maxLength: 128)
        let sourceAccount = try input.string("SourceAccount", maxLength: 12)
        try requireCallerAccount(sourceAccount, "DeletePermission", arn: state.authorities[index].arn)
        try requireGrantableState(index)
        let before = state.authorities[index].permissions.count
        state.authorities[index].permissions.removeAll {
            $0.principal == principal && (sourceAccount == nil || $0.sourceAccount == sourceAccount)
        }
        if state.authorities[index].permissions.count == before {
            throw EmulatorError("ResourceNotFoundException",
                                "Could not find permission for principal \(principal) on certificate authority \(state.authorities[index].arn).")
        }
        return nil
    }

    /// This flow is for a CA owner and issuer in one account: a SourceAccount other than the caller's is
    /// refused (another account's certificates are renewed through the CA's resource policy).
    private func requireCallerAccount(_ sourceAccount: String?, _ operation: String, arn: String) throws {
        guard let sourceAccount, sourceAccount != state.account else { return }
        throw EmulatorError("AccessDeniedException",
                            "SourceAccount \(sourceAccount) is not the calling account \(state.account): acm-pca:\(operation) "
                                + "on resource: \(arn) grants ACM only for certificates of the CA's own account")
    }

    /// The resource policy AWS reports with each permission (observed: always non-empty).
    static func permissionPolicy(arn: String, account: String, actions: [PermissionAction]) -> String {
        let actionList = actions.map { "\"acm-pca:\($0.rawValue)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Sid":"ACMRenewal","Effect":"Allow","Principal":{"Service":"acm.amazonaws.com"},"Action":[\#(actionList)],"Resource":"\#(arn)","Condition":{"StringEquals":{"aws:SourceAccount":"\#(account)"}}}]}"#
    }
}
