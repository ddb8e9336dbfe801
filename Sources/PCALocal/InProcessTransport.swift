import Foundation
import PCAClient

/// Puts the emulator behind the client's transport seam: requests are signed and verified exactly as over
/// the network, only the socket is skipped. Used by `pca-tui --demo` and the tests.
public struct InProcessTransport: HTTPTransport {
    public let emulator: Emulator

    /// The endpoint URL the demo uses; the host is never resolved.
    public static let endpoint = URL(string: "http://pca-local.demo/")!

    public init(emulator: Emulator) {
        self.emulator = emulator
    }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        let delay = emulator.delay(headers: request.headers)
        if delay > 0 {
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        }
        return emulator.respond(to: request)
    }
}
