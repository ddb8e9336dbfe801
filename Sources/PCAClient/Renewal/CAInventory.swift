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
    /// Lists every CA, then reads each one's permissions with at most `concurrency` calls at once.
    /// `onListed` reports the CAs as soon as the listing is done (renewal still unknown), `onProgress` each
    /// CA whose state arrived. A failed ListPermissions makes that CA `.unknown`; the inventory still
    /// completes.
    public func loadInventory(
        concurrency: Int = 8,
        resourceOwner: ResourceOwner? = nil,
        onListed: @Sendable ([CertificateAuthority]) -> Void = { _ in },
        onProgress: @Sendable (_ entry: CAInventoryEntry, _ done: Int, _ total: Int) -> Void = { _, _, _ in }
    ) async throws -> [CAInventoryEntry] {
        let authorities = try await certificateAuthorityPages(resourceOwner: resourceOwner)
            .collect { $0.certificateAuthorities ?? [] }
        onListed(authorities)
        var entries = authorities.map { CAInventoryEntry(authority: $0, renewal: .unknown(reason: "loading")) }
        let limit = max(1, concurrency)
        try await withThrowingTaskGroup(of: (Int, ACMRenewalState).self) { group in
            var next = 0
            func startNext() {
                guard next < authorities.count else { return }
                let index = next
                let authority = authorities[index]
                next += 1
                group.addTask { (index, await self.renewalState(of: authority)) }
            }
            for _ in 0..<min(limit, authorities.count) { startNext() }
            var done = 0
            while let (index, state) = try await group.next() {
                entries[index].renewal = state
                done += 1
                onProgress(entries[index], done, authorities.count)
                startNext()
            }
        }
        return entries
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
