import Foundation
import PCACrypto
@testable import PCAClient
import XCTest

/// Known-answer tests from the AWS SigV4 test suite and the ACM-PCA vectors in the API reference.
final class SigV4SignerTests: XCTestCase {
    private let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                             secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    private let date = AWSTimestamp.parseAmzDate("20150830T123600Z")!

    private func signed(_ request: HTTPRequest, region: String = "us-east-1", service: String = "service",
                        credentials: AWSCredentials? = nil) -> (HTTPRequest, SigV4Signer.Signature) {
        let signer = SigV4Signer(credentials: credentials ?? self.credentials, region: region, service: service)
        var request = request
        signer.sign(&request, date: date)
        return (request, signer.signature(for: request, amzDate: "20150830T123600Z"))
    }

    func testGetVanilla() {
        let (request, signature) = signed(HTTPRequest(method: "GET", url: URL(string: "https://example.amazonaws.com/")!))
        XCTAssertEqual(signature.canonicalRequest, """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        XCTAssertEqual(signature.stringToSign, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        XCTAssertEqual(signature.signingKey.hexString, "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75")
        XCTAssertEqual(signature.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        XCTAssertEqual(request.header("Authorization"),
                       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testPostVanilla() {
        let (_, signature) = signed(HTTPRequest(method: "POST", url: URL(string: "https://example.amazonaws.com/")!))
        XCTAssertEqual(SHA256.hash(signature.canonicalRequest).hexString,
                       "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87")
        XCTAssertEqual(signature.signature, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    func testPostFormURLEncoded() {
        let request = HTTPRequest(method: "POST", url: URL(string: "https://example.amazonaws.com/")!,
                                  headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: Data("Param1=value1".utf8))
        let (_, signature) = signed(request)
        XCTAssertEqual(signature.signedHeaders, "content-type;host;x-amz-date")
        XCTAssertEqual(SHA256.hash(signature.canonicalRequest).hexString,
                       "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281")
        XCTAssertEqual(signature.signature, "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }

    func testIAMListUsersWithQuery() {
        let request = HTTPRequest(method: "GET", url: URL(string: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")!,
                                  headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        let (_, signature) = signed(request, service: "iam")
        XCTAssertEqual(signature.signingKey.hexString, "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
        XCTAssertEqual(signature.signature, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    func testListCertificateAuthorities() {
        let request = HTTPRequest(method: "POST", url: URL(string: "https://acm-pca.us-east-1.amazonaws.com/")!,
                                  headers: [("Content-Type", "application/x-amz-json-1.1"),
                                            ("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities")],
                                  body: Data("{}".utf8))
        let (_, signature) = signed(request, service: "acm-pca")
        XCTAssertEqual(signature.canonicalRequest, """
            POST
            /

            content-type:application/x-amz-json-1.1
            host:acm-pca.us-east-1.amazonaws.com
            x-amz-date:20150830T123600Z
            x-amz-target:ACMPrivateCA.ListCertificateAuthorities

            content-type;host;x-amz-date;x-amz-target
            44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
            """)
        XCTAssertEqual(SHA256.hash(signature.canonicalRequest).hexString,
                       "d81b8349fed8731397f9d4ecb4422568ca2dd8468150c3134049e93e050bb5d2")
        XCTAssertEqual(signature.signingKey.hexString, "a02e5d2151d959dd211871e4d1abfea863b0b63bbafd91bdf9b5401dce654d52")
        XCTAssertEqual(signature.signature, "5adae84dcc26d43cb974bd5bb8c568382a6127ebd00636c3c8e947b48501df54")
    }

    func testDescribeWithSessionToken() {
        let body = #"{"CertificateAuthorityArn":"arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012"}"#
        let request = HTTPRequest(method: "POST", url: URL(string: "https://acm-pca.us-west-2.amazonaws.com/")!,
                                  headers: [("Content-Type", "application/x-amz-json-1.1"),
                                            ("X-Amz-Target", "ACMPrivateCA.DescribeCertificateAuthority")],
                                  body: Data(body.utf8))
        var temporary = credentials
        temporary.sessionToken = "SESSIONTOKENEXAMPLE"
        let (signedRequest, signature) = signed(request, region: "us-west-2", service: "acm-pca", credentials: temporary)
        XCTAssertEqual(SHA256.hash(Array(body.utf8)).hexString, "8399142b670b372edc3124d9d23f1415c455dc8741df5663b7157b7d963b50b3")
        XCTAssertEqual(signature.signedHeaders, "content-type;host;x-amz-date;x-amz-security-token;x-amz-target")
        XCTAssertEqual(SHA256.hash(signature.canonicalRequest).hexString,
                       "0c24fce55135496d3a1b7d9304d65867348ca63b7747480a8084752ef342eaef")
        XCTAssertEqual(signature.signature, "390386fd35564838aeddc288d853819ed4a558b6793f6064628f1c7bbbdccabf")
        XCTAssertEqual(signedRequest.header("X-Amz-Security-Token"), "SESSIONTOKENEXAMPLE")
    }

    func testUnsignedHeadersAreLeftOut() {
        let request = HTTPRequest(method: "POST", url: URL(string: "https://acm-pca.us-east-1.amazonaws.com/")!,
                                  headers: [("Content-Type", "application/x-amz-json-1.1"), ("User-Agent", "pca-tui/1"),
                                            ("Content-Length", "2"), ("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities")],
                                  body: Data("{}".utf8))
        let (_, signature) = signed(request, service: "acm-pca")
        XCTAssertEqual(signature.signature, "5adae84dcc26d43cb974bd5bb8c568382a6127ebd00636c3c8e947b48501df54")
    }

    func testHostHeaderCarriesNonDefaultPort() {
        XCTAssertEqual(SigV4Signer.hostHeader(for: URL(string: "http://127.0.0.1:4566/")!), "127.0.0.1:4566")
        XCTAssertEqual(SigV4Signer.hostHeader(for: URL(string: "https://acm-pca.us-east-1.amazonaws.com:443/")!),
                       "acm-pca.us-east-1.amazonaws.com")
        XCTAssertEqual(SigV4Signer.hostHeader(for: URL(string: "http://localhost:80/")!), "localhost")
    }

    func testHeaderValuesAreTrimmedAndCollapsed() {
        XCTAssertEqual(SigV4Signer.collapseSpaces("  a   b  c "), "a b c")
    }

    func testURIEncodingUsesAWSUnreservedSet() {
        XCTAssertEqual(SigV4Signer.uriEncode("a b/c~d_e.f-g*h"), "a%20b%2Fc~d_e.f-g%2Ah")
        XCTAssertEqual(SigV4Signer.canonicalQuery(URL(string: "https://x/?b=2&a=1&a=0")!), "a=0&a=1&b=2")
    }

    func testCredentialsDescriptionHidesSecrets() {
        let secret = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "verysecret", sessionToken: "tokentoken")
        XCTAssertFalse("\(secret)".contains("verysecret"))
        XCTAssertFalse("\(secret)".contains("tokentoken"))
        XCTAssertFalse(String(reflecting: secret).contains("verysecret"))
    }
}
