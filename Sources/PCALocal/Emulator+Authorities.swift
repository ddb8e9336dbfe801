import Foundation
import PCAClient

/// CA lifecycle: list, describe, create, update, delete, restore.
extension Emulator {
    /// `\z`, not `$`: ICU's `$` also matches before a final line break.
    static let arnPattern = #"^arn:[\w+=/,.@-]+:acm-pca:[\w+=/,.@-]*:[0-9]*:[\w+=,.@-]+(/[\w+=,.@-]+)*\z"#
    /// The pattern compiled once (the same ICU engine `range(of:options: .regularExpression)` compiles it with on
    /// every call, which was a twentieth of the emulator's time).
    static let arnExpression = try! NSRegularExpression(pattern: arnPattern)

    static func isWellFormedARN(_ arn: String) -> Bool {
        arnExpression.firstMatch(in: arn, range: NSRange(arn.startIndex..., in: arn)) != nil
    }

    /// The stored CA for the request's ARN member: InvalidArn for a malformed ARN, ResourceNotFound for an
    /// unknown one.
    func authorityIndex(_ input: RequestInput, member: String = "CertificateAuthorityArn") throws -> Int {
        let arn = try input.requiredString(member)
        guard (5...200).contains(arn.count), Self.isWellFormedARN(arn),
              arn.contains(":certificate-authority/") else {
            throw EmulatorError.invalidArn(arn)
        }
        guard let index = index(of: arn) else { throw EmulatorError.notFound(arn) }
        return index
    }

    func listCertificateAuthorities(_ input: RequestInput) throws -> Data? {
        let maxResults = try input.integer("MaxResults", range: 1...1000)
        let owner = try input.string("ResourceOwner") ?? "SELF"
        guard owner == "SELF" || owner == "OTHER_ACCOUNTS" else {
            throw EmulatorError.validation("'\(owner)'", at: "resourceOwner",
                                           "Member must satisfy enum value set: [SELF, OTHER_ACCOUNTS]")
        }
        let account = callerAccount
        let visible = state.authorities.filter { stored in
            let mine = (stored.authority.ownerAccount ?? state.account) == account
            // Another account's CA is listed once its policy shares it (as AWS RAM's share does).
            return owner == "SELF" ? mine : !mine && policyAllows(stored, action: "acm-pca:DescribeCertificateAuthority", user: caller)
        }
        // AWS returns at most 100 a page, whatever MaxResults asks for.
        let pageSize = min(maxResults ?? 100, 100)
        let page = try Self.page(visible.map(\.authority), size: pageSize, input: input, operation: "ListCertificateAuthorities",
                                 scope: owner)
        return try Self.encode(ListCertificateAuthoritiesResponse(certificateAuthorities: page.items, nextToken: page.nextToken))
    }

