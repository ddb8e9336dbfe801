import Foundation
@testable import PCAClient
import XCTest

/// Answers a hostile or broken server could send: each is a clear error, never a crash or an endless loop.
final class HostileAnswerTests: XCTestCase {
    func testOutOfRangeTimestampsAreDecodingErrorsNotTraps() async throws {
        for value in ["1e19", "-1e20", "1.7e300", "-1.7e308"] {
            let transport = RecordingTransport { _, _ in
                json(200, #"{"CertificateAuthority":{"Arn":"a","NotAfter":\#(value)}}"#)
            }
            do {
                _ = try await makeClient(transport).describeCertificateAuthority(arn: caARN)
                XCTFail("\(value) was accepted")
            } catch ClientError.malformedResponse(let operation, _, let detail) {
                XCTAssertEqual(operation, "DescribeCertificateAuthority")
                XCTAssertTrue(detail.contains("out of range") && detail.contains("NotAfter"), detail)
            }
        }
        let nan = RecordingTransport { _, _ in json(200, #"{"Permissions":[{"CreatedAt":NaN}]}"#) }
        do {
            _ = try await makeClient(nan).listPermissions(arn: caARN)
            XCTFail("NaN was accepted")
        } catch ClientError.malformedResponse {}
        let fine = RecordingTransport { _, _ in json(200, #"{"CertificateAuthority":{"Arn":"a","NotAfter":253402300799}}"#) }
        let authority = try await makeClient(fine).describeCertificateAuthority(arn: caARN)
        XCTAssertEqual(authority.notAfter?.timeIntervalSince1970, 253_402_300_799, "the last second of year 9999 is fine")
    }

    func testAnAnswerOverTheSizeCapIsRefused() async throws {
        let huge = Data(repeating: 0x20, count: PCAClient.maximumResponseBytes + 1)
        let transport = RecordingTransport { _, _ in HTTPResponse(statusCode: 200, headers: [], body: huge) }
        do {
            _ = try await makeClient(transport).listPermissions(arn: caARN)
            XCTFail("expected the size cap")
        } catch ClientError.malformedResponse(_, _, let detail) {
            XCTAssertTrue(detail.contains("MiB"), detail)
        }
    }

    func testEndlessPaginationStopsAfterTheCap() async throws {
        let transport = RecordingTransport { _, index in json(200, #"{"Permissions":[],"NextToken":"t\#(index)"}"#) }
        do {
            _ = try await makeClient(transport).allPermissions(arn: caARN)
            XCTFail("expected the page cap")
        } catch ClientError.malformedResponse(let operation, _, let detail) {
            XCTAssertEqual(operation, "pagination")
            XCTAssertTrue(detail.contains("1000 pages"), detail)
        }
        XCTAssertEqual(transport.requests.count, Paginator<Int>.defaultMaximumPages)
    }

    func testACycleOfTokensIsALoop() async throws {
        let tokens = ["a", "b", "a"]
        let transport = RecordingTransport { _, index in json(200, #"{"Tags":[],"NextToken":"\#(tokens[index % 3])"}"#) }
        do {
            _ = try await makeClient(transport).tagPages(arn: caARN).collect { $0.tags ?? [] }
            XCTFail("expected a loop error")
        } catch ClientError.malformedResponse(_, _, let detail) {
            XCTAssertTrue(detail.contains("loop"), detail)
        }
        XCTAssertEqual(transport.requests.count, 3)
    }

    func testTheInventoryListingIsBoundedToo() async throws {
        let transport = RecordingTransport { request, index in
            request.header("X-Amz-Target") == "ACMPrivateCA.ListCertificateAuthorities"
                ? json(200, #"{"CertificateAuthorities":[],"NextToken":"n\#(index)"}"#) : json(200, "{}")
        }
        do {
            _ = try await makeClient(transport).loadInventory(concurrency: 4)
            XCTFail("expected the page cap")
        } catch ClientError.malformedResponse(let operation, _, _) {
            XCTAssertEqual(operation, "pagination")
        }
    }

    func testFormattingAnAbsurdDateNeverTraps() {
        XCTAssertEqual(AWSTimestamp.iso8601(Date(timeIntervalSince1970: 1.7e300)), "9999-12-31T23:59:59Z")
        XCTAssertEqual(AWSTimestamp.iso8601(Date(timeIntervalSince1970: -1e20)), "0001-01-01T00:00:00Z")
        XCTAssertEqual(AWSTimestamp.iso8601(Date(timeIntervalSince1970: .nan)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(AWSTimestamp.amzDate(Date(timeIntervalSince1970: .infinity)), "99991231T235959Z")
    }
}
