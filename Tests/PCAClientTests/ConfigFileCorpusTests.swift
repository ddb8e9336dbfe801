import Foundation
import PCAClient
import PCAProcess
import XCTest

/// The AWS CLI's config and credentials files, read by pca-tui and by botocore from the same files: for every
/// profile, the profile names, region, role_arn, source_profile and the access key id of static keys must be
/// the same. Where botocore refuses a file, pca-tui must warn on the lines it could not read.
/// Skipped when Python with botocore is missing, except in CI (CI=true), where that is a failure.
final class ConfigFileCorpusTests: XCTestCase {
    private struct Case {
        var name: String
        var config: String
        var credentials = ""
        /// Where pca-tui must warn, as `file:line` (`config:3`, `credentials:1`); no other warning is allowed.
        var warnings: Set<String> = []
    }

    private static let corpus: [Case] = [
        Case(name: "comments after headers and extra blanks in them", config: """
            [default]
            region = us-east-1
            [profile dev]
            region = eu-west-1
            [profile prod]   ; production admin
            region = us-west-2
            role_arn = arn:aws:iam::111122223333:role/Admin
            source_profile = prodkeys
            [profile  staging]
            region = ap-south-1
            [profile\tqa]  # tab inside
            region = ca-central-1
            """, credentials: """
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = dev-secret
            [prodkeys]  # production admin keys
            aws_access_key_id = AKIDPROD
            aws_secret_access_key = prod-secret
            [staging]\t# tab, then a comment
            aws_access_key_id = AKIDSTAGING
            aws_secret_access_key = staging-secret
            """),
        Case(name: "comments, blanks, tabs and both separators", config: """
            # a comment
            ; another one

            [default]
            region:us-east-2
            \t# an indented comment
            aws_access_key_id=AKIDDEFAULT
            aws_secret_access_key\t=\tsecret-with-#-and-;
            [profile inline]
            region = eu-central-1 # frankfurt
            [profile upper]
            REGION = sa-east-1
            [profile colon]
            region : eu-west-3
            endpoint_url = http://localhost:4566
            """, warnings: ["config:10"]),
        Case(name: "continuation lines and nested sections", config: """
            [profile svc]
            region = us-east-1
            services = local
            s3 =
              addressing_style = path

              signature_version = s3v4
            [services local]
            acm_pca =
              endpoint_url = http://localhost:4566
            [sso-session corp]
            sso_region = us-east-1
            sso_start_url = https://example.awsapps.com/start
            [profile sso]
            sso_session = corp
            region = eu-west-2
            [profile cont]
            region = us-west-1
            role_arn = arn:aws:iam::111122223333:role/A
              extra = line
            source_profile = svc
            """, warnings: ["config:20"]),
        Case(name: "an indented header continues the value before it", config: """
            [profile a]
            region = us-east-1
              [profile b]
            role_arn = arn:aws:iam::111122223333:role/B
            source_profile = a
            """, warnings: ["config:3"]),
        Case(name: "duplicate sections and keys", config: """
            [profile a]
            region = us-east-1
            [profile a]
            region = us-west-2
            """, warnings: ["config:3", "config:4"]),
        Case(name: "a duplicate key in the credentials file", config: "", credentials: """
            [x]
            aws_access_key_id = AKIDFIRST
            aws_access_key_id = AKIDSECOND
            aws_secret_access_key = s
            """, warnings: ["credentials:3"]),
        Case(name: "a UTF-8 byte order mark", config: "\u{FEFF}[default]\nregion = us-east-1\n",
             warnings: ["config:1"]),
        Case(name: "CRLF line endings", config: "[default]\r\nregion = us-east-1\r\n[profile b]\r\nregion = us-west-2\r\n",
             credentials: "[b]\r\naws_access_key_id = AKIDB\r\naws_secret_access_key = s\r\n"),
        Case(name: "[profile default] then [default]", config: """
            [profile default]
            region = us-west-2
            [default]
            aws_access_key_id = AKIDCONFIG
            aws_secret_access_key = s
            """, warnings: ["config:3"]),
        Case(name: "[default] then [profile default]", config: """
            [default]
            region = us-west-2
            role_arn = arn:aws:iam::111122223333:role/Gone
            source_profile = default
            [profile default]
            region = eu-west-1
            """, warnings: ["config:5"]),
        Case(name: "[profile x] in the credentials file", config: "[profile ci]\nregion = us-east-1\n", credentials: """
            [profile ci]
            aws_access_key_id = AKIDCI
            aws_secret_access_key = s
            [ci2]
            aws_access_key_id = AKIDCI2
            aws_secret_access_key = s
            """, warnings: ["credentials:1"]),
        Case(name: "sections that are not profiles, or not as they look", config: """
            [prod]
            region = us-east-1
            [profiles x]
            region = us-west-1
            [profile a b]
            region = eu-west-1
            [profile "my prod"]
            region = eu-north-1
            [profile e's]
            region = eu-south-1
            [ profile c ]
            region = ap-east-1
            [plugins]
            foo = bar
            """, warnings: ["config:1", "config:3", "config:5", "config:9", "config:11"]),
        Case(name: "[DEFAULT] lends its keys to every section", config: """
            [DEFAULT]
            region = ap-northeast-1
            [profile a]
            source_profile = a
            """, credentials: """
            [DEFAULT]
            aws_secret_access_key = shared-secret
            [a]
            aws_access_key_id = AKIDA
            """),
        Case(name: "lines the AWS CLI cannot read", config: """
            region = us-east-1
            [default]
            not a key value line
            = value without a key
            region = us-west-2
            """, warnings: ["config:1", "config:3", "config:4"]),
        Case(name: "a nested line without '='", config: "[profile a]\nregion = us-east-1\ns3 =\n  addressing_style\n",
             warnings: ["config:3"]),
        Case(name: "settings in the credentials file override the config file's", config: """
            [profile dev]
            region = eu-west-1
            [profile ops]
            region = us-east-1
            """, credentials: """
            [dev]
            region = us-west-2
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = s
            [ops]
            role_arn = arn:aws:iam::111122223333:role/Ops
            source_profile = dev
            """),
        Case(name: "keys split between the files, and half keys", config: """
            [profile half]
            aws_access_key_id = AKIDHALF
            [profile both]
            aws_access_key_id = AKIDCONFIGBOTH
            aws_secret_access_key = s
            """, credentials: """
            [both]
            aws_access_key_id = AKIDCREDSBOTH
            aws_secret_access_key = s
            """),
    ]

