import Foundation
@testable import PCAClient
import XCTest

final class ConfigurationTests: XCTestCase {
    private func files(config: String = "", credentials: String = "") -> SharedConfigFiles {
        var files = SharedConfigFiles()
        files.addConfigFile(config)
        files.addCredentialsFile(credentials)
        return files
    }

    func testINIParsingOfBothFiles() {
        let parsed = files(config: """
            # comment
            [default]
            region = us-west-2
            [profile dev]
            region=eu-west-1
            role_arn = arn:aws:iam::123456789012:role/Admin
            ; another comment
            source_profile = default
            services = local
            [services local]
            acm_pca =
              endpoint_url = http://localhost:4566
            sts =
              endpoint_url = http://localhost:4567
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            """, credentials: """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = secret
            [ci]
            aws_access_key_id=AKIDCI
            aws_secret_access_key=ci-secret
            """)
        XCTAssertEqual(parsed.configProfiles["default"]?["region"], "us-west-2")
        XCTAssertEqual(parsed.configProfiles["dev"]?["region"], "eu-west-1")
        XCTAssertEqual(parsed.configProfiles["dev"]?["source_profile"], "default")
        XCTAssertEqual(parsed.services["local"]?["acm_pca"]?["endpoint_url"], "http://localhost:4566")
        XCTAssertEqual(parsed.services["local"]?["sts"]?["endpoint_url"], "http://localhost:4567")
        XCTAssertEqual(parsed.ssoSessions["corp"]?["sso_region"], "us-east-1")
        XCTAssertEqual(parsed.credentialProfiles["ci"]?["aws_access_key_id"], "AKIDCI")
        XCTAssertEqual(parsed.profileNames, ["default", "ci", "dev"])
    }

