import Foundation
import PCAClient

/// The targets of a change, read for planning: one CA named by the user, or every CA a bulk intent selects
/// from the inventory.
public enum WriteTargets {
    /// Reads what the planner needs of each named CA: its status and owner (DescribeCertificateAuthority, when
    /// allowed), its grant for a grant intent, its failed renewals for a retry. A CA whose grant or
    /// certificates cannot be read is planned as unreadable, never guessed.
    public static func read(_ arns: [String], intent: WriteIntent, connection: AccountConnection,
                            concurrency: Int = 8) async -> [WriteTarget] {
        var targets: [WriteTarget] = []
        for arn in arns {
            var target = WriteTarget(arn: arn)
            if let authority = try? await connection.pca.describeCertificateAuthority(arn: arn) {
                target = WriteTarget(arn: arn, name: authority.commonName, ownerAccount: authority.ownerAccount,
                                     status: authority.status)
                target.authority = authority
            }
            switch intent {
            case .enableRenewal, .disableRenewal:
                target.renewal = await ACMRenewalState.read(arn: arn, client: connection.pca)
            case .retryRenewals:
                do {
                    let listing = try await FailedRenewal.find(certificateAuthorityArn: arn, acm: connection.acm,
                                                               concurrency: concurrency)
                    target.failedCertificates = listing.certificates
                    target.truncationWarning = listing.truncationWarning
                } catch {
                    target.unreadableReason = "ACM's certificates: \(ErrorWords.short(error))"
                }
            case .issueCertificate:
                break
            case .share, .unshare:
                do {
                    target.policy = try await AttachedPolicy.read(arn: arn, client: connection.pca)
                } catch {
                    target.unreadableReason = "the resource policy: \(ErrorWords.short(error))"
                }
            }
            targets.append(target)
        }
        return targets
    }

    /// `acm-renewal enable --all-off`: every CA of the inventory whose grant is missing or partial and that
    /// matches `filter`, the UI's filter on the same record. A CA whose permissions could not be read, or
    /// whose tags could not be read when the filter matches tags, is a target planned as unreadable: never
    /// silently dropped, never silently included. Other accounts' CAs and DELETED ones are not candidates.
    public static func allOff(_ inventory: Inventory, filter: FilterExpression, now: Date = Date()) -> [WriteTarget] {
        let account = inventory.callerAccount
        return inventory.records.compactMap { record in
            guard !record.isOtherAccount(account), record.authority.status != .deleted else { return nil }
            var target = WriteTarget(record: record)
            switch record.renewal {
            case .disabled?, .partial?:
                if filter.needsTags, let error = record.tagsError {
                    target.unreadableReason = "tags: \(error)"
                    return target
                }
                return filter.matches(record, account: account, now: now) ? target : nil
            case let .unknown(reason)?:
                target.unreadableReason = "permissions: \(reason)"
                return target
            case .enabled?, nil:
                return nil
            }
        }
    }
}
