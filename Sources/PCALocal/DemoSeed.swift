import Foundation
import PCAClient

/// The starting states the emulator offers.
public enum DemoSeed {
    public enum Kind: String, Sendable, CaseIterable {
        /// A realistic small estate: CAs in every status, ACM renewal on, off and partial.
        case demo
        /// No CAs at all.
        case empty
        /// An AWS organization: a management account, the central PKI account (the demo's CAs) and two
        /// workload accounts, each with its own CAs and ACM certificates (`EmulatedOrganization`). As one
        /// account's state it is the central PKI account's.
        case organization
    }

    public static let account = "111122223333"
    public static let region = "us-east-1"
    /// An account that shares one CA with the demo account through AWS RAM.
    public static let sharingAccount = "444455556666"

    /// Another company's account, in the demo organization: its user issues from a CA only once the CA's
    /// resource policy shares it (`pca-tui share CA --account 555566667777 --issue`).
    public static let partnerAccount = "555566667777"
    /// The organization both the demo account and the partner's belong to.
    public static let organizationID = "o-exampleorg1"

    /// The two IAM users of the single-account setup, and the partner's issuer in its own account.
    public static let users = [
        EmulatedUser(name: "ca-admin", accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "local-admin-secret",
                     allowedActions: ["*"]),
        EmulatedUser(name: "ca-issuer", accessKeyID: "AKIDLOCALISSUER", secretAccessKey: "local-issuer-secret",
                     allowedActions: ["acm-pca:List*", "acm-pca:Describe*", "acm-pca:Get*", "acm-pca:IssueCertificate",
                                      "acm-pca:GetCertificate", "sts:GetCallerIdentity", "acm:RequestCertificate",
                                      "acm:DescribeCertificate", "acm:ListCertificates", "acm:GetCertificate"]),
        // Its own account's IAM lets it call these on any CA; the CA's resource policy decides.
        EmulatedUser(name: "partner-issuer", accessKeyID: "AKIDLOCALPARTNER", secretAccessKey: "local-partner-secret",
                     allowedActions: ["acm-pca:IssueCertificate", "acm-pca:GetCertificate", "acm-pca:DescribeCertificateAuthority",
                                      "acm-pca:GetCertificateAuthorityCertificate", "acm-pca:ListPermissions", "acm-pca:ListTags",
                                      "acm-pca:ListCertificateAuthorities", "sts:GetCallerIdentity"],
                     account: partnerAccount, organizationID: organizationID),
    ]

    /// A role a demo user can assume (STS AssumeRole), as in accounts where admins work through a role.
    public struct Role: Sendable {
        public var name: String
        public var requiresMFA: Bool
        public var allowedActions: [String]
    }

    /// `ca-admin-role` grants everything and demands MFA; `ca-issuer-role` only issues, without MFA.
    public static let roles = [
        Role(name: "ca-admin-role", requiresMFA: true, allowedActions: users[0].allowedActions),
        Role(name: "ca-issuer-role", requiresMFA: false, allowedActions: users[1].allowedActions),
    ]

    /// The one MFA code the emulator accepts, from every user's virtual MFA device.
    public static let mfaCode = "123456"

    /// The MFA device of a demo user, as IAM names it.
    public static func mfaSerial(for userName: String, account: String = account) -> String {
        "arn:aws:iam::\(account):mfa/\(userName)"
    }

    public static func state(_ kind: Kind, now: Date = Date()) -> EmulatorState {
        var state = EmulatorState(account: account, region: region, users: users,
                                  authorities: kind == .empty ? [] : demoAuthorities(now: now))
        state.acmCertificates = kind == .empty ? [] : acmCertificates(now: now)
        state.acmEvaluatedAt = now
        state.cloudTrailEvents = kind == .demo ? trailEvents(authorities: state.authorities, now: now) : []
        return state
    }

    /// The ARN of a demo CA by its fixed id.
    public static func arn(_ id: String, account: String = account) -> String {
        "arn:aws:acm-pca:\(region):\(account):certificate-authority/\(id)"
    }