    func testEveryProfileReadsAsBotocoreReadsIt() async throws {
        guard let python = try BotocoreCrossCheckTests.pythonWithBotocore() else { return }
        let directory = try temporaryDirectory(self)
        var environments: [[String: String]] = []
        for (index, corpusCase) in Self.corpus.enumerated() {
            let caseDirectory = directory.appendingPathComponent("case\(index)")
            try FileManager.default.createDirectory(at: caseDirectory, withIntermediateDirectories: true)
            let config = caseDirectory.appendingPathComponent("config")
            let credentials = caseDirectory.appendingPathComponent("credentials")
            try Data(corpusCase.config.utf8).write(to: config)
            try Data(corpusCase.credentials.utf8).write(to: credentials)
            environments.append(["HOME": caseDirectory.path, "AWS_CONFIG_FILE": config.path,
                                 "AWS_SHARED_CREDENTIALS_FILE": credentials.path])
        }
        let answers = try runBotocore(python, environments: environments, directory: directory)
        XCTAssertEqual(answers.count, Self.corpus.count)
        for ((corpusCase, environment), botocore) in zip(zip(Self.corpus, environments), answers) {
            let files = SharedConfigFiles.load(environment: environment)
            let warned = Set(files.warnings.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" })
            XCTAssertEqual(warned, corpusCase.warnings, "\(corpusCase.name): \(files.warnings)")
            if botocore["error"] != nil {
                XCTAssertFalse(files.warnings.isEmpty, "\(corpusCase.name): botocore refuses the file, pca-tui must warn")
                continue
            }
            let resolved = try await Self.resolve(files, environment: environment)
            XCTAssertEqual(resolved as NSDictionary, botocore["profiles"] as? NSDictionary,
                           "\(corpusCase.name)\npca-tui:  \(resolved)\nbotocore: \(botocore["profiles"] ?? "")")
        }
    }

    func testTheCommentedHeaderKeepsItsKeysOutOfThePreviousProfile() async throws {
        var files = SharedConfigFiles()
        files.addCredentialsFile("""
            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = dev-secret
            [prod]  # production admin keys
            aws_access_key_id = AKIDPROD
            aws_secret_access_key = prod-secret
            """)
        XCTAssertEqual(files.credentialProfiles["dev"]?["aws_access_key_id"], "AKIDDEV")
        XCTAssertEqual(files.credentialProfiles["prod"]?["aws_access_key_id"], "AKIDPROD")
        XCTAssertEqual(files.warnings, [])
        files.addConfigFile("[profile prod]\nregion = us-east-1\n[profile dev]\nregion = us-east-1 # dev\n", path: "cfg")
        XCTAssertEqual(files.warnings.map(\.description).first?.hasPrefix("cfg:4: the value of 'region'"), true)
    }

    /// What pca-tui resolves for every profile, and for no profile named (key `""`), in the checker's shape.
    private static func resolve(_ files: SharedConfigFiles, environment: [String: String]) async throws -> [String: Any] {
        var resolved: [String: Any] = [:]
        for name in files.profileNames + [""] {
            let profile = name.isEmpty ? nil : name
            let scoped = files.profile(profile ?? "default") ?? [:]
            var entry: [String: Any] = ["role_arn": scoped["role_arn"] ?? NSNull(),
                                        "source_profile": scoped["source_profile"] ?? NSNull()]
            // An endpoint override lets the settings be built without a region; without one, an unusable region
            // (`us-east-1 # prod`) is refused, as botocore refuses it when it makes a client.
            let settings = try ClientSettings(options: ClientOptions(profile: profile, endpointURL: "http://127.0.0.1:1"),
                                              environment: environment, files: files)
            let usable = (try? ClientSettings(options: ClientOptions(profile: profile), environment: environment,
                                              files: files)) != nil
            entry["region"] = settings.region.map { usable ? $0 : "invalid" } ?? NSNull()
            if settings.region != nil, !usable {
                entry["access_key"] = "skipped"
                resolved[name] = entry
                continue
            }
            if !roleKeys.isDisjoint(with: scoped.keys) {
                entry["access_key"] = "skipped"
            } else {
                let context = CredentialContext(settings: settings, transport: ClosureTransport { _ in
                    throw URLError(.notConnectedToInternet)
                })
                do {
                    let keys = try await ProfileCredentialProvider(profile: settings.profileName, context: context).credentials()
                    entry["access_key"] = keys?.accessKeyID ?? NSNull()
                } catch {
                    entry["access_key"] = "error"
                }
            }
            resolved[name] = entry
        }
        return resolved
    }

    /// Settings that make the credentials come from elsewhere (STS, SSO, a program): not compared.
    private static let roleKeys: Set<String> = ["role_arn", "credential_process", "sso_session", "sso_start_url",
                                                "web_identity_token_file", "credential_source"]

    private func runBotocore(_ python: String, environments: [[String: String]], directory: URL) throws -> [[String: Any]] {
        let inputFile = directory.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: environments).write(to: inputFile)
        let scriptFile = directory.appendingPathComponent("checker.py")
        try Data(Self.checker.utf8).write(to: scriptFile)
        // No key, profile or region of this machine may reach botocore; nor may it ask an instance for a role.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let output = try ChildProcess.run([python, scriptFile.path, inputFile.path], environment: environment, timeout: 120)
        XCTAssertEqual(output.status, 0, output.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: output.standardOutput) as? [[String: Any]])
    }

    /// For each case's files: botocore's profiles, each with region, role_arn, source_profile and the access
    /// key id; or the error botocore raises for the files.
    private static let checker = #"""
    import json, os, sys
    import botocore.session
    from botocore.utils import validate_region_name

    ROLE_KEYS = {"role_arn", "credential_process", "sso_session", "sso_start_url", "web_identity_token_file",
                 "credential_source"}

    def resolve(name):
        session = botocore.session.Session(profile=name or None)
        scoped = session.get_scoped_config()
        entry = {"role_arn": scoped.get("role_arn"), "source_profile": scoped.get("source_profile")}
        region = session.get_config_variable("region")
        try:
            if region is not None:
                validate_region_name(region)
        except Exception:
            return dict(entry, region="invalid", access_key="skipped")
        entry["region"] = region
        if ROLE_KEYS & set(scoped):
            entry["access_key"] = "skipped"
            return entry
        try:
            credentials = session.get_credentials()
            entry["access_key"] = credentials.access_key if credentials else None
        except Exception:
            entry["access_key"] = "error"
        return entry

    answers = []
    for environment in json.load(open(sys.argv[1])):
        os.environ.update(environment)
        try:
            names = list(botocore.session.Session().full_config["profiles"])
        except Exception as error:
            answers.append({"error": type(error).__name__})
            continue
        answers.append({"profiles": {name: resolve(name) for name in names + [""]}})
    print(json.dumps(answers))
    """#
}
