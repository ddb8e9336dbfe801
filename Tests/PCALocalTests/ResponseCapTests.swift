import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import PCAProcess
import XCTest

/// The real transport (URLSession over libcurl) against a hostile server: answers larger than the cap, sent
/// plainly or as a small gzip body that inflates, end with a clear error and are never held whole.
final class ResponseCapTests: XCTestCase {
    private func serve(headers: [(name: String, value: String)], body: Data) throws -> (HTTPServer, PCAClient) {
        let server = HTTPServer { _, _, _, _ in HTTPResponse(statusCode: 200, headers: headers, body: body) }
        let port = try server.start()
        let client = PCAClient(endpoint: ResolvedEndpoint(url: URL(string: "http://127.0.0.1:\(port)")!, signingRegion: "us-east-1",
                                                          isOverride: true),
                               credentialProvider: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKID", secretAccessKey: "s")),
                               transport: URLSessionTransport(), retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1),
                               timeout: 20)
        return (server, client)
    }

    private func assertTooLarge(_ client: PCAClient, file: StaticString = #filePath, line: UInt = #line) async {
        do {
            _ = try await client.listPermissions(arn: "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x")
            XCTFail("the answer was accepted", file: file, line: line)
        } catch ClientError.malformedResponse(_, _, let detail) {
            XCTAssertTrue(detail.contains("MiB"), detail, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    func testAPlainAnswerOverTheCapIsRefused() async throws {
        let (server, client) = try serve(headers: [("Content-Type", "application/x-amz-json-1.1")],
                                         body: Data(repeating: 0x20, count: PCAClient.maximumResponseBytes + 10))
        defer { server.stop() }
        await assertTooLarge(client)
    }

    func testAGzipBombIsCountedAfterDecompression() async throws {
        // 64 MiB of spaces compress to about 64 KiB; the cap must apply to what libcurl inflates.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pca-bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("bomb")
        try Data(repeating: 0x20, count: 64 << 20).write(to: plain)
        let result = try ChildProcess.run(["/bin/sh", "-c", "gzip -9 '\(plain.path)'"], timeout: 60)
        XCTAssertEqual(result.status, 0, result.stderr)
        let compressed = try Data(contentsOf: directory.appendingPathComponent("bomb.gz"))
        XCTAssertLessThan(compressed.count, PCAClient.maximumResponseBytes / 8)
        let (server, client) = try serve(headers: [("Content-Type", "application/x-amz-json-1.1"), ("Content-Encoding", "gzip")],
                                         body: compressed)
        defer { server.stop() }
        await assertTooLarge(client)
    }

    func testAnAnswerUnderTheCapStillWorks() async throws {
        let (server, client) = try serve(headers: [("Content-Type", "application/x-amz-json-1.1")],
                                         body: Data(#"{"Permissions":[{"Principal":"acm.amazonaws.com"}]}"#.utf8))
        defer { server.stop() }
        let page = try await client.listPermissions(arn: "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x")
        XCTAssertEqual(page.permissions?.first?.principal, "acm.amazonaws.com")
    }
}