    /// Fixed ids, so documentation and tests can name the demo CAs.
    public enum ID {
        public static let root = "0f3c6a2e-5b1d-4e8a-9c7f-1a2b3c4d5e01"
        public static let web = "1a7d9e4b-2c6f-4b3a-8d5e-2b3c4d5e6f02"
        public static let internalCA = "2b8e0f5c-3d7a-4c4b-9e6f-3c4d5e6f7a03"
        public static let payments = "3c9f1a6d-4e8b-4d5c-8f7a-4d5e6f7a8b04"
        public static let iot = "4d0a2b7e-5f9c-4e6d-9a8b-5e6f7a8b9c05"
        public static let staging = "5e1b3c8f-6a0d-4f7e-8b9c-6f7a8b9c0d06"
        public static let legacy = "6f2c4d9a-7b1e-4a8f-9c0d-7a8b9c0d1e07"
        public static let partner = "7a3d5e0b-8c2f-4b9a-8d1e-8b9c0d1e2f08"
        public static let lab = "8b4e6f1c-9d3a-4c0b-9e2f-9c0d1e2f3a09"
        public static let decommissioned = "9c5f7a2d-0e4b-4d1c-8f3a-0d1e2f3a4b10"
        public static let tokyo = "ad6a8b3e-1f5c-4e2d-9a4b-1e2f3a4b5c11"
        public static let shared = "be7b9c4f-2a6d-4f3e-8b5c-2f3a4b5c6d12"
    }

    private static func subject(_ commonName: String, organization: String = "Example Corp",
                                unit: String? = "PKI", country: String = "US", state: String? = "Washington",
                                locality: String? = "Seattle") -> ASN1Subject {
        ASN1Subject(country: country, organization: organization, organizationalUnit: unit, state: state,
                    commonName: commonName, locality: locality)
    }

    private static let fullGrant = PermissionAction.acmRenewalActions

    /// The demo CAs, each with its fixed key (`DemoKeys`).
    static func demoAuthorities(now: Date) -> [StoredAuthority] {
        seededAuthorities(now: now).map { stored in
            var keyed = stored
            keyed.key = stored.authority.id.flatMap(DemoKeys.name(forCA:)).map(CAKey.demo)
            return keyed
        }
    }

