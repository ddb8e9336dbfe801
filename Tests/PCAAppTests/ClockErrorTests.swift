import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

/// A request refused for its time is explained on stderr as the clock (this machine's against the server's),
/// never as the secret key.
final class ClockErrorTests: XCTestCase {
    /// Serves the demo on loopback from an emulator whose clock is `offset` seconds from this machine's.
    private func server(clockOffset offset: TimeInterval) throws -> String {
        let emulator = Emulator(state: DemoSeed.state(.demo), now: { Date().addingTimeInterval(offset) })
        let server = HTTPServer(emulator: emulator)
        let port = try server.start()
        addTeardownBlock { server.stop() }
        return "http://127.0.0.1:\(port)"
    }

    private func list(_ endpoint: String) async throws -> (ExitStatus, CapturedOutput) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pca-clock-\(UUID().uuidString)").path
        return try await runCommand(["list", "--region", "us-east-1", "--endpoint-url", endpoint],
                                    environment: ["HOME": home, "AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN",
                                                  "AWS_SECRET_ACCESS_KEY": "local-admin-secret", "AWS_MAX_ATTEMPTS": "1"])
    }

    func testAClockAheadIsExplainedAsTheClock() async throws {
        let (status, output) = try await list(try server(clockOffset: -10 * 60))
        XCTAssertEqual(status, .failure)
        XCTAssertTrue(output.err.contains("InvalidSignatureException: Signature not yet current"), output.err)
        XCTAssertTrue(output.err.contains("This machine's clock is 10 minutes ahead of the server's time"), output.err)
        XCTAssertTrue(output.err.contains("local clock ") && output.err.contains("server time "), output.err)
        XCTAssertFalse(output.err.lowercased().contains("secret"), output.err)
        XCTAssertFalse(output.err.lowercased().contains("key"), output.err)
    }

    func testAClockBehindIsExplainedAsTheClock() async throws {
        let (status, output) = try await list(try server(clockOffset: 20 * 60))
        XCTAssertEqual(status, .failure)
        XCTAssertTrue(output.err.contains("InvalidSignatureException: Signature expired"), output.err)
        XCTAssertTrue(output.err.contains("This machine's clock is 20 minutes behind the server's time"), output.err)
        XCTAssertFalse(output.err.lowercased().contains("secret"), output.err)
    }
}
