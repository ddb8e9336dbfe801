import Foundation
import PCAAdmin
import PCAClient
import PCAProcess
import XCTest

/// Our requests checked by an independent implementation: botocore, the library under the AWS CLI and boto3.
/// For each request the client really sent, botocore recomputes the SigV4 signature from the same headers,
/// body, time and keys, serializes the same operation and parameters from its own service model, and
/// resolves the endpoint for the same region and options. Any difference fails the test.
/// Skipped when Python with botocore is missing, except in CI (CI=true), where that is a failure.
final class BotocoreCrossCheckTests: XCTestCase {
    private struct Case {
        var operation: String
        var parameters: [String: Any]
        var region: String
        var useFIPS = false
        var useDualStack = false
        var credentials = testCredentials
        /// The endpoint prefix and signing name: `acm-pca`, `acm` for ACM's operations, `cloudtrail`, `organizations`.
        var service = "acm-pca"
        var call: @Sendable (PCAClient) async throws -> Void
    }

    private static let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"
    private static let certificateARN = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
    private static let temporary = AWSCredentials(accessKeyID: "ASIAEXAMPLETEMPORARY", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                                  sessionToken: "FwoGZXIvYXdzEBYaD+/token=with/slashes+and=")

    private var cases: [Case] {
        let arn = Self.arn
        let policy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Ünïcode ✓","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["acm-pca:IssueCertificate"],"Resource":"\#(arn)"}]}"#
        return [
            Case(operation: "ListCertificateAuthorities", parameters: [:], region: "us-east-1") {
                _ = try await $0.listCertificateAuthorities()
            },
            Case(operation: "ListCertificateAuthorities",
                 parameters: ["MaxResults": 50, "NextToken": "eyJ0b2tlbiI6ICJhYmMvZGVmKz0ifQ==", "ResourceOwner": "OTHER_ACCOUNTS"],
                 region: "eu-central-1", credentials: Self.temporary) {
                _ = try await $0.listCertificateAuthorities(ListCertificateAuthoritiesRequest(
                    maxResults: 50, nextToken: "eyJ0b2tlbiI6ICJhYmMvZGVmKz0ifQ==", resourceOwner: .otherAccounts))
            },
            Case(operation: "DescribeCertificateAuthority", parameters: ["CertificateAuthorityArn": arn], region: "cn-north-1") {
                _ = try await $0.describeCertificateAuthority(arn: arn)
            },
            Case(operation: "ListPermissions", parameters: ["CertificateAuthorityArn": arn], region: "us-gov-west-1", useFIPS: true) {
                _ = try await $0.listPermissions(arn: arn)
            },
            Case(operation: "ListPermissions", parameters: ["CertificateAuthorityArn": arn, "NextToken": "next+/=", "MaxResults": 10],
                 region: "ap-southeast-2", useDualStack: true) {
                _ = try await $0.listPermissions(arn: arn, nextToken: "next+/=", maxResults: 10)
            },
            Case(operation: "CreatePermission",
                 parameters: ["CertificateAuthorityArn": arn, "Principal": "acm.amazonaws.com",
                              "Actions": ["IssueCertificate", "GetCertificate", "ListPermissions"]],
                 region: "us-east-1", useFIPS: true, useDualStack: true, credentials: Self.temporary) {
                try await $0.createPermission(arn: arn, principal: "acm.amazonaws.com", actions: PermissionAction.acmRenewalActions)
            },
            Case(operation: "DeletePermission",
                 parameters: ["CertificateAuthorityArn": arn, "Principal": "acm.amazonaws.com", "SourceAccount": "111122223333"],
                 region: "us-west-2") {
                try await $0.deletePermission(arn: arn, principal: "acm.amazonaws.com", sourceAccount: "111122223333")
            },
            Case(operation: "GetPolicy", parameters: ["ResourceArn": arn], region: "sa-east-1") {
                _ = try await $0.getPolicy(arn: arn)
            },
            Case(operation: "PutPolicy", parameters: ["ResourceArn": arn, "Policy": policy], region: "us-east-1") {
                _ = try await $0.send("PutPolicy", ["ResourceArn": arn, "Policy": policy], as: EmptyResponse.self)
            },
            Case(operation: "ListTags", parameters: ["CertificateAuthorityArn": arn, "NextToken": "t"], region: "eu-west-3") {
                _ = try await $0.listTags(arn: arn, nextToken: "t")
            },
            // ACM, on the same machinery: serialization from ACM's model, signing name and endpoints `acm`.
            Case(operation: "ListCertificates", parameters: ["Includes": ["keyTypes": ACMClient.allKeyTypes]], region: "us-east-1",
                 service: "acm") {
                _ = try await ACMClient(core: $0).certificatePages().collect { $0.certificateSummaryList ?? [] }
            },
            Case(operation: "DescribeCertificate", parameters: ["CertificateArn": Self.certificateARN], region: "us-gov-west-1",
                 useFIPS: true, service: "acm") {
                _ = try await ACMClient(core: $0).describeCertificate(arn: Self.certificateARN)
            },
            Case(operation: "RenewCertificate", parameters: ["CertificateArn": Self.certificateARN], region: "eu-west-1",
                 useDualStack: true, credentials: Self.temporary, service: "acm") {
                try await ACMClient(core: $0).renewCertificate(arn: Self.certificateARN)
            },
            Case(operation: "RequestCertificate",
                 parameters: ["DomainName": "www.example.com", "CertificateAuthorityArn": arn, "KeyAlgorithm": "EC_prime256v1",
                              "IdempotencyToken": "token1"],
                 region: "cn-north-1", service: "acm") {
                _ = try await ACMClient(core: $0).requestPrivateCertificate(domainName: "www.example.com", certificateAuthorityArn: arn,
                                                                            keyAlgorithm: "EC_prime256v1", idempotencyToken: "token1")
            },
            Case(operation: "SearchCertificates",
                 parameters: ["FilterStatement": ["And": [["Filter": ["AcmCertificateMetadataFilter": ["Type": "PRIVATE"]]],
                                                          ["Filter": ["AcmCertificateMetadataFilter": ["RenewalStatus": "FAILED"]]]]],
                              "MaxResults": 500],
                 region: "ap-northeast-1", service: "acm") {
                _ = try await ACMClient(core: $0).searchPrivateCertificates(renewalStatus: "FAILED").collect { $0.results ?? [] }
            },
            // CloudTrail, on the same machinery: its long target prefix, signing name and endpoints `cloudtrail`.
            Case(operation: "LookupEvents",
                 parameters: ["LookupAttributes": [["AttributeKey": "ResourceName", "AttributeValue": arn]],
                              "StartTime": 1_700_000_000, "EndTime": 1_707_776_000, "MaxResults": 50, "NextToken": "n+/="],
                 region: "us-west-2", useFIPS: true, credentials: Self.temporary, service: "cloudtrail") {
                _ = try await CloudTrailClient(core: $0).lookupEvents(LookupEventsRequest(
                    lookupAttributes: [LookupAttribute(.resourceName, arn)], startTime: Date(timeIntervalSince1970: 1_700_000_000),
                    endTime: Date(timeIntervalSince1970: 1_707_776_000), maxResults: 50, nextToken: "n+/="))
            },
            Case(operation: "LookupEvents", parameters: ["LookupAttributes": [["AttributeKey": "EventName", "AttributeValue": "DeletePermission"]]],
                 region: "eu-west-1", useDualStack: true, service: "cloudtrail") {
                _ = try await CloudTrailClient(core: $0).lookupEvents(LookupEventsRequest(
                    lookupAttributes: [LookupAttribute(.eventName, "DeletePermission")]))
            },
            // Organizations: one global endpoint per partition, signed for its home region whatever the client's.
            Case(operation: "ListAccounts", parameters: ["MaxResults": 20], region: "eu-west-1", service: "organizations") {
                _ = try await OrganizationsClient(core: $0).accountPages().collect { $0.accounts ?? [] }
            },
            Case(operation: "ListAccounts", parameters: ["MaxResults": 20, "NextToken": "tok+/="], region: "us-east-1",
                 credentials: Self.temporary, service: "organizations") {
                struct Page: Encodable {
                    var MaxResults = 20
                    var NextToken = "tok+/="
                }
                _ = try await $0.send("ListAccounts", Page(), as: EmptyResponse.self)
            },
            Case(operation: "ListAccounts", parameters: ["MaxResults": 20], region: "cn-north-1", service: "organizations") {
                _ = try await OrganizationsClient(core: $0).accounts()
            },
            Case(operation: "ListAccounts", parameters: ["MaxResults": 20], region: "us-gov-east-1", service: "organizations") {
                _ = try await OrganizationsClient(core: $0).accounts()
            },
        ]
    }

    func testSignaturesSerializationAndEndpointsMatchBotocore() async throws {
        guard let python = try Self.pythonWithBotocore() else { return }
        var documents: [[String: Any]] = []
        for (index, testCase) in cases.enumerated() {
            let transport = RecordingTransport { _, _ in json(200, "{}") }
            let endpoint = testCase.service == "organizations"
                ? try OrganizationsClient.endpoint(region: testCase.region)
                : try EndpointResolver.resolve(service: testCase.service, region: testCase.region, useFIPS: testCase.useFIPS,
                                               useDualStack: testCase.useDualStack)
            let services: [String: AWSJSONService] = ["acm": .acm, "organizations": .organizations, "cloudtrail": .cloudTrail]
            // Spread the signing times over years, so date stamps and scopes differ between cases.
            let signedAt = Date(timeIntervalSince1970: 1_400_000_000 + Double(index) * 31_557_600 + 0.75)
            let client = PCAClient(service: services[testCase.service] ?? .acmPCA, endpoint: endpoint,
                                   credentialProvider: StaticCredentialProvider(testCase.credentials),
                                   transport: transport, retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1),
                                   now: { signedAt })
            // Only the request matters here; an answer of "{}" does not satisfy every operation.
            try? await testCase.call(client)
            let request = try XCTUnwrap(transport.requests.first, testCase.operation)
            documents.append([
                "name": "\(index): \(testCase.operation) in \(testCase.region)",
                "service": testCase.service,
                "operation": testCase.operation,
                "parameters": testCase.parameters,
                "region": testCase.region,
                "signingRegion": endpoint.signingRegion,
                "useFIPS": testCase.useFIPS,
                "useDualStack": testCase.useDualStack,
                "accessKey": testCase.credentials.accessKeyID,
                "secretKey": testCase.credentials.secretAccessKey,
                "token": testCase.credentials.sessionToken as Any,
                "method": request.method,
                "url": request.url.absoluteString,
                "headers": request.headers.map { [$0.name, $0.value] },
                "body": request.body.base64EncodedString(),
            ])
        }
        let verdicts = try check(documents, python: python)
        XCTAssertEqual(verdicts.count, cases.count)
        for verdict in verdicts {
            let problems = verdict["problems"] as? [String] ?? ["no verdict"]
            XCTAssertEqual(problems, [], "\(verdict["name"] ?? "?")")
        }
    }

    /// The test can fail: a request changed after signing is caught by botocore's recomputation.
    func testATamperedRequestIsCaught() async throws {
        guard let python = try Self.pythonWithBotocore() else { return }
        let transport = RecordingTransport { _, _ in json(200, "{}") }
        let client = PCAClient(endpoint: try EndpointResolver.resolve(region: "us-east-1"),
                               credentialProvider: StaticCredentialProvider(testCredentials), transport: transport,
                               retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1))
        _ = try await client.listPermissions(arn: Self.arn)
        let request = try XCTUnwrap(transport.requests.first)
        let tamperedBody = Data(#"{"CertificateAuthorityArn":"\#(Self.arn)x"}"#.utf8)
        let document: [String: Any] = [
            "name": "tampered", "operation": "ListPermissions", "parameters": ["CertificateAuthorityArn": Self.arn],
            "region": "us-east-1", "useFIPS": false, "useDualStack": false,
            "accessKey": testCredentials.accessKeyID, "secretKey": testCredentials.secretAccessKey, "token": NSNull(),
            "method": request.method, "url": request.url.absoluteString,
            "headers": request.headers.map { [$0.name, $0.value] }, "body": tamperedBody.base64EncodedString(),
        ]
        let verdicts = try check([document], python: python)
        let problems = try XCTUnwrap(verdicts.first?["problems"] as? [String])
        XCTAssertTrue(problems.contains { $0.hasPrefix("signature") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("body") }, "\(problems)")
    }

    /// The AWS CLI's assumed-role cache: the same file names as botocore for every kind of role profile,
    /// and entries that each side writes are read by the other.
    func testAssumeRoleCacheIsSharedWithBotocore() throws {
        guard let python = try Self.pythonWithBotocore() else { return }
        let inputs: [(STSClient.AssumeRoleInput, Bool)] = [
            (.init(roleARN: "arn:aws:iam::123456789012:role/Admin", sessionName: "generated"), false),
            (.init(roleARN: "arn:aws:iam::123456789012:role/Admin", sessionName: "alice", mfaSerial: "arn:aws:iam::123456789012:mfa/alice"), true),
            (.init(roleARN: "arn:aws-cn:iam::123456789012:role/Ops", sessionName: "x", externalID: #"ext "quoted" \ é ✓"#,
                   durationSeconds: 43_200, mfaSerial: "GAHT12345678"), false),
        ]
        let directory = try temporaryDirectory(self)
        let cache = AssumeRoleCache(directory: directory.appendingPathComponent("cache").path)
        // Ours, for botocore to read: the second profile's keys.
        let ours = AWSCredentials(accessKeyID: "ASIAWRITTENBYSWIFT", secretAccessKey: "s", sessionToken: "t",
                                  expiration: Date().addingTimeInterval(3600))
        cache.store(key: AssumeRoleCache.key(inputs[1].0, sessionNameFromProfile: inputs[1].1), credentials: ours)
        let documents: [[String: Any]] = inputs.map { input, sessionFromProfile in
            var arguments: [String: Any] = [:]
            if sessionFromProfile { arguments["RoleSessionName"] = input.sessionName }
            if let value = input.externalID { arguments["ExternalId"] = value }
            if let value = input.mfaSerial { arguments["SerialNumber"] = value }
            if let value = input.durationSeconds { arguments["DurationSeconds"] = value }
            return ["roleArn": input.roleARN, "extraArgs": arguments]
        }
        let answer = try XCTUnwrap(try runPython(python, Self.cacheChecker, input: documents, arguments: [cache.directory])
                                   as? [String: Any])

        XCTAssertEqual(answer["keys"] as? [String], inputs.map { AssumeRoleCache.key($0.0, sessionNameFromProfile: $0.1) })
        XCTAssertEqual(answer["readFromSwift"] as? String, "ASIAWRITTENBYSWIFT", "botocore used our entry without calling STS")
        // Theirs, written by botocore's JSONFileCache for the first profile.
        let theirs = cache.load(key: AssumeRoleCache.key(inputs[0].0, sessionNameFromProfile: inputs[0].1), source: "test")
        XCTAssertEqual(theirs?.accessKeyID, "ASIAWRITTENBYBOTOCORE")
        XCTAssertEqual(theirs?.sessionToken, "botocore-token")
        XCTAssertEqual(theirs?.expiration?.timeIntervalSinceNow ?? 0, 7200, accuracy: 120)
    }

    /// Prints botocore's cache keys, reads the entry Swift wrote, writes one for Swift to read.
    private static let cacheChecker = #"""
    import datetime, json, sys
    from botocore.credentials import AssumeRoleCredentialFetcher
    from botocore.utils import JSONFileCache

    def no_sts(*args, **kwargs):
        raise RuntimeError("STS must not be called: the cache should have answered")

    roles = json.load(open(sys.argv[1]))
    cache = JSONFileCache(sys.argv[2])
    fetchers = [AssumeRoleCredentialFetcher(client_creator=no_sts, source_credentials=None, role_arn=role["roleArn"],
                                            extra_args=role["extraArgs"], cache=cache) for role in roles]
    keys = [fetcher._create_cache_key() for fetcher in fetchers]
    read = fetchers[1].fetch_credentials()["access_key"]
    expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)
    cache[keys[0]] = {"Credentials": {"AccessKeyId": "ASIAWRITTENBYBOTOCORE", "SecretAccessKey": "secret",
                                      "SessionToken": "botocore-token", "Expiration": expiry},
                      "AssumedRoleUser": {"Arn": "arn:aws:sts::123456789012:assumed-role/Admin/x", "AssumedRoleId": "AROA:x"}}
    print(json.dumps({"keys": keys, "readFromSwift": read}))
    """#

    /// Runs the botocore checker over the requests; one verdict per request.
    private func check(_ documents: [[String: Any]], python: String) throws -> [[String: Any]] {
        try XCTUnwrap(try runPython(python, Self.checker, input: documents) as? [[String: Any]])
    }

    /// Runs `script` with the JSON of `input` in a file (its first argument, then `arguments`); returns the
    /// JSON it prints.
    private func runPython(_ python: String, _ script: String, input: Any, arguments: [String] = []) throws -> Any {
        let directory = try temporaryDirectory(self)
        let inputFile = directory.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: input).write(to: inputFile)
        let scriptFile = directory.appendingPathComponent("script.py")
        try Data(script.utf8).write(to: scriptFile)
        let output = try ChildProcess.run([python, scriptFile.path, inputFile.path] + arguments, timeout: 120)
        XCTAssertEqual(output.status, 0, output.stderr)
        return try JSONSerialization.jsonObject(with: output.standardOutput)
    }

    /// python3 when it can import botocore; nil (test skipped) otherwise, a failure in CI.
    static func pythonWithBotocore() throws -> String? {
        if let found = try? ChildProcess.run(["python3", "-c", "import botocore"], timeout: 60), found.status == 0 {
            return "python3"
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("python3 with botocore is required in CI (pip install awscli)")
            return nil
        }
        throw XCTSkip("python3 with botocore is not installed")
    }

    /// Reads the requests, answers one verdict per request as JSON on standard output.
    private static let checker = #"""
    import base64, json, sys
    import botocore.session
    from botocore import serialize, xform_name
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials

    session = botocore.session.get_session()
    verdicts = []
    for case in json.load(open(sys.argv[1])):
        service = case.get("service", "acm-pca")
        model = session.get_service_model(service)
        serializer = serialize.create_serializer(model.metadata["protocol"])
        problems = []
        headers = {name: value for name, value in case["headers"]}
        lower = {name.lower(): value for name, value in case["headers"]}
        body = base64.b64decode(case["body"])
        authorization = lower.get("authorization", "")
        ours_signed = authorization.split("SignedHeaders=")[1].split(",")[0] if "SignedHeaders=" in authorization else ""
        ours_signature = authorization.split("Signature=")[1] if "Signature=" in authorization else ""

        # Signature: botocore signs the same request (the headers we signed), at the same time, with the same keys.
        kept = {name: value for name, value in headers.items() if name.lower() in ours_signed.split(";")}
        request = AWSRequest(method=case["method"], url=case["url"], headers=kept, data=body)
        request.context["timestamp"] = lower["x-amz-date"]
        credentials = Credentials(case["accessKey"], case["secretKey"], case["token"])
        # The region botocore signs for: the endpoint rules' signing region (us-east-1 for Organizations'
        # global endpoint), from a request botocore itself prepares and signs, never sent.
        client = session.create_client(service, region_name=case["region"], aws_access_key_id="x", aws_secret_access_key="y",
                                       config=Config(use_fips_endpoint=case["useFIPS"], use_dualstack_endpoint=case["useDualStack"]))
        captured = {}
        class Raw:
            def stream(self, **kwargs):
                return iter([b"{}"])
        def capture(request, **kwargs):
            from botocore.awsrequest import AWSResponse
            captured["authorization"] = request.headers.get("Authorization", b"").decode()
            return AWSResponse(request.url, 200, {}, Raw())
        client.meta.events.register("before-send", capture)
        try:
            getattr(client, xform_name(case["operation"]))(**case["parameters"])
        except Exception:
            pass
        botocore_region = captured.get("authorization", "").split("Credential=")[-1].split("/")[2] if "Credential=" in captured.get("authorization", "") else case["region"]
        if botocore_region != case.get("signingRegion", case["region"]):
            problems.append("signing region: ours %s, botocore %s" % (case.get("signingRegion"), botocore_region))
        auth = SigV4Auth(credentials, model.signing_name, botocore_region)
        canonical = auth.canonical_request(request)
        theirs_signature = auth.signature(auth.string_to_sign(request, canonical), request)
        theirs_signed = auth.signed_headers(auth.headers_to_sign(request))
        if theirs_signature != ours_signature:
            problems.append("signature: ours %s, botocore %s; botocore's canonical request:\n%s" % (ours_signature, theirs_signature, canonical))
        if theirs_signed != ours_signed:
            problems.append("signed headers: ours %s, botocore %s" % (ours_signed, theirs_signed))
        scope = "%s/%s/%s/aws4_request" % (lower["x-amz-date"][:8], botocore_region, model.signing_name)
        if ("Credential=%s/%s," % (case["accessKey"], scope)) not in authorization:
            problems.append("credential scope: %s, expected %s" % (authorization.split(",")[0], scope))
        if case["token"] and lower.get("x-amz-security-token") != case["token"]:
            problems.append("session token header missing or changed")

        # Serialization: the same operation and parameters through botocore's JSON serializer.
        expected = serializer.serialize_to_request(case["parameters"], model.operation_model(case["operation"]))
        for name in ("X-Amz-Target", "Content-Type"):
            if lower.get(name.lower()) != expected["headers"].get(name):
                problems.append("%s: ours %r, botocore %r" % (name, lower.get(name.lower()), expected["headers"].get(name)))
        if json.loads(body or b"{}") != json.loads(expected["body"] or b"{}"):
            problems.append("body: ours %r, botocore %r" % (body, expected["body"]))
        if case["method"] != expected["method"]:
            problems.append("method: ours %s, botocore %s" % (case["method"], expected["method"]))

        # Endpoint: botocore's endpoint rules for the same region and options.
        if case["url"].rstrip("/") != client.meta.endpoint_url.rstrip("/"):
            problems.append("endpoint: ours %s, botocore %s" % (case["url"], client.meta.endpoint_url))
        verdicts.append({"name": case["name"], "problems": problems})
    print(json.dumps(verdicts))
    """#
}
