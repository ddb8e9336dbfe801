import Foundation
import PCAClient

/// The demo organization: who is in it, and the CAs, grants and ACM certificates of each member account.
extension DemoSeed {
    /// An account of the demo organization as Organizations lists it.
    public struct Member: Sendable, Hashable {
        public var id: String
        public var name: String
        public var email: String
        /// `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, ...
        public var state: String
        /// `CREATED` accounts have OrganizationAccountAccessRole; `INVITED` ones only if someone made it.
        public var joinedMethod: String
        public var hasAccessRole: Bool
    }

    /// The organization's management account: the only one that may call ListAccounts.
    public static let managementAccount = "999988887777"
    public static let workloadAccountA = "222233334444"
    public static let workloadAccountB = "333344445555"
    /// The role Organizations creates in every account it creates, trusting the management account.
    public static let organizationAccessRole = "OrganizationAccountAccessRole"

    /// Management, central PKI (the single-account demo's CAs), and two workload accounts.
    public static let members = [
        Member(id: managementAccount, name: "Example Corp Management", email: "aws-management@example.com", state: "ACTIVE",
               joinedMethod: "INVITED", hasAccessRole: false),
        Member(id: account, name: "Example Corp PKI", email: "aws-pki@example.com", state: "ACTIVE", joinedMethod: "CREATED",
               hasAccessRole: true),
        Member(id: workloadAccountA, name: "Payments Workload", email: "aws-payments@example.com", state: "ACTIVE",
               joinedMethod: "CREATED", hasAccessRole: true),
        Member(id: workloadAccountB, name: "Web Workload", email: "aws-web@example.com", state: "ACTIVE",
               joinedMethod: "CREATED", hasAccessRole: true),
    ]

    /// The management account's administrator, whose keys open the whole demo organization.
    public static let organizationAdmin = EmulatedUser(name: "org-admin", accessKeyID: "AKIDLOCALORGADMIN",
                                                       secretAccessKey: "local-org-admin-secret", allowedActions: ["*"])

    /// The state of one account of the demo organization in `region`: the seeded CAs in the demo region, none
    /// elsewhere.
    public static func organizationState(account member: String, region: String, now: Date = Date()) -> EmulatorState {
        if member == account {
            var state = self.state(.demo, now: now)
            state.region = region
            if region != self.region { state.authorities = []; state.acmCertificates = [] }
            return state
        }
        let users = member == managementAccount ? [organizationAdmin] : []
        var state = EmulatorState(account: member, region: region, users: users, authorities: [])
        state.acmEvaluatedAt = now
        guard region == self.region else { return state }
        state.authorities = memberAuthorities(member, now: now)
        state.acmCertificates = memberCertificates(member, authorities: state.authorities, now: now)
        return state
    }

    /// A synthetic organization for benchmarks: the demo organization's management account (its
    /// administrator's keys list it) and `accounts - 1` members that Organizations created, each with
    /// OrganizationAccountAccessRole: `100000000001`, `100000000002`, ...
    public static func scaleMembers(accounts: Int) -> [Member] {
        let management = Member(id: managementAccount, name: "Bench Management", email: "bench-management@example.com",
                                state: "ACTIVE", joinedMethod: "INVITED", hasAccessRole: false)
        return [management] + (1..<max(1, accounts)).map { number in
            Member(id: String(format: "%012d", 100_000_000_000 + number), name: "Bench Account \(number)",
                   email: "bench-\(number)@example.com", state: "ACTIVE", joinedMethod: "CREATED", hasAccessRole: true)
        }
    }

    /// One account-region of the synthetic organization: `cas` generated CAs (`scaleState`: half with the
    /// full ACM grant, a tenth partial) in each of `regions`, none elsewhere; only the management account has
    /// a user of its own, the others are reached through their role.
    public static func scaleOrganizationState(account member: String, region: String, cas: Int, regions: [String],
                                              now: Date = Date()) -> EmulatorState {
        var state = scaleState(count: regions.contains(region) ? cas : 0, account: member, region: region, now: now)
        state.users = member == managementAccount ? [organizationAdmin] : []
        return state
    }

