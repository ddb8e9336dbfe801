import Foundation
import PCAAdmin
import PCAClient
@testable import PCALocal
import PCAProcess
import XCTest

/// The emulator's model of the input shapes against botocore's, the validator's wording, and a CA whose
/// configuration uses every member the model defines, round-tripped from Create to Describe.
final class InputShapesTests: XCTestCase {
    /// Every member of CertificateAuthorityConfiguration, with valid values.
    static let fullConfiguration = #"""
    {"KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
     "Subject": {"Country": "US", "Organization": "Example Corp", "OrganizationalUnit": "PKI",
                 "DistinguishedNameQualifier": "dnq-1", "State": "Washington", "CommonName": "Round Trip CA",
                 "SerialNumber": "0001", "Locality": "Seattle", "Title": "Root", "Surname": "Doe", "GivenName": "Jane",
                 "Initials": "JD", "Pseudonym": "jd", "GenerationQualifier": "III"},
     "CsrExtensions": {
       "KeyUsage": {"DigitalSignature": true, "NonRepudiation": false, "KeyEncipherment": false, "DataEncipherment": false,
                    "KeyAgreement": false, "KeyCertSign": true, "CRLSign": true, "EncipherOnly": false, "DecipherOnly": false},
       "SubjectInformationAccess": [
         {"AccessMethod": {"AccessMethodType": "CA_REPOSITORY"},
          "AccessLocation": {"UniformResourceIdentifier": "https://pki.example.com/repo"}},
         {"AccessMethod": {"CustomObjectIdentifier": "1.3.6.1.5.5.7.48.5"},
          "AccessLocation": {"OtherName": {"TypeId": "1.3.6.1.4.1.311.20.2.3", "Value": "upn@example.com"},
                             "Rfc822Name": "pki@example.com", "DnsName": "pki.example.com",
                             "DirectoryName": {"CommonName": "Directory", "Country": "US",
                                               "CustomAttributes": [{"ObjectIdentifier": "2.5.4.3", "Value": "Custom"}]},
                             "EdiPartyName": {"PartyName": "Example", "NameAssigner": "Assigner"},
                             "IpAddress": "10.0.0.1", "RegisteredId": "1.2.3.4"}}]}}
    """#

    /// Every member of RevocationConfiguration.
    static let fullRevocation = #"""
    {"CrlConfiguration": {"Enabled": true, "ExpirationInDays": 7, "CustomCname": "crl.example.com",
                          "S3BucketName": "example-crl-bucket", "S3ObjectAcl": "BUCKET_OWNER_FULL_CONTROL",
                          "CrlDistributionPointExtensionConfiguration": {"OmitExtension": false},
                          "CrlType": "PARTITIONED", "CustomPath": "crls/example"},
     "OcspConfiguration": {"Enabled": true, "OcspCustomCname": "ocsp.example.com"}}
    """#

    private static func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testEveryConfigurationMemberRoundTripsFromCreateToDescribe() throws {
        let emulator = demoEmulator()
        let body = #"{"CertificateAuthorityType": "ROOT", "CertificateAuthorityConfiguration": \#(Self.fullConfiguration), "RevocationConfiguration": \#(Self.fullRevocation)}"#
        let created = emulator.respond(to: signedRequest(target: "ACMPrivateCA.CreateCertificateAuthority", body: body))
        XCTAssertEqual(created.statusCode, 200, String(decoding: created.body, as: UTF8.self))
        let arn = try XCTUnwrap(try Self.object(String(decoding: created.body, as: UTF8.self))["CertificateAuthorityArn"] as? String)
        let described = emulator.respond(to: signedRequest(target: "ACMPrivateCA.DescribeCertificateAuthority",
                                                           body: #"{"CertificateAuthorityArn":"\#(arn)"}"#))
        let authority = try XCTUnwrap(try Self.object(String(decoding: described.body, as: UTF8.self))["CertificateAuthority"]
            as? [String: Any])
        XCTAssertEqual(authority["CertificateAuthorityConfiguration"] as? NSDictionary,
                       try Self.object(Self.fullConfiguration) as NSDictionary, "CertificateAuthorityConfiguration lost members")
        XCTAssertEqual(authority["RevocationConfiguration"] as? NSDictionary,
                       try Self.object(Self.fullRevocation) as NSDictionary, "RevocationConfiguration lost members")
    }

    func testAllViolationsAreCountedBeforeTheCAIsLookedUp() throws {
        let emulator = demoEmulator()
        let longName = String(repeating: "x", count: 65)
        let body = #"{"CertificateAuthorityType": "ROOT", "CertificateAuthorityConfiguration": {"KeyAlgorithm": "RSA_1", "SigningAlgorithm": "SHA256WITHRSA", "Subject": {"CommonName": "\#(longName)", "Country": "USA"}}, "RevocationConfiguration": {"CrlConfiguration": {"Enabled": true, "ExpirationInDays": 0, "S3BucketName": "ab"}}}"#
        let answer = emulator.respond(to: signedRequest(target: "ACMPrivateCA.CreateCertificateAuthority", body: body))
        XCTAssertEqual(errorCode(of: answer), "ValidationException")
        let message = (try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["message"] as? String ?? ""
        XCTAssertTrue(message.hasPrefix("6 validation errors detected: "), message)
        for expected in [
            "Value 'RSA_1' at 'certificateAuthorityConfiguration.keyAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [",
            "Value '\(longName)' at 'certificateAuthorityConfiguration.subject.commonName' failed to satisfy constraint: Member must have length less than or equal to 64",
            "Value 'USA' at 'certificateAuthorityConfiguration.subject.country' failed to satisfy constraint: Member must have length less than or equal to 2",
            "at 'certificateAuthorityConfiguration.subject.country' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z]{2}",
            "Value '0' at 'revocationConfiguration.crlConfiguration.expirationInDays' failed to satisfy constraint: Member must have value greater than or equal to 1",
            "Value 'ab' at 'revocationConfiguration.crlConfiguration.s3BucketName' failed to satisfy constraint: Member must have length greater than or equal to 3",
        ] {
            XCTAssertTrue(message.contains(expected), "missing: \(expected)\nin: \(message)")
        }
        // An unknown CA with a bad MaxResults: the validation answers, not the lookup.
        let lookup = emulator.respond(to: signedRequest(
            target: "ACMPrivateCA.ListPermissions",
            body: #"{"CertificateAuthorityArn":"\#(DemoSeed.arn("00000000-0000-0000-0000-000000000000"))","MaxResults":0}"#))
        XCTAssertEqual(errorCode(of: lookup), "ValidationException")
        let tags = emulator.respond(to: signedRequest(
            target: "ACMPrivateCA.TagCertificateAuthority",
            body: #"{"CertificateAuthorityArn":"\#(DemoSeed.arn(DemoSeed.ID.root))","Tags":[{"Key":"ok","Value":"1"},{"Value":"2"}]}"#))
        let tagMessage = (try JSONSerialization.jsonObject(with: tags.body) as? [String: Any])?["message"] as? String ?? ""
        XCTAssertEqual(tagMessage, "1 validation error detected: Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null")
    }

    /// The table in InputShapes.swift must say what botocore's model says, shape by shape.
    func testTheShapeTableMatchesBotocoresModel() throws {
        try assertTable(InputShapes.table, matchesModel: "acm-pca/2017-08-22")
    }

    /// ACM's table (ACM/ACMInputShapes.swift) too, from ACM's model.
    func testTheACMShapeTableMatchesBotocoresModel() throws {
        try assertTable(ACMInputShapes.table, matchesModel: "acm/2015-12-08")
    }

    private func assertTable(_ table: InputShapeTable, matchesModel model: String) throws {
        let script = #"""
        import gzip, json, os, sys
        import botocore
        path = os.path.join(os.path.dirname(botocore.__file__), "data", sys.argv[2], "service-2.json")
        model = json.load(gzip.open(path + ".gz") if os.path.exists(path + ".gz") else open(path))
        shapes, operations = model["shapes"], model["operations"]
        names = sys.argv[1].split(",")
        out, todo = {}, [operations[name]["input"]["shape"] for name in names]
        inputs = {name: operations[name]["input"]["shape"] for name in names}
        while todo:
            name = todo.pop()
            if name in out: continue
            s = shapes[name]; t = s["type"]
            if t == "structure":
                out[name] = {"type": "structure", "members": [[k, v["shape"]] for k, v in s["members"].items()],
                             "required": s.get("required", [])}
                todo += [v["shape"] for v in s["members"].values()]
            elif t == "list":
                out[name] = {"type": "list", "member": s["member"]["shape"], "min": s.get("min"), "max": s.get("max")}
                todo.append(s["member"]["shape"])
            elif t == "string":
                out[name] = {"type": "string", "min": s.get("min"), "max": s.get("max"), "pattern": s.get("pattern"),
                             "values": s.get("enum")}
            elif t in ("integer", "long"):
                out[name] = {"type": "integer", "min": s.get("min"), "max": s.get("max")}
            elif t == "blob":
                out[name] = {"type": "blob", "min": s.get("min"), "max": s.get("max")}
            else:
                out[name] = {"type": t}
        print(json.dumps({"inputs": inputs, "shapes": out}, sort_keys=True))
        """#
        let operations = table.operationInputs.keys.sorted()
        let run = try ChildProcess.run(["python3", "-c", script, operations.joined(separator: ","), model], timeout: 60)
        guard run.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("botocore is required in CI: \(run.stderr)") }
            throw XCTSkip("botocore is not installed")
        }
        let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any])
        XCTAssertEqual(expected["inputs"] as? [String: String], table.operationInputs)
        let theirs = try XCTUnwrap(expected["shapes"] as? [String: [String: Any]])
        XCTAssertEqual(Set(theirs.keys), Set(table.shapes.keys), "the same shapes")
        for (name, shape) in table.shapes {
            let model = theirs[name] ?? [:]
            let ours: [String: Any]
            switch shape {
            case let .structure(members, required):
                ours = ["type": "structure", "members": members.map { [$0.0, $0.1] }, "required": required]
            case let .list(member, min, max):
                ours = ["type": "list", "member": member, "min": min as Any, "max": max as Any]
            case let .string(min, max, pattern, values):
                ours = ["type": "string", "min": min as Any, "max": max as Any, "pattern": pattern as Any, "values": values as Any]
            case let .integer(min, max):
                ours = ["type": "integer", "min": min as Any, "max": max as Any]
            case .boolean:
                ours = ["type": "boolean"]
            case .timestamp:
                ours = ["type": "timestamp"]
            case let .blob(min, max):
                ours = ["type": "blob", "min": min as Any, "max": max as Any]
            }
            XCTAssertEqual(Self.normalized(ours), Self.normalized(model), name)
        }
    }

    /// A comparable text of a shape description: nil, NSNull and absent are the same.
    private static func normalized(_ object: [String: Any]) -> String {
        let cleaned = object.compactMapValues { value -> Any? in
            if value is NSNull { return nil }
            if case Optional<Any>.none = value as Any? { return nil }
            if let optional = value as? OptionalProtocol, optional.isNil { return nil }
            return value
        }
        let data = (try? JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

private protocol OptionalProtocol { var isNil: Bool { get } }
extension Optional: OptionalProtocol { var isNil: Bool { self == nil } }
