import Foundation
import PCAAdmin
import PCAClient
import PCALocal
@testable import PCATerminalUI
import XCTest

let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

/// A state holding the demo estate, loaded as the runtime would deliver it.
func demoState(width: Int = 100, height: Int = 30, color: Bool = true, unicode: Bool = true, readOnly: Bool = false,
               withRenewals: Bool = true) -> AppState {
    var state = AppState(header: HeaderInfo(profile: "demo (ca-admin)", region: "us-east-1", endpoint: "in-process demo",
                                            account: "111122223333", callerARN: "arn:aws:iam::111122223333:user/ca-admin"),
                         readOnly: ReadOnlyMode(profileConfig: readOnly), theme: Theme(color: color, unicode: unicode), width: width, height: height,
                         now: fixedNow, profiles: ["default", "prod"], regions: ["us-east-1", "eu-west-1"],
                         auditLogPath: "/home/admin/.local/state/pca-tui/audit.log",
                         configPath: "/home/admin/.config/pca-tui/config")
    state.generation = 1
    let seed = DemoSeed.state(.demo, now: fixedNow)
    _ = Reducer.reduce(&state, .listLoaded(generation: 1, seed.authorities.map(\.authority)))
    if withRenewals {
        let results = seed.authorities.map { stored -> (arn: String, state: ACMRenewalState) in
            stored.authority.status == .deleted ? (stored.arn, .unknown(reason: "the CA is DELETED"))
                : (stored.arn, ACMRenewalState(permissions: stored.permissions))
        }
        _ = Reducer.reduce(&state, .renewalsLoaded(generation: 1, results, done: results.count, total: results.count))
        let tags = seed.authorities.map { (arn: $0.arn, tags: $0.tags) }
        _ = Reducer.reduce(&state, .tagsLoaded(generation: 1, tags, done: tags.count, total: tags.count))
        _ = Reducer.reduce(&state, .acmCertificatesLoaded(generation: 1, .success(ACMCertificateListing(certificates: demoACMCertificates()))))
    }
    return state
}

/// The demo's ACM certificates as DescribeCertificate would give them.
func demoACMCertificates() -> [ACMCertificate] {
    DemoSeed.acmCertificates(now: fixedNow).map { stored -> ACMCertificate in
        var certificate = ACMCertificate(certificateArn: stored.arn, domainName: stored.domainName, status: stored.status,
                                         type: "PRIVATE", notAfter: stored.notAfter, inUseBy: stored.inUseBy,
                                         renewalEligibility: stored.isEligible ? "ELIGIBLE" : "INELIGIBLE",
                                         renewalSummary: stored.renewalSummary, certificateAuthorityArn: stored.certificateAuthorityArn)
        certificate.notBefore = stored.notBefore
        return certificate
    }
}

@discardableResult
func send(_ state: inout AppState, _ keys: Key...) -> [AppEffect] {
    var effects: [AppEffect] = []
    for key in keys { effects += Reducer.reduce(&state, .key(key)) }
    return effects
}

func select(_ state: inout AppState, name: String) {
    guard let position = state.visible.firstIndex(where: { state.rows[$0].name == name }) else {
        XCTFail("no row named \(name)")
        return
    }
    state.selected = position
}

func dialog(_ state: AppState) -> DialogState? {
    if case let .dialog(dialog)? = state.overlay { return dialog }
    return nil
}

let internalARN = DemoSeed.arn(DemoSeed.ID.internalCA)

extension Array where Element == AppEffect {
    /// `enable-acm-renewal grant ARN` for each change the `applyChanges` effects carry.
    var appliedPlans: [String] {
        flatMap { effect -> [String] in
            guard case let .applyChanges(changes, _, _) = effect else { return [] }
            return changes.map { "\($0.intent.rawValue) \($0.words) \($0.target.arn)" }
        }
    }

    /// The changes of the first `applyChanges` effect, with the mode and purpose it carries.
    var applied: (changes: [PlannedChange], readOnly: ReadOnlyMode, purpose: WritePurpose)? {
        for effect in self {
            if case let .applyChanges(changes, readOnly, purpose) = effect { return (changes, readOnly, purpose) }
        }
        return nil
    }
}