    /// Two or three CAs per account: one with the full ACM grant, one without, and in the payments account one
    /// with a partial grant.
    static func memberAuthorities(_ member: String, now: Date) -> [StoredAuthority] {
        let day: TimeInterval = 86_400
        let template = demoAuthorities(now: now)[1].authority
        func stored(_ number: Int, _ name: String, grant: [PermissionAction]?, type: CAType = .subordinate,
                    ageDays: Double, tags: [(String, String)]) -> StoredAuthority {
            // Short ids (the first 8 characters) unique across the organization: the account's last 4 digits, then a number.
            let id = "\(member.suffix(4))" + String(format: "%04d", number) + "-0000-4000-8000-\(member)"
            var authority = template
            let arn = self.arn(id, account: member)
            authority.arn = arn
            authority.ownerAccount = member
            authority.type = type
            authority.createdAt = now.addingTimeInterval(-ageDays * day)
            authority.notBefore = authority.createdAt
            authority.notAfter = now.addingTimeInterval((3 * 365 - ageDays) * day)
            authority.certificateAuthorityConfiguration?.subject?.commonName = name
            authority.revocationConfiguration = RevocationConfiguration(crlConfiguration: CrlConfiguration(enabled: false),
                                                                        ocspConfiguration: OcspConfiguration(enabled: false))
            let permissions = grant.map { actions in
                [Permission(certificateAuthorityArn: arn, createdAt: authority.createdAt, principal: "acm.amazonaws.com",
                            sourceAccount: member, actions: actions,
                            policy: Emulator.permissionPolicy(arn: arn, account: member, actions: actions))]
            } ?? []
            return StoredAuthority(authority: authority, permissions: permissions,
                                   tags: tags.map { Tag(key: $0.0, value: $0.1) })
        }
        switch member {
        case managementAccount:
            return [stored(1, "Management Test Root CA", grant: nil, type: .root, ageDays: 400, tags: [("env", "test")])]
        case workloadAccountA:
            return [stored(1, "Payments Service CA", grant: PermissionAction.acmRenewalActions, ageDays: 120,
                           tags: [("env", "prod"), ("owner", "payments")]),
                    stored(2, "Payments Batch CA", grant: nil, ageDays: 60, tags: [("env", "prod"), ("owner", "payments")]),
                    stored(3, "Payments Partner CA", grant: [.issueCertificate, .getCertificate], ageDays: 30,
                           tags: [("env", "staging"), ("owner", "payments")])]
        case workloadAccountB:
            return [stored(1, "Web Frontend CA", grant: PermissionAction.acmRenewalActions, ageDays: 200,
                           tags: [("env", "prod"), ("owner", "web")]),
                    stored(2, "Web Internal CA", grant: nil, ageDays: 90, tags: [("env", "dev"), ("owner", "web")])]
        default:
            return []
        }
    }

    /// Three ACM certificates from each CA of a member account; renewals from a CA without the full grant fail
    /// with PCA_ACCESS_DENIED once due.
    static func memberCertificates(_ member: String, authorities: [StoredAuthority], now: Date) -> [ACMStoredCertificate] {
        let day: TimeInterval = 86_400
        var certificates: [ACMStoredCertificate] = []
        for (index, stored) in authorities.enumerated() {
            let granted = stored.permissions.first?.actions?.count == PermissionAction.acmRenewalActions.count
            for (number, daysLeft) in [300, 150, 40].enumerated() {
                let id = "\(member.suffix(4))" + String(format: "%02d%02d", index, number) + "-acce-4000-8000-\(member)"
                let notAfter = now.addingTimeInterval(Double(daysLeft) * day)
                let failed = !granted && daysLeft < 60
                let name = (stored.authority.commonName ?? "ca").lowercased().split(separator: " ").first ?? "ca"
                certificates.append(ACMStoredCertificate(
                    arn: "arn:aws:acm:\(region):\(member):certificate/\(id)", domainName: "host\(number).\(name).example.com",
                    certificateAuthorityArn: stored.arn, notBefore: notAfter.addingTimeInterval(-395 * day), notAfter: notAfter,
                    createdAt: notAfter.addingTimeInterval(-395 * day),
                    inUseBy: ["arn:aws:elasticloadbalancing:\(region):\(member):loadbalancer/app/\(name)/\(index)\(number)"],
                    renewalSummary: failed ? RenewalSummary(renewalStatus: "FAILED", renewalStatusReason: "PCA_ACCESS_DENIED",
                                                            updatedAt: now.addingTimeInterval(-3600)) : nil,
                    failureReason: nil))
            }
        }
        return certificates
    }
}