    func describeCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        return try Self.encode(DescribeCertificateAuthorityResponse(certificateAuthority: state.authorities[index].authority))
    }

    func createCertificateAuthority(_ input: RequestInput) throws -> Data? {
        guard let configuration = try input.decode(CertificateAuthorityConfiguration.self, "CertificateAuthorityConfiguration") else {
            throw EmulatorError.validation("null", at: "certificateAuthorityConfiguration", "Member must not be null")
        }
        let type = try input.requiredString("CertificateAuthorityType")
        guard type == "ROOT" || type == "SUBORDINATE" else {
            throw EmulatorError.validation("'\(type)'", at: "certificateAuthorityType",
                                           "Member must satisfy enum value set: [ROOT, SUBORDINATE]")
        }
        guard let key = configuration.keyAlgorithm, KeyAlgorithm.allKnown.contains(key) else {
            throw EmulatorError("InvalidArgsException", "The key algorithm is not valid.")
        }
        guard let signing = configuration.signingAlgorithm, SigningAlgorithm.allKnown.contains(signing) else {
            throw EmulatorError("InvalidArgsException", "The signing algorithm is not valid.")
        }
        guard Self.signingFamilyMatches(key: key, signing: signing) else {
            throw EmulatorError("InvalidArgsException",
                                "The signing algorithm \(signing.rawValue) is not compatible with the key algorithm \(key.rawValue).")
        }
        guard configuration.subject != nil else {
            throw EmulatorError.validation("null", at: "certificateAuthorityConfiguration.subject", "Member must not be null")
        }
        let token = try input.string("IdempotencyToken", maxLength: 36)
        if let token, let existing = state.authorities.first(where: { $0.idempotencyToken == token }) {
            return try JSONSerialization.data(withJSONObject: ["CertificateAuthorityArn": existing.arn])
        }
        let tags = try input.decode([Tag].self, "Tags") ?? []
        try Self.validate(tags: tags)
        let usage = try input.string("UsageMode").map(UsageMode.init(rawValue:)) ?? .generalPurpose
        let standard = try input.string("KeyStorageSecurityStandard").map(KeyStorageSecurityStandard.init(rawValue:))
            ?? .fips140Level3
        let arn = "arn:aws:acm-pca:\(state.region):\(state.account):certificate-authority/\(UUID().uuidString.lowercased())"
        let created = now()
        var stored = StoredAuthority(authority: CertificateAuthority(
            arn: arn, ownerAccount: state.account, createdAt: created, lastStateChangeAt: created,
            type: CAType(rawValue: type), status: .pendingCertificate, certificateAuthorityConfiguration: configuration,
            revocationConfiguration: try input.decode(RevocationConfiguration.self, "RevocationConfiguration"),
            keyStorageSecurityStandard: standard, usageMode: usage), tags: tags)
        stored.idempotencyToken = token
        if !CAKey.canSign(key) {
            // pca-local has no arithmetic for this key: the CA is FAILED, as AWS leaves a CA it could not create.
            stored.authority.status = .failed
            stored.authority.failureReason = .unsupportedAlgorithm
        }
        state.authorities.append(stored)
        if CAKey.canSign(key) {
            // The key is made now (RSA in the background), as AWS makes it at creation; the CSR follows from it.
            _ = try signingKeyIfReady(of: state.authorities.count - 1)
        }
        return try JSONSerialization.data(withJSONObject: ["CertificateAuthorityArn": arn])
    }

    func updateCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let status = try input.string("Status")
        let revocation = try input.decode(RevocationConfiguration.self, "RevocationConfiguration")
        var authority = state.authorities[index].authority
        let current = authority.status ?? .creating
        guard current == .active || current == .disabled else {
            throw EmulatorError.invalidState("The certificate authority is in the \(current.rawValue) state.")
        }
        if let status {
            guard status == "ACTIVE" || status == "DISABLED" else {
                throw EmulatorError("InvalidArgsException", "The status \(status) is not valid. Use ACTIVE or DISABLED.")
            }
            if authority.status?.rawValue != status {
                authority.status = CAStatus(rawValue: status)
                authority.lastStateChangeAt = now()
            }
        }
        if let revocation { authority.revocationConfiguration = revocation }
        state.authorities[index].authority = authority
        return nil
    }

    func deleteCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let days = try input.integer("PermanentDeletionTimeInDays", range: 7...30) ?? 30
        let status = state.authorities[index].authority.status ?? .creating
        let deletable: [CAStatus] = [.pendingCertificate, .creating, .expired, .disabled, .failed]
        guard deletable.contains(status) else {
            throw EmulatorError.invalidState("The certificate authority is not in a valid state for deletion.")
        }
        if status == .creating || status == .failed {
            // No restore window for a CA that never became usable.
            state.authorities.remove(at: index)
            return nil
        }
        let deletedAt = now()
        state.authorities[index].statusBeforeDeletion = status
        state.authorities[index].authority.status = .deleted
        state.authorities[index].authority.lastStateChangeAt = deletedAt
        state.authorities[index].authority.restorableUntil = deletedAt.addingTimeInterval(Double(days) * 86_400)
        return nil
    }

    func restoreCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        var stored = state.authorities[index]
        guard stored.authority.status == .deleted else {
            throw EmulatorError.invalidState("The certificate authority is in the \(stored.authority.status?.rawValue ?? "UNKNOWN") state.")
        }
        if let until = stored.authority.restorableUntil, until < now() {
            throw EmulatorError.invalidState("The restoration period of the certificate authority has passed.")
        }
        var restored = stored.statusBeforeDeletion ?? .disabled
        if restored != .pendingCertificate, let notAfter = stored.authority.notAfter, notAfter < now() {
            restored = .expired
        } else if restored == .active {
            // A restored CA comes back disabled; reactivating it is a separate UpdateCertificateAuthority.
            restored = .disabled
        }
        stored.authority.status = restored
        stored.authority.restorableUntil = nil
        stored.authority.lastStateChangeAt = now()
        stored.statusBeforeDeletion = nil
        state.authorities[index] = stored
        return nil
    }

    static func signingFamilyMatches(key: KeyAlgorithm, signing: SigningAlgorithm) -> Bool {
        switch key.rawValue {
        case let raw where raw.hasPrefix("RSA"): return signing.rawValue.hasSuffix("WITHRSA")
        case let raw where raw.hasPrefix("EC_"): return signing.rawValue.hasSuffix("WITHECDSA")
        case "SM2": return signing == .sm3WithSM2
        default: return signing.rawValue == key.rawValue
        }
    }

    static func validate(tags: [Tag]) throws {
        let pattern = #"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z"#
        for tag in tags {
            guard (1...128).contains(tag.key.count), tag.key.range(of: pattern, options: .regularExpression) != nil,
                  (tag.value ?? "").count <= 256, (tag.value ?? "").range(of: pattern, options: .regularExpression) != nil else {
                throw EmulatorError("InvalidTagException", "The tag \(tag.key) is not valid.")
            }
        }
    }
}
