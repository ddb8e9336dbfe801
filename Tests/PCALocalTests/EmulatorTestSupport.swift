import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

enum DemoUser {
    case admin, issuer
    /// `partner-issuer`, in account 555566667777 of the demo organization.
    case partner

    var credentials: AWSCredentials {
        switch self {
        case .admin: return AWSCredentials(accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "local-admin-secret")
        case .issuer: return AWSCredentials(accessKeyID: "AKIDLOCALISSUER", secretAccessKey: "local-issuer-secret")
        case .partner: return AWSCredentials(accessKeyID: "AKIDLOCALPARTNER", secretAccessKey: "local-partner-secret")
        }
    }
}

/// A client wired to the emulator in-process, signing like the real one.
func demoClient(_ emulator: Emulator, user: DemoUser = .admin, credentials: AWSCredentials? = nil,
                region: String = "us-east-1", maxAttempts: Int = 1,
                now: @escaping @Sendable () -> Date = Date.init) -> PCAClient {
    PCAClient(endpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: region, isOverride: true),
              credentialProvider: StaticCredentialProvider(credentials ?? user.credentials),
              transport: InProcessTransport(emulator: emulator),
              retryPolicy: RetryPolicy(mode: .standard, maxAttempts: maxAttempts), timeout: 10,
              stsEndpoint: ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: region, isOverride: true),
              now: now, sleep: { _ in })
}

func demoEmulator(faults: FaultInjection = FaultInjection()) -> Emulator {
    Emulator(state: DemoSeed.state(.demo), faults: faults)
}

/// Runs `body` and returns the AWS error code it failed with, or nil when it succeeded.
func awsErrorCode(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as AWSError {
        return error.code.rawValue
    } catch {
        return "not an AWS error: \(error)"
    }
}

func awsError(_ body: () async throws -> Void) async -> AWSError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? AWSError
    }
}

func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pca-local-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// A signed raw request, for the cases a well-behaved client never sends.
func signedRequest(target: String?, body: String, credentials: AWSCredentials = DemoUser.admin.credentials,
                   service: String = "acm-pca", date: Date = Date()) -> HTTPRequest {
    var headers: [(name: String, value: String)] = [("Content-Type", "application/x-amz-json-1.1")]
    if let target { headers.append(("X-Amz-Target", target)) }
    var request = HTTPRequest(method: "POST", url: InProcessTransport.endpoint, headers: headers, body: Data(body.utf8))
    SigV4Signer(credentials: credentials, region: "us-east-1", service: service).sign(&request, date: date)
    return request
}

func errorCode(of response: HTTPResponse) -> String? {
    (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["__type"] as? String
}

/// The write pipeline over `client`, journaling to a fresh temporary file.
func demoPipeline(_ client: PCAClient, readOnly: ReadOnlyMode = ReadOnlyMode(), calls: CallRecorder = CallRecorder()) -> WritePipeline {
    let journal = Journal(path: NSTemporaryDirectory() + "pca-journal-\(UUID().uuidString)/audit.log")
    return WritePipeline(connection: AccountConnection(pca: client, acm: ACMClient(sharing: client, endpoint: client.endpoint),
                                                       region: client.endpoint.signingRegion, profileLabel: "test"),
                         readOnly: readOnly, journal: journal, calls: calls, interlock: WriteInterlock())
}
