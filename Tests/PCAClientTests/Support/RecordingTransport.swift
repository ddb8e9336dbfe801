import Foundation
import PCAAdmin
import PCAClient

/// A transport that records every request and answers from a script.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    private let respond: @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    /// `respond` gets the request and its 0-based index.
    init(_ respond: @escaping @Sendable (HTTPRequest, Int) async throws -> HTTPResponse) {
        self.respond = respond
    }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        let index = lock.withLock { () -> Int in
            recorded.append(request)
            return recorded.count - 1
        }
        return try await respond(request, index)
    }
}

func json(_ status: Int = 200, _ body: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
    HTTPResponse(statusCode: status, headers: [("Content-Type", "application/x-amz-json-1.1"),
                                               ("x-amzn-RequestId", "req-\(status)")] + headers,
                 body: Data(body.utf8))
}

func awsError(_ code: String, _ message: String = "", status: Int = 400) -> HTTPResponse {
    json(status, #"{"__type":"\#(code)","message":"\#(message)"}"#)
}

let testCredentials = AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "test-secret")
let testEndpoint = ResolvedEndpoint(url: URL(string: "https://acm-pca.us-east-1.amazonaws.com/")!,
                                    signingRegion: "us-east-1", isOverride: false)
let caARN = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"

func makeClient(_ transport: HTTPTransport, policy: RetryPolicy = RetryPolicy(), timeout: TimeInterval = 5,
                observer: APICallObserver? = nil, debugLog: DebugLog? = nil,
                credentials: CredentialProvider = StaticCredentialProvider(testCredentials)) -> PCAClient {
    PCAClient(endpoint: testEndpoint, credentialProvider: credentials, transport: transport, retryPolicy: policy,
              timeout: timeout, observer: observer, debugLog: debugLog, sleep: { _ in }, random: { 0.5 })
}

/// A temporary directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pca-tui-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Collects values from concurrent code.
final class Collector<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []
    func append(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}

import XCTest

/// A transport that answers every request with the STS XML `xml`.
func stsTransport(_ xml: String) -> RecordingTransport {
    RecordingTransport { _, _ in HTTPResponse(statusCode: 200, body: Data(xml.utf8)) }
}

/// An STS AssumeRole answer (credentials expire 2027-01-15T12:00:00Z).
let assumeRoleXML = """
    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <AssumeRoleResult>
        <Credentials>
          <AccessKeyId>ASIAROLE</AccessKeyId>
          <SecretAccessKey>role-secret</SecretAccessKey>
          <SessionToken>role-token&amp;more</SessionToken>
          <Expiration>2027-01-15T12:00:00Z</Expiration>
        </Credentials>
        <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
      </AssumeRoleResult>
      <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
    </AssumeRoleResponse>
    """
