import Foundation
import PCAClient

/// About 40 private certificates ACM issued from the demo CAs: in use by a load balancer or not, exported or
/// not, some due within 60 days, some whose renewal already failed (PCA_ACCESS_DENIED on the CA without a
/// grant and on the partial one, PCA_INVALID_DURATION on the CA about to expire, PCA_INVALID_STATE on the
/// disabled one), one pending, some ineligible, one expired, one from the CA another account shares.
extension DemoSeed {
    public static func acmCertificates(now: Date) -> [ACMStoredCertificate] {
        let day: TimeInterval = 86_400
        var certificates: [ACMStoredCertificate] = []
        var serial = 0
        func add(_ caID: String, _ domain: String, daysLeft: Int, inUse: Bool = true, exported: Bool = false,
                 owner: String = account, key: String = "RSA_2048", renewal: (status: String, reason: String?)? = nil,
                 status: String? = nil) {
            serial += 1
            let id = String(format: "c0ffee%02d-0000-4000-8000-%012d", serial, serial)
            let notAfter = now.addingTimeInterval(Double(daysLeft) * day)
            let balancer = "arn:aws:elasticloadbalancing:\(region):\(account):loadbalancer/app/\(domain.split(separator: ".")[0])/\(id.prefix(8))"
            let summary = renewal.map { RenewalSummary(renewalStatus: $0.status, renewalStatusReason: $0.reason,
                                                       updatedAt: now.addingTimeInterval(-2 * 3600)) }
            certificates.append(ACMStoredCertificate(
                arn: "arn:aws:acm:\(region):\(account):certificate/\(id)", domainName: domain,
                certificateAuthorityArn: arn(caID, account: owner), keyAlgorithm: key,
                status: status ?? (daysLeft < 0 ? "EXPIRED" : "ISSUED"), notBefore: notAfter.addingTimeInterval(-395 * day),
                notAfter: notAfter, createdAt: notAfter.addingTimeInterval(-395 * day), inUseBy: inUse ? [balancer] : [],
                exported: exported, renewalSummary: summary))
        }
        // The web CA: ACM renewal enabled; one renewal pending, the rest far out.
        add(ID.web, "www.example.com", daysLeft: 250)
        add(ID.web, "api.example.com", daysLeft: 310, key: "EC_prime256v1")
        add(ID.web, "shop.example.com", daysLeft: 21, renewal: ("PENDING_AUTO_RENEWAL", nil))
        add(ID.web, "login.example.com", daysLeft: 180, key: "EC_prime256v1")
        add(ID.web, "cdn.example.com", daysLeft: 95)
        add(ID.web, "status.example.com", daysLeft: 140, inUse: false)
        add(ID.web, "docs.example.com", daysLeft: 200, inUse: false, exported: true)
        add(ID.web, "mail.example.com", daysLeft: 330)
        add(ID.web, "vpn.example.com", daysLeft: 120, key: "EC_secp384r1")
        add(ID.web, "git.example.com", daysLeft: 275)
        add(ID.web, "wiki.example.com", daysLeft: 380, inUse: false)
        add(ID.web, "old.example.com", daysLeft: -12, inUse: false)
        // The internal CA: no grant, so renewals due now fail with PCA_ACCESS_DENIED.
        add(ID.internalCA, "intranet.corp.example.com", daysLeft: 33, renewal: ("FAILED", "PCA_ACCESS_DENIED"))
        add(ID.internalCA, "hr.corp.example.com", daysLeft: 48, renewal: ("FAILED", "PCA_ACCESS_DENIED"))
        add(ID.internalCA, "build.corp.example.com", daysLeft: 57, exported: true, renewal: ("FAILED", "PCA_ACCESS_DENIED"))
        add(ID.internalCA, "ldap.corp.example.com", daysLeft: 160)
        add(ID.internalCA, "jira.corp.example.com", daysLeft: 210)
        add(ID.internalCA, "grafana.corp.example.com", daysLeft: 260, key: "EC_prime256v1")
        add(ID.internalCA, "printer.corp.example.com", daysLeft: 40, inUse: false)
        add(ID.internalCA, "vault.corp.example.com", daysLeft: 300)
        // The payments CA: a partial grant, which fails the same way.
        add(ID.payments, "pay.example.com", daysLeft: 26, renewal: ("FAILED", "PCA_ACCESS_DENIED"))
        add(ID.payments, "checkout.example.com", daysLeft: 44, renewal: ("FAILED", "PCA_ACCESS_DENIED"))
        add(ID.payments, "refunds.example.com", daysLeft: 190, key: "EC_secp384r1")
        add(ID.payments, "ledger.example.com", daysLeft: 230)
        add(ID.payments, "fraud.example.com", daysLeft: 350, inUse: false)
        add(ID.payments, "settle.example.com", daysLeft: 120)
        // The root issues few leaf certificates.
        add(ID.root, "ocsp.example.com", daysLeft: 200)
        add(ID.root, "timestamp.example.com", daysLeft: 340, inUse: false, exported: true)
        // The IoT CA expires in 23 days: renewals cannot outlive it.
        add(ID.iot, "gateway-1.iot.example.com", daysLeft: 15, renewal: ("FAILED", "PCA_INVALID_DURATION"))
        add(ID.iot, "gateway-2.iot.example.com", daysLeft: 18, renewal: ("FAILED", "PCA_INVALID_DURATION"))
        add(ID.iot, "broker.iot.example.com", daysLeft: 20, exported: true, renewal: ("FAILED", "PCA_INVALID_DURATION"))
        add(ID.iot, "sensor-lab.iot.example.com", daysLeft: 22, inUse: false)
        // The Tokyo CA: all well.
        add(ID.tokyo, "tokyo.example.jp", daysLeft: 210, key: "EC_secp384r1")
        add(ID.tokyo, "osaka.example.jp", daysLeft: 280, key: "EC_secp384r1")
        add(ID.tokyo, "api.example.jp", daysLeft: 150, key: "EC_secp384r1")
        add(ID.tokyo, "shop.example.jp", daysLeft: 330, inUse: false, key: "EC_secp384r1")
        // The disabled legacy root: a renewal fails with PCA_INVALID_STATE.
        add(ID.legacy, "legacy-app.example.com", daysLeft: 30, renewal: ("FAILED", "PCA_INVALID_STATE"))
        add(ID.legacy, "legacy-batch.example.com", daysLeft: 240)
        // The expired partner CA: its last certificate expired.
        add(ID.partner, "partner-sso.example.com", daysLeft: -40)
        // From the CA account 444455556666 shares with this one (renewed through its resource policy).
        add(ID.shared, "audit.security.example.com", daysLeft: 170, owner: sharingAccount, key: "EC_prime256v1")
        return certificates
    }
}
