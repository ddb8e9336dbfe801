import Foundation
import PCAClient

extension DemoSeed {
    /// The admin whose change broke the Payments CA's ACM renewals: a named person, not one of the demo's keys.
    public static let grantRemover = "jdoe"

    /// The demo's CloudTrail history: the Payments CA granted in full when it was set up, then (some weeks
    /// later) jdoe removed the grant and put back only IssueCertificate and GetCertificate, which is why ACM's
    /// renewals through it fail with PCA_ACCESS_DENIED; the issuer user's refused attempt to remove the Web
    /// CA's grant; the Web CA's sharing policy put twice (the second adds issuing); the retired CA deleted
    /// through the admin role.
    static func trailEvents(authorities: [StoredAuthority], now: Date) -> [TrailRecord] {
        let day: TimeInterval = 86_400
        let admin = TrailRecord.Caller(userName: "ca-admin", account: account, accessKeyID: users[0].accessKeyID)
        let issuer = TrailRecord.Caller(userName: "ca-issuer", account: account, accessKeyID: users[1].accessKeyID)
        let jdoe = TrailRecord.Caller(userName: grantRemover, account: account, accessKeyID: "AKIAIOSFODNN7JDOE001")
        let alice = TrailRecord.Caller(userName: "assumed-role/ca-admin-role/alice", account: account,
                                       accessKeyID: "ASIAIOSFODNN7ALICE01")
        let console = "AWS Internal"
        let cli = "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.amzn.2023 command/acm-pca"
        var number = 0
        func event(_ name: String, _ caller: TrailRecord.Caller, ago: TimeInterval, ip: String, agent: String,
                   _ parameters: [String: Any], ca: String, error: (String, String)? = nil) -> TrailRecord {
            number += 1
            let id = String(format: "d3m0%04x-0000-4000-8000-%012x", number, number)
            return TrailRecord.make(eventName: name, time: now.addingTimeInterval(-ago), caller: caller, region: region,
                                    sourceIP: ip, userAgent: agent, parameters: parameters, response: nil,
                                    error: error.map { (code: $0.0, message: $0.1) }, requestID: id, eventID: id,
                                    resourceARN: ca)
        }
        let payments = arn(ID.payments)
        let web = arn(ID.web)
        let retired = arn(ID.decommissioned)
        let renewal = PermissionAction.acmRenewalActions.map(\.rawValue)
        let webPolicy = authorities.first { $0.arn == web }?.policy ?? "{}"
        let readOnlyWebPolicy = (try? JSONSerialization.jsonObject(with: Data(webPolicy.utf8)) as? [String: Any])
            .flatMap { policy -> String? in
                var policy = policy
                policy["Statement"] = (policy["Statement"] as? [Any])?.prefix(1).map { $0 }
                return (try? JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys, .withoutEscapingSlashes]))
                    .map { String(decoding: $0, as: UTF8.self) }
            } ?? "{}"
        return [
            event("CreatePermission", admin, ago: 89 * day, ip: "203.0.113.10", agent: cli,
                  ["CertificateAuthorityArn": payments, "Principal": "acm.amazonaws.com", "SourceAccount": account,
                   "Actions": renewal], ca: payments),
            event("PutPolicy", admin, ago: 85 * day, ip: "203.0.113.10", agent: cli,
                  ["ResourceArn": web, "Policy": readOnlyWebPolicy], ca: web),
            event("DeletePermission", jdoe, ago: 80 * day, ip: "198.51.100.23", agent: console,
                  ["CertificateAuthorityArn": payments, "Principal": "acm.amazonaws.com", "SourceAccount": account], ca: payments),
            event("CreatePermission", jdoe, ago: 80 * day - 40, ip: "198.51.100.23", agent: console,
                  ["CertificateAuthorityArn": payments, "Principal": "acm.amazonaws.com", "SourceAccount": account,
                   "Actions": [PermissionAction.issueCertificate.rawValue, PermissionAction.getCertificate.rawValue]],
                  ca: payments),
            event("DeletePermission", issuer, ago: 60 * day, ip: "203.0.113.44", agent: cli,
                  ["CertificateAuthorityArn": web, "Principal": "acm.amazonaws.com"], ca: web,
                  error: ("AccessDeniedException", "User: arn:aws:iam::\(account):user/ca-issuer is not authorized to perform: "
                          + "acm-pca:DeletePermission on resource: \(web) because no identity-based policy allows the "
                          + "acm-pca:DeletePermission action")),
            event("PutPolicy", admin, ago: 30 * day, ip: "203.0.113.10", agent: cli,
                  ["ResourceArn": web, "Policy": webPolicy], ca: web),
            event("DeleteCertificateAuthority", alice, ago: 18 * day, ip: "192.0.2.77", agent: console,
                  ["CertificateAuthorityArn": retired, "PermanentDeletionTimeInDays": 30], ca: retired),
        ]
    }
}
