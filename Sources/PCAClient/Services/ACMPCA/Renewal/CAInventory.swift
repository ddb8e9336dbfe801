import Foundation

/// A CA with its ACM renewal state, as the list shows it.
public struct CAInventoryEntry: Sendable, Hashable {
    public var authority: CertificateAuthority
    public var renewal: ACMRenewalState

    public init(authority: CertificateAuthority, renewal: ACMRenewalState) {
        self.authority = authority
        self.renewal = renewal
    }
}

extension PCAClient {
    /// Lists every CA and reads each one's permissions with at most `concurrency` calls at once. The
    /// permission calls start as soon as the first page of CAs arrives, while later pages are still being
    /// fetched. `onPage` reports the CAs listed so far after each page, `onListed` all of them once the
    /// listing is complete (renewal still unknown), and only
    /// then `onProgress` reports each CA whose state arrived. A failed ListPermissions makes that CA
    /// `.unknown`; the inventory still completes.
    public func loadInventory(
        concurrency: Int = 8,
        resourceOwner: ResourceOwner? = nil,
        onPage: @Sendable ([CertificateAuthority]) -> Void = { _ in },
        onListed: @Sendable ([CertificateAuthority]) -> Void = { _ in },
        onProgress: @Sendable (_ entry: CAInventoryEntry, _ done: Int, _ total: Int) -> Void = { _, _, _ in }
    ) async throws -> [CAInventoryEntry] {
        enum Outcome: Sendable {
            case page(ListCertificateAuthoritiesResponse)
            case renewal(Int, ACMRenewalState)
        }
        var authorities: [CertificateAuthority] = []
        var states: [Int: ACMRenewalState] = [:]
        var listed = false
        var reported = 0
        let limit = max(1, concurrency)
        let owner = resourceOwner
        var pages = PageGuard()
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var running = 0
            var next = 0
            func fetchPage(_ token: String?) {
                group.addTask { .page(try await self.listCertificateAuthorities(.init(nextToken: token, resourceOwner: owner))) }
            }
            func fillSlots() {
                while running < limit, next < authorities.count {
                    let index = next
                    let authority = authorities[index]
                    next += 1
                    running += 1
                    group.addTask { .renewal(index, await self.renewalState(of: authority)) }
                }
            }
            func report(_ index: Int) {
                reported += 1
                onProgress(CAInventoryEntry(authority: authorities[index], renewal: states[index] ?? .unknown(reason: "loading")),
                           reported, authorities.count)
            }
            fetchPage(nil)
            while let outcome = try await group.next() {
                switch outcome {
                case let .page(page):
                    authorities += page.certificateAuthorities ?? []
                    onPage(authorities)
                    if let token = try pages.next(after: page.nextToken) {
                        fetchPage(token)
                    } else {
                        listed = true
                        onListed(authorities)
                        for index in states.keys.sorted() { report(index) }
                    }
                case let .renewal(index, state):
                    running -= 1
                    states[index] = state
                    if listed { report(index) }
                }
                fillSlots()
            }
        }
        return authorities.indices.map { CAInventoryEntry(authority: authorities[$0], renewal: states[$0] ?? .unknown(reason: "not read")) }
    }

    /// CAs other accounts share with this one (AWS RAM), ready for the list: their renewal goes through the
    /// owner's resource policy, so their permissions are not read. Empty when there are none, or when the
    /// caller may not list them.
    public func sharedInventory() async -> [CAInventoryEntry] {
        let shared = (try? await certificateAuthorityPages(resourceOwner: .otherAccounts)
            .collect { $0.certificateAuthorities ?? [] }) ?? []
        return shared.map { authority in
            CAInventoryEntry(authority: authority, renewal: .unknown(
                reason: "shared from \(authority.ownerAccount ?? "another account"); ACM renewal goes through the CA's resource policy"))
        }
    }

    /// Skips the call where AWS is known to refuse it, so the reason is exact and no call is wasted.
    func renewalState(of authority: CertificateAuthority) async -> ACMRenewalState {
        guard let arn = authority.arn else { return .unknown(reason: "the CA has no ARN") }
        if authority.status == .deleted {
            return .unknown(reason: "the CA is DELETED; permissions cannot be read")
        }
        return await acmRenewalState(arn: arn)
    }
}
