import Foundation
import PCAClient

/// Every CA of an account and region with what the faces show of it: the one loader behind `list`, `report`,
/// the bulk commands, short-id resolution and the UI.
public struct InventoryLoader: Sendable {
    /// What to read beside the CAs themselves.
    public struct Parts: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// ListPermissions per CA: the ACM renewal state.
        public static let permissions = Parts(rawValue: 1)
        /// ListTags per CA, for filters that match tags.
        public static let tags = Parts(rawValue: 2)
        /// ACM's private certificates, grouped by CA.
        public static let acm = Parts(rawValue: 4)
        public static let all: Parts = [.permissions, .tags, .acm]
    }

    /// What arrived, as it arrives, for a face that shows the inventory while it loads.
    public enum Progress: Sendable {
        /// The account's own CAs listed so far, after each page (each ARN once).
        case listed([CertificateAuthority])
        /// CAs other accounts share with this one (AWS RAM); their renewal goes through the owner's policy.
        case shared([CARecord])
        case renewal(arn: String, ACMRenewalState, done: Int, total: Int)
        case tags(arn: String, Result<[Tag], Error>, done: Int, total: Int)
        case acm(Result<ACMCertificateListing, Error>)
    }

    public var connection: AccountConnection
    public var concurrency: Int

    public init(connection: AccountConnection, concurrency: Int = 16) {
        self.connection = connection
        self.concurrency = max(1, concurrency)
    }

    /// Loads the inventory. `acmAfterCAs` starts ACM only once the CAs, permissions and tags are in (the UI:
    /// one DescribeCertificate per certificate must never hold up the first rows); otherwise ACM loads beside
    /// them (the commands: the whole answer sooner). Throws only when the CAs cannot be listed.
    public func load(_ parts: Parts, acmAfterCAs: Bool = false,
                     onProgress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Inventory {
        let client = connection.pca
        async let identity = try? client.callerIdentity()
        async let sharedAuthorities = sharedCAs()
        // ACM's search needs no CA: it starts beside the listing; the CAs then say who issued what.
        async let early = parts.contains(.acm) && !acmAfterCAs ? acmSearch() : nil
        var records = try await ownCAs(withPermissions: parts.contains(.permissions), onProgress: onProgress)
        let shared = Self.unique(await sharedAuthorities, excluding: Set(records.map(\.arn))).map(Self.sharedRecord)
        if !shared.isEmpty { onProgress(.shared(shared)) }
        if parts.contains(.tags) {
            let tags = await self.tags(of: records.map(\.arn), onProgress: onProgress)
            for index in records.indices {
                switch tags[records[index].arn] {
                case let .success(found)?: records[index].setTags(found)
                case let .failure(error)?: records[index].tagsError = ErrorWords.short(error)
                case nil: break
                }
            }
        }
        records += shared
        var inventory = Inventory(records: records, callerAccount: await identity?.account)
        records = []
        guard parts.contains(.acm) else { return inventory }
        let search: Result<ACMCertificateReader.Search, Error>?
        if acmAfterCAs { search = await acmSearch() } else { search = await early }
        // From the inventory's records, not `records`: a second reference would make `attach` copy all of them.
        let issuers = ACMIssuers(records: inventory.records)
        if let search {
            let certificates = await acmCertificates(search, issuers: issuers)
            onProgress(.acm(certificates))
            inventory.attach(certificates)
        }
        return inventory
    }

    /// Every CA the caller can name, its own and those shared with it, each ARN once: what short ids resolve
    /// against. No per-CA call.
    public func authorities() async throws -> [CertificateAuthority] {
        let own = try await connection.pca.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        let unique = Self.unique(own, excluding: [])
        return unique + Self.unique(await sharedCAs(), excluding: Set(unique.compactMap(\.arn)))
    }

    // MARK: The parts

    /// The account's own CAs; with `withPermissions`, each one's ListPermissions starts as soon as its page
    /// arrives, at most `concurrency` at once, while later pages are still being fetched.
    private func ownCAs(withPermissions: Bool, onProgress: @escaping @Sendable (Progress) -> Void) async throws -> [CARecord] {
        enum Outcome: Sendable {
            case page(ListCertificateAuthoritiesResponse)
            case renewal(Int, ACMRenewalState)
        }
        let client = connection.pca
        var authorities: [CertificateAuthority] = []
        var seen = Set<String>()
        var states: [Int: ACMRenewalState] = [:]
        var listed = false
        var reported = 0
        var pages = PageGuard()
        let limit = concurrency
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var running = 0
            var next = 0
            func fetchPage(_ token: String?) {
                group.addTask { .page(try await client.listCertificateAuthorities(.init(nextToken: token))) }
            }
            func fillSlots() {
                while withPermissions, running < limit, next < authorities.count {
                    let index = next
                    let authority = authorities[index]
                    next += 1
                    running += 1
                    group.addTask { .renewal(index, await Self.renewalState(of: authority, client: client)) }
                }
            }
            func report(_ index: Int) {
                reported += 1
                onProgress(.renewal(arn: authorities[index].arn ?? "", states[index] ?? .unknown(reason: "loading"),
                                    done: reported, total: authorities.count))
            }
            fetchPage(nil)
            while let outcome = try await group.next() {
                switch outcome {
                case let .page(page):
                    // The same ARN listed twice (a server may do it) is one CA.
                    for authority in page.certificateAuthorities ?? [] where seen.insert(authority.arn ?? "").inserted {
                        authorities.append(authority)
                    }
                    onProgress(.listed(authorities))
                    if let token = try pages.next(after: page.nextToken) {
                        fetchPage(token)
                    } else {
                        listed = true
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
        return authorities.indices.map { index in
            CARecord(authority: authorities[index], renewal: withPermissions ? states[index] ?? .unknown(reason: "not read") : nil)
        }
    }

    /// The renewal state of one CA, as the list shows it: another account's CA is not this account's to read
    /// (its renewal goes through its resource policy), so its permissions are not read.
    public static func renewalState(of authority: CertificateAuthority, client: PCAClient,
                                    callerAccount: String?) async -> ACMRenewalState {
        if let owner = authority.ownerAccount, let callerAccount, owner != callerAccount {
            return sharedRecord(authority).renewal ?? .unknown(reason: "another account's CA")
        }
        return await renewalState(of: authority, client: client)
    }

    /// Skips the call where AWS is known to refuse it, so the reason is exact and no call is wasted.
    static func renewalState(of authority: CertificateAuthority, client: PCAClient) async -> ACMRenewalState {
        guard let arn = authority.arn else { return .unknown(reason: "the CA has no ARN") }
        if authority.status == .deleted {
            return .unknown(reason: "the CA is DELETED; permissions cannot be read")
        }
        return await ACMRenewalState.read(arn: arn, client: client)
    }

    /// CAs other accounts share with this one; empty when there are none or the caller may not list them.
    private func sharedCAs() async -> [CertificateAuthority] {
        (try? await connection.pca.certificateAuthorityPages(resourceOwner: .otherAccounts)
            .collect { $0.certificateAuthorities ?? [] }) ?? []
    }

    static func sharedRecord(_ authority: CertificateAuthority) -> CARecord {
        CARecord(authority: authority, renewal: .unknown(
            reason: "shared from \(authority.ownerAccount ?? "another account"); ACM renewal goes through the CA's resource policy"))
    }

    private func tags(of arns: [String], onProgress: @escaping @Sendable (Progress) -> Void) async -> [String: Result<[Tag], Error>] {
        let client = connection.pca
        var found: [String: Result<[Tag], Error>] = [:]
        await withTaskGroup(of: (String, Result<[Tag], Error>).self) { group in
            var next = 0
            func startNext() {
                guard next < arns.count else { return }
                let arn = arns[next]
                next += 1
                group.addTask {
                    do {
                        return (arn, .success(try await client.tagPages(arn: arn).collect { $0.tags ?? [] }))
                    } catch {
                        return (arn, .failure(error))
                    }
                }
            }
            for _ in 0..<min(concurrency, arns.count) { startNext() }
            while let (arn, result) = await group.next() {
                found[arn] = result
                onProgress(.tags(arn: arn, result, done: found.count, total: arns.count))
                startNext()
            }
        }
        return found
    }

    private func acmSearch() async -> Result<ACMCertificateReader.Search, Error> {
        do {
            return .success(try await ACMCertificateReader(acm: connection.acm, concurrency: concurrency).search())
        } catch {
            return .failure(error)
        }
    }

    private func acmCertificates(_ search: Result<ACMCertificateReader.Search, Error>,
                                 issuers: ACMIssuers) async -> Result<ACMCertificateListing, Error> {
        do {
            return .success(try await ACMCertificateReader(acm: connection.acm, concurrency: concurrency)
                .resolve(try search.get(), issuers: issuers))
        } catch {
            return .failure(error)
        }
    }

    private static func unique(_ authorities: [CertificateAuthority], excluding: Set<String>) -> [CertificateAuthority] {
        var seen = excluding
        return authorities.filter { seen.insert($0.arn ?? "").inserted }
    }
}

/// The CAs of an account and region, as loaded.
public struct Inventory: Sendable {
    public var records: [CARecord]
    /// The caller's account: whose CAs are someone else's.
    public var callerAccount: String?
    /// Why ACM's certificates are missing, when they were asked for and could not be read.
    public var acmError: String?
    /// Where ACM's listing was cut short (a bound against a hostile or broken service), if it was.
    public var acmTruncatedAt: Int?

    public init(records: [CARecord], callerAccount: String?, acmError: String? = nil) {
        self.records = records
        self.callerAccount = callerAccount
        self.acmError = acmError
    }

    /// Gives each record its ACM certificates (an empty group for a CA ACM issued nothing from).
    public mutating func attach(_ certificates: Result<ACMCertificateListing, Error>, now: Date = Date()) {
        switch certificates {
        case let .success(listing):
            acmTruncatedAt = listing.truncatedAt
            let groups = CACertificates.group(listing.certificates, now: now)
            for index in records.indices {
                let arn = records[index].arn
                records[index].acm = groups[arn] ?? CACertificates(certificateAuthorityArn: arn, certificates: [], now: now)
            }
        case let .failure(error):
            acmError = ErrorWords.short(error)
        }
    }
}