    private static func seededAuthorities(now: Date) -> [StoredAuthority] {
        let day: TimeInterval = 86_400
        let year = 365 * day
        func authority(_ id: String, _ name: ASN1Subject, type: CAType, status: CAStatus, key: KeyAlgorithm,
                       signing: SigningAlgorithm, age: TimeInterval, lifetime: TimeInterval?,
                       usage: UsageMode = .generalPurpose, standard: KeyStorageSecurityStandard = .fips140Level3,
                       owner: String = account, failure: FailureReason? = nil,
                       revocation: RevocationConfiguration? = nil) -> CertificateAuthority {
            let created = now.addingTimeInterval(-age)
            let issued = lifetime != nil
            return CertificateAuthority(
                arn: arn(id, account: owner), ownerAccount: owner, createdAt: created,
                lastStateChangeAt: created.addingTimeInterval(min(age / 2, 3 * day)), type: type,
                serial: issued ? String(id.replacingOccurrences(of: "-", with: "").prefix(20)) : nil,
                status: status, notBefore: issued ? created : nil, notAfter: lifetime.map { created.addingTimeInterval($0) },
                failureReason: failure,
                certificateAuthorityConfiguration: CertificateAuthorityConfiguration(
                    keyAlgorithm: key, signingAlgorithm: signing, subject: name),
                revocationConfiguration: revocation ?? RevocationConfiguration(
                    crlConfiguration: CrlConfiguration(enabled: false), ocspConfiguration: OcspConfiguration(enabled: false)),
                keyStorageSecurityStandard: standard, usageMode: usage)
        }
        func grant(_ id: String, _ actions: [PermissionAction], age: TimeInterval) -> [Permission] {
            let caARN = arn(id)
            return [Permission(certificateAuthorityArn: caARN, createdAt: now.addingTimeInterval(-age),
                               principal: "acm.amazonaws.com", sourceAccount: account, actions: actions,
                               policy: Emulator.permissionPolicy(arn: caARN, account: account, actions: actions))]
        }
        let crl = RevocationConfiguration(
            crlConfiguration: CrlConfiguration(enabled: true, expirationInDays: 7, customCname: "crl.pki.example.com",
                                               s3BucketName: "example-corp-pca-crl"),
            ocspConfiguration: OcspConfiguration(enabled: true, ocspCustomCname: "ocsp.pki.example.com"))
        let crossAccountPolicy = """
            {"Version":"2012-10-17","Statement":[{"Sid":"ExampleCorpWorkloads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555566667777:root"},"Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\(arn(ID.web))"},{"Sid":"ExampleCorpIssue","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555566667777:root"},"Action":["acm-pca:IssueCertificate"],"Resource":"\(arn(ID.web))","Condition":{"StringEquals":{"acm-pca:TemplateArn":"arn:aws:acm-pca:::template/EndEntityCertificate/V1"}}}]}
            """
        // What AWS RAM's default managed permission for a CA attaches when account 444455556666 shares it with this one.
        let sharedARN = arn(ID.shared, account: sharingAccount)
        let ramPolicy = """
            {"Version":"2012-10-17","Statement":[{"Sid":"RAMDefaultPermissionCertificateAuthority","Effect":"Allow","Principal":{"AWS":"\(account)"},"Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\(sharedARN)"},{"Sid":"RAMDefaultPermissionIssue","Effect":"Allow","Principal":{"AWS":"\(account)"},"Action":"acm-pca:IssueCertificate","Resource":"\(sharedARN)","Condition":{"StringEquals":{"acm-pca:TemplateArn":"arn:aws:acm-pca:::template/EndEntityCertificate/V1"}}}]}
            """
        let tags = { (pairs: [(String, String)]) in pairs.map { Tag(key: $0.0, value: $0.1) } }

        var deleted = StoredAuthority(
            authority: authority(ID.decommissioned, subject("Example Corp Issuing CA - Retired"), type: .subordinate,
                                 status: .deleted, key: .rsa2048, signing: .sha256WithRSA, age: 3 * year, lifetime: 5 * year),
            tags: tags([("env", "prod"), ("retired", "2026-11")]))
        deleted.authority.restorableUntil = now.addingTimeInterval(12 * day)
        deleted.authority.lastStateChangeAt = now.addingTimeInterval(-18 * day)
        deleted.statusBeforeDeletion = .disabled

        return [
            StoredAuthority(
                authority: authority(ID.root, subject("Example Corp Root CA G1"), type: .root, status: .active,
                                     key: .rsa4096, signing: .sha512WithRSA, age: 2 * year, lifetime: 10 * year),
                permissions: grant(ID.root, fullGrant, age: 2 * year),
                tags: tags([("env", "prod"), ("owner", "pki-team"), ("tier", "root")])),
            StoredAuthority(
                authority: authority(ID.web, subject("Example Corp Issuing CA - Web"), type: .subordinate, status: .active,
                                     key: .ecPrime256v1, signing: .sha256WithECDSA, age: year, lifetime: 5 * year,
                                     revocation: crl),
                permissions: grant(ID.web, fullGrant, age: year), policy: crossAccountPolicy,
                tags: tags([("env", "prod"), ("owner", "web-platform")])),
            StoredAuthority(
                authority: authority(ID.internalCA, subject("Example Corp Issuing CA - Internal"), type: .subordinate,
                                     status: .active, key: .rsa2048, signing: .sha256WithRSA, age: 200 * day,
                                     lifetime: 3 * year),
                tags: tags([("env", "prod"), ("owner", "corp-it"), ("created-by", "terraform")])),
            StoredAuthority(
                authority: authority(ID.payments, subject("Payments Issuing CA", unit: "Payments"), type: .subordinate,
                                     status: .active, key: .ecSecp384r1, signing: .sha384WithECDSA, age: 90 * day,
                                     lifetime: 3 * year, standard: .fips140Level3),
                permissions: grant(ID.payments, [.issueCertificate, .getCertificate], age: 80 * day),
                tags: tags([("env", "prod"), ("owner", "payments"), ("pci", "true")])),
            StoredAuthority(
                authority: authority(ID.iot, subject("IoT Device CA", unit: "Devices"), type: .subordinate, status: .active,
                                     key: .rsa3072, signing: .sha384WithRSA, age: year - 23 * day, lifetime: year,
                                     usage: .shortLivedCertificate),
                permissions: grant(ID.iot, fullGrant, age: 300 * day),
                tags: tags([("env", "prod"), ("owner", "iot")])),
            StoredAuthority(
                authority: authority(ID.staging, subject("Staging Issuing CA", unit: "Staging"), type: .subordinate,
                                     status: .pendingCertificate, key: .ecPrime256v1, signing: .sha256WithECDSA,
                                     age: 2 * day, lifetime: nil),
                tags: tags([("env", "staging")])),
            StoredAuthority(
                authority: authority(ID.legacy, subject("Legacy Root CA 2015", unit: nil), type: .root, status: .disabled,
                                     key: .rsa2048, signing: .sha256WithRSA, age: 4 * year, lifetime: 15 * year,
                                     standard: .fips140Level2),
                tags: tags([("env", "legacy")])),
            StoredAuthority(
                authority: authority(ID.partner, subject("Partner Federation CA", organization: "Example Partners Ltd",
                                                         country: "GB", state: "England", locality: "London"),
                                     type: .subordinate, status: .expired, key: .rsa2048, signing: .sha256WithRSA,
                                     age: 3 * year + 30 * day, lifetime: 3 * year),
                tags: tags([("env", "prod"), ("owner", "partners")])),
            StoredAuthority(
                authority: authority(ID.lab, subject("PQC Lab CA", unit: "Research"), type: .root, status: .failed,
                                     key: .mlDSA65, signing: .mlDSA65, age: 10 * day, lifetime: nil,
                                     failure: .unsupportedAlgorithm),
                tags: tags([("env", "lab")])),
            deleted,
            StoredAuthority(
                authority: authority(ID.tokyo, subject("東京 Issuing CA", organization: "Example Corp 株式会社",
                                                       unit: "アジア太平洋", country: "JP", state: "Tokyo", locality: "千代田区"),
                                     type: .subordinate, status: .active, key: .ecSecp384r1, signing: .sha384WithECDSA,
                                     age: 150 * day, lifetime: 4 * year),
                permissions: grant(ID.tokyo, fullGrant, age: 150 * day),
                tags: tags([("env", "prod"), ("region", "apac")])),
            StoredAuthority(
                authority: authority(ID.shared, subject("Security Account Issuing CA", unit: "Security"), type: .subordinate,
                                     status: .active, key: .ecPrime256v1, signing: .sha256WithECDSA, age: year,
                                     lifetime: 5 * year, owner: sharingAccount),
                policy: ramPolicy, tags: tags([("shared-via", "ram")])),
        ]
    }
}

