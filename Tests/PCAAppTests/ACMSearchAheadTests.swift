import Foundation
import PCAAdmin
@testable import PCAApp
import PCAClient
import PCALocal
import XCTest

/// The UI's ACM search started beside the rest of its inventory: started once however often the listing reports
/// a page, nothing when it was never started, and the same answer as a search made afterwards.
final class ACMSearchAheadTests: XCTestCase {
    private final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        func count(_ name: String) -> Int { lock.withLock { names.filter { $0 == name }.count } }
    }

    private func reader(_ emulator: Emulator, _ calls: Calls) -> ACMCertificateReader {
        let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true)
        let core = PCAClient(endpoint: endpoint,
                             credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDLOCALADMIN",
                                                                                         secretAccessKey: "local-admin-secret")),
                             transport: InProcessTransport(emulator: emulator), timeout: 10, stsEndpoint: endpoint,
                             observer: { calls.add($0.operation) })
        return ACMCertificateReader(acm: ACMClient(sharing: core, endpoint: endpoint))
    }

    private func count(_ search: ACMCertificateReader.Search) -> Int? {
        guard case let .found(results, _) = search else { return nil }
        return results.count
    }

    func testNotStartedGivesNothing() async {
        let ahead = ACMSearchAhead(reader: reader(Emulator(state: DemoSeed.state(.demo)), Calls()))
        let result = await ahead.result()
        XCTAssertNil(result, "a search never started has no outcome (the UI then searches after the listing)")
    }

    func testStartedOnceAndTheSameAsASearchMadeAfterwards() async throws {
        let emulator = Emulator(state: DemoSeed.scaleState(count: 30, acmPerCA: 20))
        let calls = Calls()
        let ahead = ACMSearchAhead(reader: reader(emulator, calls))
        for _ in 0..<5 { ahead.start() }
        let outcome = await ahead.result()
        let early = try XCTUnwrap(outcome).get()
        XCTAssertEqual(calls.count("SearchCertificates"), 2, "600 certificates are two pages, searched once")
        let later = try await reader(emulator, Calls()).search()
        XCTAssertEqual(count(early), 600)
        XCTAssertEqual(count(early), count(later))
    }
}
