import Foundation
@testable import PCAClient
import XCTest

final class PCAClientProtocolTests: XCTestCase {
    func testRequestIsAWSJSON11SignedPOST() async throws {
        let transport = RecordingTransport { _, _ in json(200, #"{"CertificateAuthorities":[]}"#) }
        _ = try await makeClient(transport).listCertificateAuthorities()
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.url.absoluteString, "https://acm-pca.us-east-1.amazonaws.com/")
        XCTAssertEqual(request.header("Content-Type"), "application/x-amz-json-1.1")
        XCTAssertEqual(request.header("X-Amz-Target"), "ACMPrivateCA.ListCertificateAuthorities")
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "{}")
        let authorization = try XCTUnwrap(request.header("Authorization"))
        XCTAssertTrue(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), authorization)
        XCTAssertTrue(authorization.contains("/us-east-1/acm-pca/aws4_request"))
        XCTAssertTrue(authorization.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"))
        XCTAssertNil(request.header("X-Amz-Security-Token"))
    }

    func testSessionTokenIsSentAndSigned() async throws {
        let transport = RecordingTransport { _, _ in json(200, "{}") }
        let temporary = AWSCredentials(accessKeyID: "ASIA", secretAccessKey: "s", sessionToken: "TOKEN")
        _ = try await makeClient(transport, credentials: StaticCredentialProvider(temporary)).listCertificateAuthorities()
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.header("X-Amz-Security-Token"), "TOKEN")
        XCTAssertTrue(request.header("Authorization")!.contains("x-amz-security-token;x-amz-target"))
    }

    func testCreatePermissionBodyMatchesTheModel() async throws {
        let transport = RecordingTransport { _, _ in HTTPResponse(statusCode: 200) }
        try await makeClient(transport).createPermission(arn: caARN, principal: "acm.amazonaws.com",
                                                         actions: PermissionAction.acmRenewalActions)
        let body = try XCTUnwrap(transport.requests.first?.body)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: body) as? [String: Any])
        XCTAssertEqual(object["CertificateAuthorityArn"] as? String, caARN)
        XCTAssertEqual(object["Principal"] as? String, "acm.amazonaws.com")
        XCTAssertEqual(object["Actions"] as? [String], ["IssueCertificate", "GetCertificate", "ListPermissions"])
        XCTAssertNil(object["SourceAccount"])
    }

    func testDecodesExponentTimestampsUnknownFieldsAndUnknownEnums() async throws {
        let body = """
            {"CertificateAuthority":{"Arn":"\(caARN)","CreatedAt":1.516130652887E9,"NotAfter":1700000000,
            "Status":"QUANTUM_ENTANGLED","Type":"ROOT","BrandNewField":{"x":1},
            "CertificateAuthorityConfiguration":{"KeyAlgorithm":"RSA_9999","SigningAlgorithm":"SHA256WITHRSA",
            "Subject":{"CommonName":"Example Root","Organization":"Example"}}}}
            """
        let transport = RecordingTransport { _, _ in json(200, body) }
        let authority = try await makeClient(transport).describeCertificateAuthority(arn: caARN)
        XCTAssertEqual(authority.createdAt?.timeIntervalSince1970 ?? 0, 1_516_130_652.887, accuracy: 0.0001)
        XCTAssertEqual(authority.notAfter, Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(authority.status?.rawValue, "QUANTUM_ENTANGLED")
        XCTAssertNotEqual(authority.status, .active)
        XCTAssertEqual(authority.type, .root)
        XCTAssertEqual(authority.certificateAuthorityConfiguration?.keyAlgorithm?.rawValue, "RSA_9999")
        XCTAssertEqual(authority.commonName, "Example Root")
        XCTAssertEqual(authority.id, "11111111-2222-3333-4444-555555555555")
    }

    func testEmptyAndBraceBodiesBothMeanNoOutput() async throws {
        for body in ["", "{}", "  \n"] {
            let transport = RecordingTransport { _, _ in json(200, body) }
            try await makeClient(transport).deletePermission(arn: caARN, principal: "acm.amazonaws.com")
        }
    }

    func testErrorCodeFromTypeWithNamespacePrefix() async throws {
        let transport = RecordingTransport { _, _ in
            json(400, #"{"__type":"com.amazonaws.acmpca#InvalidStateException","message":"The certificate authority is in the DELETED state"}"#,
                 headers: [("x-amzn-RequestId", "abc-123")])
        }
        do {
            _ = try await makeClient(transport).listPermissions(arn: caARN)
            XCTFail("expected an error")
        } catch let error as AWSError {
            XCTAssertEqual(error.code, .invalidState)
            XCTAssertEqual(error.message, "The certificate authority is in the DELETED state")
            XCTAssertEqual(error.statusCode, 400)
            XCTAssertEqual(error.operation, "ListPermissions")
            XCTAssertNotNil(error.requestID)
        }
    }

    func testErrorCodeHeaderWinsAndColonSuffixIsCut() {
        let response = HTTPResponse(statusCode: 400, headers: [("X-Amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/")],
                                    body: Data(#"{"__type":"Other","Message":"User: x is not authorized"}"#.utf8))
        let error = AWSErrorParser.error(from: response, operation: "CreatePermission") as? AWSError
        XCTAssertEqual(error?.code, .accessDenied)
        XCTAssertEqual(error?.message, "User: x is not authorized")
        XCTAssertEqual(AWSErrorParser.normalizedCode("aws.protocoltests.restjson#FooError:http://x"), "FooError")
    }

    func testNonJSONErrorBodyIsAClearErrorNotACrash() async throws {
        let transport = RecordingTransport { _, _ in
            HTTPResponse(statusCode: 403, headers: [("Content-Type", "text/html")], body: Data("<html>Forbidden\u{1b}[31m</html>".utf8))
        }
        do {
            _ = try await makeClient(transport).listCertificateAuthorities()
            XCTFail("expected an error")
        } catch let error as ClientError {
            guard case let .malformedResponse(operation, status, detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "ListCertificateAuthorities")
            XCTAssertEqual(status, 403)
            XCTAssertFalse(detail.contains("\u{1b}"), "control characters must not pass through")
        }
    }

    func testTruncatedSuccessBodyIsMalformedResponse() async throws {
        let transport = RecordingTransport { _, _ in json(200, #"{"CertificateAuthorities":[{"Arn":"arn:aws:acm"#) }
        do {
            _ = try await makeClient(transport).listCertificateAuthorities()
            XCTFail("expected an error")
        } catch ClientError.malformedResponse(let operation, _, let detail) {
            XCTAssertEqual(operation, "ListCertificateAuthorities")
            XCTAssertTrue(detail.contains("JSON"), detail)
        }
    }

    func testWrongTypeInSuccessBodyIsMalformedResponse() async throws {
        let transport = RecordingTransport { _, _ in json(200, #"{"Permissions":"nope"}"#) }
        do {
            _ = try await makeClient(transport).listPermissions(arn: caARN)
            XCTFail("expected an error")
        } catch ClientError.malformedResponse(_, _, let detail) {
            XCTAssertTrue(detail.contains("Permissions"), detail)
        }
    }

    func test5xxWithoutCodeIsInternalFailure() {
        let error = AWSErrorParser.error(from: HTTPResponse(statusCode: 503), operation: "X") as? AWSError
        XCTAssertEqual(error?.code, .internalFailure)
        XCTAssertEqual(error?.statusCode, 503)
    }

    func testPaginationFollowsNextTokenAndStopsWithoutIt() async throws {
        let transport = RecordingTransport { request, index in
            let sent = try JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            switch index {
            case 0:
                XCTAssertNil(sent?["NextToken"])
                return json(200, #"{"Permissions":[{"Principal":"a"}],"NextToken":"t1"}"#)
            case 1:
                XCTAssertEqual(sent?["NextToken"] as? String, "t1")
                return json(200, #"{"Permissions":[{"Principal":"b"}],"NextToken":"t2"}"#)
            default:
                return json(200, #"{"Permissions":[{"Principal":"c"}]}"#)
            }
        }
        let client = makeClient(transport)
        let permissions = try await client.allPermissions(arn: caARN)
        XCTAssertEqual(permissions.map(\.principal), ["a", "b", "c"])
        XCTAssertEqual(transport.requests.count, 3)
    }

    func testPaginatorItemsStream() async throws {
        let transport = RecordingTransport { _, index in
            index == 0 ? json(200, #"{"Tags":[{"Key":"a","Value":"1"}],"NextToken":"n"}"#)
                : json(200, #"{"Tags":[{"Key":"b"}]}"#)
        }
        var keys: [String] = []
        for try await tag in makeClient(transport).tagPages(arn: caARN).items({ $0.tags ?? [] }) {
            keys.append(tag.key)
        }
        XCTAssertEqual(keys, ["a", "b"])
    }

    func testPaginatorRejectsARepeatedToken() async throws {
        let transport = RecordingTransport { _, index in
            json(200, #"{"CertificateAuthorities":[],"NextToken":"same"}"#)
        }
        do {
            _ = try await makeClient(transport).certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
            XCTFail("expected a loop error")
        } catch ClientError.malformedResponse(let operation, _, _) {
            XCTAssertEqual(operation, "pagination")
        }
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testObserverRecordsCallsWithoutSecrets() async throws {
        let records = Collector<APICallRecord>()
        let transport = RecordingTransport { _, _ in awsError("AccessDeniedException", "denied") }
        _ = try? await makeClient(transport, observer: { records.append($0) }).createPermission(
            arn: caARN, principal: "acm.amazonaws.com", actions: [.issueCertificate])
        let record = try XCTUnwrap(records.values.first)
        XCTAssertEqual(record.operation, "CreatePermission")
        XCTAssertEqual(record.errorCode, "AccessDeniedException")
        XCTAssertEqual(record.resourceARN, caARN)
        XCTAssertEqual(record.attempts, 1)
        XCTAssertFalse("\(record)".contains("test-secret"))
    }

    func testDebugLogRedactsAuthorizationAndTokens() async throws {
        let lines = Collector<String>()
        let transport = RecordingTransport { _, _ in
            json(200, #"{"Credentials":{"SecretAccessKey":"leak1","SessionToken":"leak2"}}"#)
        }
        let temporary = AWSCredentials(accessKeyID: "ASIA", secretAccessKey: "test-secret", sessionToken: "SESSIONSECRET")
        _ = try await makeClient(transport, debugLog: DebugLog { lines.append($0) },
                                 credentials: StaticCredentialProvider(temporary)).listCertificateAuthorities()
        let log = lines.values.joined(separator: "\n")
        XCTAssertTrue(log.contains("X-Amz-Target: ACMPrivateCA.ListCertificateAuthorities"))
        XCTAssertTrue(log.contains("Authorization: <redacted>"))
        for secret in ["test-secret", "SESSIONSECRET", "leak1", "leak2", "Signature="] {
            XCTAssertFalse(log.contains(secret), "debug log leaks \(secret)")
        }
    }
}
