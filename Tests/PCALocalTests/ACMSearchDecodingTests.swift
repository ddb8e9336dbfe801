import Foundation
@testable import PCAClient
import PCALocal
import XCTest

/// SearchCertificates' pages read by hand (`JSONNode`) give exactly what JSONDecoder gives, on every page the
/// emulator writes and on a page with every member; what the hand reading refuses, JSONDecoder reads, so errors
/// and odd answers (a member given twice) come out as they always did.
final class ACMSearchDecodingTests: XCTestCase {
    /// Keeps every SearchCertificates answer that passes through.
    private final class Recorder: HTTPTransport, @unchecked Sendable {
        let inner: HTTPTransport
        private let lock = NSLock()
        private var bodies: [Data] = []

        init(_ inner: HTTPTransport) {
            self.inner = inner
        }

        var enforcesDeadline: Bool { inner.enforcesDeadline }

        func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
            let response = try await inner.send(request, timeout: timeout)
            if request.header("X-Amz-Target")?.hasSuffix(".SearchCertificates") == true {
                lock.withLock { bodies.append(response.body) }
            }
            return response
        }

        var pages: [Data] { lock.withLock { bodies } }
    }

    private func searchPages(_ emulator: Emulator) async throws -> [Data] {
        let endpoint = ResolvedEndpoint(url: InProcessTransport.endpoint, signingRegion: "us-east-1", isOverride: true)
        let recorder = Recorder(InProcessTransport(emulator: emulator))
        let core = PCAClient(endpoint: endpoint, credentialProvider: StaticCredentialProvider(DemoUser.admin.credentials),
                             transport: recorder, retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), timeout: 10,
                             stsEndpoint: endpoint, sleep: { _ in })
        for try await _ in ACMClient(sharing: core, endpoint: endpoint).searchPrivateCertificates() {}
        return recorder.pages
    }

    private func assertSameReading(_ body: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let response = HTTPResponse(statusCode: 200, headers: [], body: body)
        let reference = try AWSJSONClient.decode(SearchCertificatesResponse.self, from: response, operation: "SearchCertificates")
        let byHand = try SearchCertificatesResponse(node: try JSONNode.parse(body))
        XCTAssertEqual(byHand.results, reference.results, file: file, line: line)
        XCTAssertEqual(byHand.nextToken, reference.nextToken, file: file, line: line)
    }

    func testEveryPageTheEmulatorWritesReadsTheSame() async throws {
        let demo = try await searchPages(Emulator(state: DemoSeed.state(.demo)))
        XCTAssertFalse(demo.isEmpty)
        for page in demo { try assertSameReading(page) }
        let scale = try await searchPages(Emulator(state: DemoSeed.scaleState(count: 60, acmPerCA: 20)))
        XCTAssertEqual(scale.count, 3, "1,200 certificates in pages of 500")
        for page in scale { try assertSameReading(page) }
    }

    /// Every member of a result, escapes and characters outside ASCII included.
    static let fullPage = #"""
    {"NextToken":"t\/1\u00e9","Results":[{"CertificateArn":"arn:aws:acm:us-east-1:111122223333:certificate/1",
     "X509Attributes":{"Issuer":{"Country":"DE","Organization":"Caf\u00e9 \"Root\"","OrganizationalUnit":"PKI",
       "DistinguishedNameQualifier":"dnq","State":"Berlin","CommonName":"Root CA \ud83d\udd10","SerialNumber":"42",
       "Locality":"Berlin","Title":"t","Surname":"s","GivenName":"g","Initials":"i","Pseudonym":"p",
       "GenerationQualifier":"III","CustomAttributes":[{"ObjectIdentifier":"1.2.3","Value":"v\n2"}],
       "DomainComponents":["example","com"]},
      "Subject":{"CommonName":"www.example.com"},"SubjectAlternativeNames":[{"DnsName":"www.example.com"},{"IpAddress":"10.0.0.1"}],
      "KeyAlgorithm":"EC_prime256v1","SerialNumber":"0a:1b","NotBefore":1.7e9,"NotAfter":1796609587.6718552,
      "Unknown":{"Deep":[1,2,{"x":null}]}},
     "CertificateMetadata":{"AcmCertificateMetadata":{"Status":"ISSUED","RenewalStatus":"FAILED","RenewalEligibility":"ELIGIBLE",
      "Type":"PRIVATE","InUse":true,"Exported":false,"CreatedAt":-1.5,"IssuedAt":0,"ManagedBy":"CLOUDFRONT"}}},
     {"CertificateArn":null,"X509Attributes":null,"CertificateMetadata":{"AcmCertificateMetadata":null}},{}]}
    """#

    func testAPageWithEveryMemberReadsTheSame() throws {
        try assertSameReading(Data(Self.fullPage.utf8))
        let page = try SearchCertificatesResponse(node: try JSONNode.parse(Data(Self.fullPage.utf8)))
        XCTAssertEqual(page.nextToken, "t/1\u{E9}")
        XCTAssertEqual(page.results?.first?.x509Attributes?.issuer?.subject.commonName, "Root CA \u{1F510}")
        XCTAssertEqual(page.results?.first?.x509Attributes?.issuer?.subject.customAttributes?.first?.value, "v\n2")
        XCTAssertEqual(page.results?.first?.metadata?.inUse, true)
        XCTAssertEqual(page.results?.count, 3)
    }

    /// Answers the hand reading refuses: `decode` gives what JSONDecoder gives, its error included.
    func testWhatTheHandReadingRefusesJSONDecoderDecides() throws {
        let variants = [
            #"{"Results":[{"CertificateMetadata":{"AcmCertificateMetadata":{"InUse":"yes"}}}]}"#,
            #"{"Results":[{"X509Attributes":{"NotAfter":1e300}}]}"#,
            #"{"Results":[{"X509Attributes":{"NotAfter":1e-400}}]}"#,
            #"{"Results":[{"X509Attributes":{"NotAfter":"2026-01-01"}}]}"#,
            #"{"Results":[null]}"#,
            #"{"Results":{"CertificateArn":"a"}}"#,
            #"{"Results":[{"CertificateArn":"a","CertificateArn":"b"}]}"#,
            #"{"Results":[{"X509Attributes":{"SubjectAlternativeNames":[null]}}]}"#,
            #"{"Results":[],}"#,
            #"{"Results":[]} x"#,
            #"["Results"]"#,
            "{\"Results\":[{\"CertificateArn\":\"\u{1}\"}]}",
        ]
        for variant in variants {
            let response = HTTPResponse(statusCode: 200, headers: [], body: Data(variant.utf8))
            XCTAssertThrowsError(try SearchCertificatesResponse(node: try JSONNode.parse(response.body)), variant)
            let reference = Result { try AWSJSONClient.decode(SearchCertificatesResponse.self, from: response, operation: "SearchCertificates") }
            let decoded = Result { try SearchCertificatesResponse.decode(response) }
            switch (reference, decoded) {
            case let (.success(expected), .success(got)):
                XCTAssertEqual(got.results, expected.results, variant)
            case let (.failure(expected), .failure(got)):
                XCTAssertEqual("\(got)", "\(expected)", variant)
            default:
                XCTFail("\(variant): JSONDecoder gave \(reference), the client \(decoded)")
            }
        }
    }
}