    func testFilesAreReadFromEnvironmentPaths() throws {
        let directory = try temporaryDirectory(self)
        try "[profile x]\nregion = ap-south-1\n".write(to: directory.appendingPathComponent("cfg"), atomically: true, encoding: .utf8)
        try "[x]\naws_access_key_id = A\naws_secret_access_key = B\n".write(
            to: directory.appendingPathComponent("creds"), atomically: true, encoding: .utf8)
        let loaded = SharedConfigFiles.load(environment: ["AWS_CONFIG_FILE": directory.appendingPathComponent("cfg").path,
                                                          "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("creds").path])
        XCTAssertEqual(loaded.configProfiles["x"]?["region"], "ap-south-1")
        XCTAssertEqual(loaded.credentialProfiles["x"]?["aws_access_key_id"], "A")
        let home = SharedConfigFiles.load(environment: ["HOME": directory.path])
        XCTAssertTrue(home.profileNames.isEmpty, "missing files read as empty")
    }

    func testRegionPrecedence() throws {
        let config = files(config: "[default]\nregion = eu-central-1\n[profile p]\nregion = ap-southeast-2\n")
        func region(_ options: ClientOptions, _ env: [String: String]) throws -> String? {
            try ClientSettings(options: options, environment: env, files: config).region
        }
        XCTAssertEqual(try region(ClientOptions(region: "us-west-1"), ["AWS_REGION": "us-east-2"]), "us-west-1")
        XCTAssertEqual(try region(ClientOptions(), ["AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "sa-east-1"]), "us-east-2")
        XCTAssertEqual(try region(ClientOptions(), ["AWS_DEFAULT_REGION": "sa-east-1"]), "sa-east-1")
        XCTAssertEqual(try region(ClientOptions(), [:]), "eu-central-1")
        XCTAssertEqual(try region(ClientOptions(profile: "p"), [:]), "ap-southeast-2")
        XCTAssertEqual(try region(ClientOptions(), ["AWS_PROFILE": "p"]), "ap-southeast-2")
    }

    func testMissingRegionIsAClearError() {
        XCTAssertThrowsError(try ClientSettings(options: ClientOptions(), environment: [:], files: files())) { error in
            XCTAssertTrue("\(error)".contains("Missing Region"), "\(error)")
        }
    }

    func testUnknownProfileIsAnError() {
        XCTAssertThrowsError(try ClientSettings(options: ClientOptions(profile: "nope", region: "us-east-1"),
                                                environment: [:], files: files())) { error in
            XCTAssertTrue("\(error)".contains("nope"))
        }
    }

    func testEndpointsPerPartition() throws {
        func host(_ region: String, fips: Bool = false, dual: Bool = false) throws -> String {
            try EndpointResolver.resolve(region: region, useFIPS: fips, useDualStack: dual).url.host ?? ""
        }
        XCTAssertEqual(try host("us-east-1"), "acm-pca.us-east-1.amazonaws.com")
        XCTAssertEqual(try host("cn-north-1"), "acm-pca.cn-north-1.amazonaws.com.cn")
        XCTAssertEqual(try host("us-gov-west-1"), "acm-pca.us-gov-west-1.amazonaws.com")
        XCTAssertEqual(try host("us-iso-east-1"), "acm-pca.us-iso-east-1.c2s.ic.gov")
        XCTAssertEqual(try host("us-isob-east-1"), "acm-pca.us-isob-east-1.sc2s.sgov.gov")
        XCTAssertEqual(try host("eu-isoe-west-1"), "acm-pca.eu-isoe-west-1.cloud.adc-e.uk")
        XCTAssertEqual(try host("us-isof-south-1"), "acm-pca.us-isof-south-1.csp.hci.ic.gov")
        XCTAssertEqual(try host("eusc-de-east-1"), "acm-pca.eusc-de-east-1.amazonaws.eu")
        XCTAssertEqual(try host("xx-unknown-1"), "acm-pca.xx-unknown-1.amazonaws.com")
        XCTAssertEqual(try host("us-east-1", fips: true), "acm-pca-fips.us-east-1.amazonaws.com")
        XCTAssertEqual(try host("us-gov-east-1", fips: true), "acm-pca.us-gov-east-1.amazonaws.com")
        XCTAssertEqual(try host("us-east-1", dual: true), "acm-pca.us-east-1.api.aws")
        XCTAssertEqual(try host("us-east-1", fips: true, dual: true), "acm-pca-fips.us-east-1.api.aws")
        XCTAssertEqual(try host("cn-north-1", dual: true), "acm-pca.cn-north-1.api.amazonwebservices.com.cn")
        XCTAssertEqual(try EndpointResolver.resolve(region: "us-east-1").url.scheme, "https")
    }

    func testFIPSPseudoRegions() throws {
        let endpoint = try EndpointResolver.resolve(region: "fips-us-west-2")
        XCTAssertEqual(endpoint.url.host, "acm-pca-fips.us-west-2.amazonaws.com")
        XCTAssertEqual(endpoint.signingRegion, "us-west-2")
        XCTAssertEqual(try EndpointResolver.resolve(region: "us-east-1-fips").url.host, "acm-pca-fips.us-east-1.amazonaws.com")
    }

    func testFIPSFromEnvironmentAndProfile() throws {
        let config = files(config: "[default]\nuse_fips_endpoint = true\n")
        let fromProfile = try ClientSettings(options: ClientOptions(region: "us-east-2"), environment: [:], files: config)
        XCTAssertEqual(fromProfile.endpoint.url.host, "acm-pca-fips.us-east-2.amazonaws.com")
        let fromEnv = try ClientSettings(options: ClientOptions(region: "us-east-2"),
                                         environment: ["AWS_USE_FIPS_ENDPOINT": "true"], files: files())
        XCTAssertEqual(fromEnv.endpoint.url.host, "acm-pca-fips.us-east-2.amazonaws.com")
    }

    func testEndpointOverridePrecedence() throws {
        let config = files(config: """
            [default]
            endpoint_url = http://profile:1
            services = svc
            [services svc]
            acm_pca =
              endpoint_url = http://services:2
            """)
        func url(_ options: ClientOptions, _ env: [String: String]) throws -> String {
            try ClientSettings(options: options, environment: env, files: config).endpoint.url.absoluteString
        }
        let all = ["AWS_ENDPOINT_URL_ACM_PCA": "http://service-env:3", "AWS_ENDPOINT_URL": "http://global-env:4"]
        XCTAssertEqual(try url(ClientOptions(region: "us-east-1", endpointURL: "http://flag:5"), all), "http://flag:5")
        XCTAssertEqual(try url(ClientOptions(region: "us-east-1"), all), "http://service-env:3")
        XCTAssertEqual(try url(ClientOptions(region: "us-east-1"), ["AWS_ENDPOINT_URL": "http://global-env:4"]), "http://global-env:4")
        XCTAssertEqual(try url(ClientOptions(region: "us-east-1"), [:]), "http://services:2")
        XCTAssertEqual(try url(ClientOptions(region: "us-east-1"), ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]),
                       "https://acm-pca.us-east-1.amazonaws.com/")
        let plain = files(config: "[default]\nendpoint_url = http://profile:1\n")
        XCTAssertEqual(try ClientSettings(options: ClientOptions(region: "us-east-1"), environment: [:], files: plain)
                        .endpoint.url.absoluteString, "http://profile:1")
    }

    func testOverrideKeepsSigningRegionAndRejectsNonHTTP() throws {
        let settings = try ClientSettings(options: ClientOptions(region: "eu-west-1", endpointURL: "http://127.0.0.1:9999"),
                                          environment: [:], files: files())
        XCTAssertEqual(settings.endpoint.signingRegion, "eu-west-1")
        XCTAssertTrue(settings.endpoint.isOverride)
        XCTAssertThrowsError(try ClientSettings(options: ClientOptions(region: "us-east-1", endpointURL: "ftp://x"),
                                                environment: [:], files: files()))
        XCTAssertThrowsError(try ClientSettings(options: ClientOptions(region: "us-east-1", endpointURL: "localhost:80"),
                                                environment: [:], files: files()))
    }

    func testSTSEndpointFollowsALocalOverrideOnlyWhenAsked() throws {
        let settings = try ClientSettings(options: ClientOptions(region: "us-east-1", endpointURL: "http://127.0.0.1:9"),
                                          environment: [:], files: files())
        XCTAssertEqual(try settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: true).url.absoluteString,
                       "http://127.0.0.1:9")
        XCTAssertEqual(try settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: false).url.host,
                       "sts.us-east-1.amazonaws.com")
    }

    func testSTSNeverFollowsAnACMPCAOnlyOverride() throws {
        let vpce = "https://vpce-0abc-1234.acm-pca.us-east-1.vpce.amazonaws.com"
        for environment in [["AWS_ENDPOINT_URL_ACM_PCA": vpce], [:]] {
            let options = ClientOptions(region: "us-east-1", endpointURL: environment.isEmpty ? vpce : nil)
            let settings = try ClientSettings(options: options, environment: environment, files: files())
            XCTAssertEqual(settings.endpoint.url.absoluteString, vpce)
            XCTAssertEqual(try settings.endpoint(forService: "sts", configKey: "sts", followServiceOverride: true).url.host,
                           "sts.us-east-1.amazonaws.com", "\(environment): the caller lookup must still reach STS")
        }
        let own = try ClientSettings(options: ClientOptions(region: "us-east-1"),
                                     environment: ["AWS_ENDPOINT_URL_ACM_PCA": vpce,
                                                   "AWS_ENDPOINT_URL_STS": "https://sts-vpce.example.com"], files: files())
        XCTAssertEqual(try own.endpoint(forService: "sts", configKey: "sts", followServiceOverride: true).url.host,
                       "sts-vpce.example.com", "STS's own override")
        let global = try ClientSettings(options: ClientOptions(region: "us-east-1"),
                                        environment: ["AWS_ENDPOINT_URL": "http://localhost:4566"], files: files())
        XCTAssertEqual(try global.endpoint(forService: "sts", configKey: "sts", followServiceOverride: true).url.absoluteString,
                       "http://localhost:4566", "the global override serves every service")
    }
}