extension DemoSeed {
    /// A synthetic estate of `count` ACTIVE CAs for benchmarks: every second one with the full ACM grant,
    /// every tenth a partial one, the rest without. In the demo account and region unless told otherwise
    /// (an account of a synthetic organization).
    public static func scaleState(count: Int, acmPerCA: Int = 0, account: String = account, region: String = region,
                                  now: Date = Date()) -> EmulatorState {
        var state = self.state(.empty, now: now)
        state.account = account
        state.region = region
        let template = demoAuthorities(now: now)[0]
        state.authorities.reserveCapacity(count)
        for index in 0..<count {
            var stored = StoredAuthority(authority: template.authority)
            // Every generated CA signs with the demo root's fixed key: named, not copied, in the state file.
            stored.key = template.key
            let id = String(format: "%08x-0000-4000-8000-%012x", index, index)
            let arn = "arn:aws:acm-pca:\(region):\(account):certificate-authority/\(id)"
            stored.authority.arn = arn
            stored.authority.ownerAccount = account
            stored.authority.type = index % 5 == 0 ? .root : .subordinate
            stored.authority.certificateAuthorityConfiguration?.subject?.commonName = "Bench CA \(index)"
            stored.tags = [Tag(key: "bench", value: String(index % 7))]
            let actions: [PermissionAction]? = index % 10 == 1 ? [.issueCertificate, .getCertificate]
                : index % 2 == 0 ? PermissionAction.acmRenewalActions : nil
            if let actions {
                stored.permissions = [Permission(certificateAuthorityArn: arn, createdAt: now, principal: "acm.amazonaws.com",
                                                 sourceAccount: account, actions: actions,
                                                 policy: Emulator.permissionPolicy(arn: arn, account: account, actions: actions))]
            }
            state.authorities.append(stored)
        }
        if acmPerCA > 0 { state.acmCertificates = benchmarkCertificates(state.authorities, perCA: acmPerCA, now: now) }
        state.acmEvaluatedAt = now
        return state
    }

    /// ACM certificates for the benchmark: `perCA` from each CA, issued, most in use, far from their window.
    static func benchmarkCertificates(_ authorities: [StoredAuthority], perCA: Int, now: Date) -> [ACMStoredCertificate] {
        var certificates: [ACMStoredCertificate] = []
        certificates.reserveCapacity(authorities.count * perCA)
        for (index, stored) in authorities.enumerated() {
            for number in 0..<perCA {
                let id = String(format: "%08x-%04x-4000-8000-000000000000", index, number)
                let days = Double(100 + (index + number) % 250)
                let balancer = "arn:aws:elasticloadbalancing:\(region):\(account):loadbalancer/app/b/\(index)"
                certificates.append(ACMStoredCertificate(
                    arn: "arn:aws:acm:\(region):\(account):certificate/\(id)", domainName: "host-\(number).ca-\(index).example.com",
                    certificateAuthorityArn: stored.arn, keyAlgorithm: number % 3 == 0 ? "EC_prime256v1" : "RSA_2048",
                    notBefore: now, notAfter: now.addingTimeInterval(days * 86_400), createdAt: now,
                    inUseBy: number % 4 == 0 ? [] : [balancer]))
                certificates[certificates.count - 1].account = account
            }
        }
        return certificates
    }
}
