import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import XCTest

final class EmulatorAuthenticationTests: XCTestCase {
    func testUnknownAccessKeyIsUnrecognizedClient() async {
        let client = demoClient(demoEmulator(), credentials: AWSCredentials(accessKeyID: "AKIDNOBODY", secretAccessKey: "x"))
        let error = await awsError { _ = try await client.listCertificateAuthorities() }
        XCTAssertEqual(error?.code, .unrecognizedClient)
        XCTAssertEqual(error?.message, "The security token included in the request is invalid.")
    }

    func testWrongSecretIsInvalidSignature() async {
        let client = demoClient(demoEmulator(), credentials: AWSCredentials(accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "wrong"))
        let error = await awsError { _ = try await client.listCertificateAuthorities() }
        XCTAssertEqual(error?.code, .invalidSignature)
        XCTAssertTrue(error?.message.hasPrefix("The request signature we calculated does not match") ?? false)
    }

    func testTamperedBodyIsInvalidSignature() {
        let emulator = demoEmulator()
        var request = signedRequest(target: "ACMPrivateCA.ListCertificateAuthorities", body: "{}")
        request.body = Data(#"{"MaxResults":5}"#.utf8)
        XCTAssertEqual(errorCode(of: emulator.respond(to: request)), "InvalidSignatureException")
    }

    func testClockSkewBeyondFiveMinutesIsRejected() async {
        let emulator = demoEmulator()
        let late = demoClient(emulator, now: { Date().addingTimeInterval(-6 * 60) })
        let error = await awsError { _ = try await late.listCertificateAuthorities() }
        XCTAssertEqual(error?.code, .invalidSignature)
        XCTAssertTrue(error?.message.hasPrefix("Signature expired:") ?? false, error?.message ?? "")
        let early = demoClient(emulator, now: { Date().addingTimeInterval(6 * 60) })
        let ahead = await awsError { _ = try await early.listCertificateAuthorities() }
        XCTAssertEqual(ahead?.code, .invalidSignature)
        XCTAssertTrue(ahead?.message.hasPrefix("Signature not yet current:") ?? false, ahead?.message ?? "")
        XCTAssertTrue(ahead?.message.contains(" + 5 min.)") ?? false, ahead?.message ?? "")
        let close = demoClient(emulator, now: { Date().addingTimeInterval(-4 * 60) })
        let fine = await awsErrorCode { _ = try await close.listCertificateAuthorities() }
        XCTAssertNil(fine)
    }

    func testSessionTokenMustMatch() async {
        var state = DemoSeed.state(.demo)
        state.users.append(EmulatedUser(name: "ca-admin-session", accessKeyID: "ASIALOCAL", secretAccessKey: "temp-secret",
                                        sessionToken: "the-token", allowedActions: ["*"]))
        let emulator = Emulator(state: state)
        let right = demoClient(emulator, credentials: AWSCredentials(accessKeyID: "ASIALOCAL", secretAccessKey: "temp-secret",
                                                                     sessionToken: "the-token"))
        let ok = await awsErrorCode { _ = try await right.listCertificateAuthorities() }
        XCTAssertNil(ok)
        let wrong = demoClient(emulator, credentials: AWSCredentials(accessKeyID: "ASIALOCAL", secretAccessKey: "temp-secret",
                                                                     sessionToken: "other-token"))
        let wrongCode = await awsErrorCode { _ = try await wrong.listCertificateAuthorities() }
        XCTAssertEqual(wrongCode, "UnrecognizedClientException")
        let missing = demoClient(emulator, credentials: AWSCredentials(accessKeyID: "ASIALOCAL", secretAccessKey: "temp-secret"))
        let missingCode = await awsErrorCode { _ = try await missing.listCertificateAuthorities() }
        XCTAssertEqual(missingCode, "UnrecognizedClientException")
        let unexpected = demoClient(emulator, credentials: AWSCredentials(accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "local-admin-secret",
                                                                          sessionToken: "stray"))
        let unexpectedCode = await awsErrorCode { _ = try await unexpected.listCertificateAuthorities() }
        XCTAssertEqual(unexpectedCode, "UnrecognizedClientException")
    }

    func testWrongRegionScopeIsRejected() async {
        let client = demoClient(demoEmulator(), region: "eu-west-1")
        let error = await awsError { _ = try await client.listCertificateAuthorities() }
        XCTAssertEqual(error?.code, .invalidSignature)
        XCTAssertTrue(error?.message.contains("eu-west-1") ?? false)
    }

    func testMissingAuthorizationIsMissingAuthenticationToken() {
        let request = HTTPRequest(method: "POST", url: InProcessTransport.endpoint,
                                  headers: [("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities")], body: Data("{}".utf8))
        let response = demoEmulator().respond(to: request)
        XCTAssertEqual(response.statusCode, 400)
        XCTAssertEqual(errorCode(of: response), "MissingAuthenticationTokenException")
    }

    func testBadJSONIsSerializationException() {
        let response = demoEmulator().respond(to: signedRequest(target: "ACMPrivateCA.ListCertificateAuthorities", body: "{not json"))
        XCTAssertEqual(response.statusCode, 400)
        XCTAssertEqual(errorCode(of: response), "SerializationException")
        XCTAssertEqual(response.header("x-amzn-ErrorType"), "SerializationException")
        XCTAssertNotNil(response.header("x-amzn-RequestId"))
    }

    func testUnknownOperation() {
        let response = demoEmulator().respond(to: signedRequest(target: "ACMPrivateCA.LaunchRockets", body: "{}"))
        XCTAssertEqual(errorCode(of: response), "UnknownOperationException")
    }

    func testMissingRequiredMemberIsValidationException() {
        let response = demoEmulator().respond(to: signedRequest(target: "ACMPrivateCA.ListPermissions", body: "{}"))
        XCTAssertEqual(errorCode(of: response), "ValidationException")
        let text = String(decoding: response.body, as: UTF8.self)
        XCTAssertTrue(text.contains("certificateAuthorityArn"), text)
    }

    func testCallerIdentityOverSTS() async throws {
        let emulator = demoEmulator()
        let admin = try await demoClient(emulator).callerIdentity()
        XCTAssertEqual(admin.arn, "arn:aws:iam::111122223333:user/ca-admin")
        XCTAssertEqual(admin.account, "111122223333")
        let issuer = try await demoClient(emulator, user: .issuer).callerIdentity()
        XCTAssertEqual(issuer.arn, "arn:aws:iam::111122223333:user/ca-issuer")
    }

    func testVerifierAcceptsTheAWSTestSuiteRequest() throws {
        // The reference doc's vector E, checked by the verifier's own code path.
        let request = SigV4Verifier.ReceivedRequest(
            method: "POST", target: "/",
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("Host", "acm-pca.us-east-1.amazonaws.com"),
                      ("X-Amz-Date", "20150830T123600Z"), ("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities")],
            body: Data("{}".utf8))
        let authorization = try SigV4Verifier.parseAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/acm-pca/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=5adae84dcc26d43cb974bd5bb8c568382a6127ebd00636c3c8e947b48501df54")
        XCTAssertNoThrow(try SigV4Verifier.verify(request, authorization: authorization,
                                                  secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                  now: AWSTimestamp.parseAmzDate("20150830T123600Z")!))
        XCTAssertThrowsError(try SigV4Verifier.verify(request, authorization: authorization, secret: "other",
                                                      now: AWSTimestamp.parseAmzDate("20150830T123600Z")!))
        // A date that is not a real moment in the basic format is refused before any signature is computed.
        for laxDate in ["2015083+T123600Z", "20150831T-23600Z", "20150230T123600Z"] {
            var lax = request
            lax.headers = lax.headers.map { $0.name == "X-Amz-Date" ? ($0.name, laxDate) : $0 }
            XCTAssertThrowsError(try SigV4Verifier.verify(lax, authorization: authorization, secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                          now: AWSTimestamp.parseAmzDate("20150830T123600Z")!)) { error in
                XCTAssertEqual((error as? EmulatorError)?.code, "IncompleteSignatureException", laxDate)
            }
        }
        // The signing keys are kept per secret, day, region and service: a wrong secret's key is never the right one's.
        XCTAssertNoThrow(try SigV4Verifier.verify(request, authorization: authorization,
                                                  secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                  now: AWSTimestamp.parseAmzDate("20150830T123600Z")!))
        for (secret, date, region, service) in [("other", "20150830", "us-east-1", "acm-pca"), ("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150831", "us-east-1", "acm-pca"),
                                                ("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-2", "acm-pca"),
                                                ("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "acm")] {
            let changed = try SigV4Verifier.parseAuthorization(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(date)/\(region)/\(service)/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                    + "Signature=5adae84dcc26d43cb974bd5bb8c568382a6127ebd00636c3c8e947b48501df54")
            XCTAssertThrowsError(try SigV4Verifier.verify(request, authorization: changed, secret: secret,
                                                          now: AWSTimestamp.parseAmzDate("20150830T123600Z")!),
                                 "\(secret) \(date) \(region) \(service)")
        }
    }

    /// The HTTP server's own header handling, against the Foundation calls it replaced (for header names, where
    /// both are ASCII: Foundation also folded a few other letters, which HTTP does not).
    func testHeaderTrimmingAndNamesAsFoundationHadThem() {
        for text in ["Content-Type", " padded ", "\tx\t", "", " ", "a b", "\u{A0}nbsp\u{A0}", "\u{2003}em", "end\u{3000}", "\u{E9}t\u{E9}",
                     "x\r", " \u{A0} "] {
            XCTAssertEqual(HTTPServer.trimmed(Substring(text)), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
        let names = ["Content-Length", "content-length", "CONTENT-LENGTH", "Content-Lengt", "Content_Length", "Content-Length ",
                     "X-Amz-Date", "x-amz-date", "@", "`", "[", "{", "Expect", "expecT"]
        for left in names {
            for right in names {
                XCTAssertEqual(HeaderName.equal(left, right), left.caseInsensitiveCompare(right) == .orderedSame,
                               "\(left) / \(right)")
            }
        }
        XCTAssertFalse(HeaderName.equal("Tran\u{17F}fer-Encoding", "Transfer-Encoding"), "HTTP folds ASCII letters only")
    }

    /// Two scopes whose parts would read the same joined with a line break are two scopes.
    func testSigningKeysAreKeptPerScopeNotPerJoinedText() throws {
        let first = SigV4Verifier.signingKey(secret: "s", date: "20150830T1236\n", region: "x", service: "sts")
        let second = SigV4Verifier.signingKey(secret: "s", date: "20150830T1236", region: "\nx", service: "sts")
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(SigV4Verifier.signingKey(secret: "s", date: "20150830T1236\n", region: "x", service: "sts"), first)
    }
}
