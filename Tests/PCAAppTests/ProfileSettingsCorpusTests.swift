import Foundation
@testable import PCAApp
import PCAClient
import PCALocal
import PCAProcess
import XCTest

/// The pca-tui config is read by the AWS CLI's reader: which `read_only` and `banner` a profile gets must be
/// what botocore's `load_config` puts in that profile, with pca-tui's documented value rules applied on top
/// (`[default]` under `[profile NAME]`; a `;` or `#` after a blank starts a comment; true/yes/1, false/no/0,
/// anything else read-only). Where botocore refuses the file, pca-tui must warn on the lines it could not read.
/// Skipped when Python with botocore is missing, except in CI (CI=true), where that is a failure.
final class ProfileSettingsCorpusTests: XCTestCase {
    private struct Case {
        var name: String
        var text: String
        /// Lines pca-tui must warn on; no other warning is allowed.
        var warnings: Set<Int> = []
    }

    private static let corpus: [Case] = [
        Case(name: "comments after headers and extra blanks in them", text: """
            [default]
            read_only = false
            [profile dev]
            banner = green
            [profile prod]  # production: protected
            read_only = true
            banner = red        ; header colour
            [profile  staging]   ; extra blanks
            read_only = yes
            [profile\tqa]\t# a tab
            banner = cyan
            """),
        Case(name: "keys and sections pca-tui does not know", text: """
            [profile prod]
            read-only = true
            [prod]
            read_only = true
            [profile ops]
            colour = blue
            bannr = red
            """, warnings: [2, 3, 6, 7]),
        Case(name: "values pca-tui cannot read", text: """
            [default]
            read_only = maybe
            [profile x]
            banner = purple
            read_only = 0
            """, warnings: [2, 4]),
        Case(name: "continuation lines", text: """
            [profile prod]
            read_only = true
              banner = red
            [profile dev]
            read_only = false
            """, warnings: [2, 3]),
        Case(name: "duplicate sections and keys", text: """
            [profile prod]
            read_only = true
            [profile dev]
            read_only = false
            [profile prod]
            read_only = false
            """, warnings: [5, 6]),
        Case(name: "a UTF-8 byte order mark and CRLF", text: "\u{FEFF}[profile prod]\r\nread_only = true\r\n", warnings: [1]),
        Case(name: "CRLF", text: "[default]\r\nread_only = true\r\n[profile dev]\r\nread_only = false\r\nbanner = blue\r\n"),
        Case(name: "[profile default] and [default]", text: """
            [profile default]
            read_only = true
            [default]
            banner = yellow
            [profile a]
            banner = red
            """),
        Case(name: "[DEFAULT] and quoted names", text: """
            [DEFAULT]
            read_only = true
            [profile "my dev"]
            read_only = false
            [profile a b]
            read_only = false
            """, warnings: [5]),
        Case(name: "lines outside sections or without a value", text: """
            read_only = false
            [profile prod]
            read_only
            ; a comment
            # another
            read_only = true
            """, warnings: [1, 3]),
    ]

    func testEveryProfileGetsWhatBotocoreReads() throws {
        guard let python = try Self.pythonWithBotocore() else { return }
        let directory = try temporaryDirectory()
        var paths: [String] = []
        for (index, corpusCase) in Self.corpus.enumerated() {
            let path = directory.appendingPathComponent("config\(index)").path
            try Data(corpusCase.text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let answers = try runBotocore(python, paths: paths, directory: directory)
        XCTAssertEqual(answers.count, Self.corpus.count)
        for ((corpusCase, path), botocore) in zip(zip(Self.corpus, paths), answers) {
            let file = try XCTUnwrap(INIFile.load(path: path))
            let warned = Set(ProfileSettings.resolve(file, profile: "default").warnings.compactMap(\.line))
            XCTAssertEqual(warned, corpusCase.warnings, "\(corpusCase.name): \(ProfileSettings.resolve(file, profile: "default").warnings)")
            if botocore["error"] != nil {
                XCTAssertFalse(warned.isEmpty, "\(corpusCase.name): botocore refuses the file, pca-tui must warn")
                continue
            }
            let expected = try XCTUnwrap(botocore["profiles"] as? [String: [String: Any]])
            for (profile, settings) in expected {
                let resolved = ProfileSettings.resolve(file, profile: profile)
                XCTAssertEqual(resolved.readOnly, settings["read_only"] as? Bool, "\(corpusCase.name): read_only of '\(profile)'")
                XCTAssertEqual(resolved.banner.map { "\($0)" }, settings["banner"] as? String,
                               "\(corpusCase.name): banner of '\(profile)'")
            }
        }
    }

    func testACommentedHeaderProtectsItsOwnProfile() {
        let text = "[profile dev]\nbanner = green\n[profile prod]  # production\nread_only = true\n"
        XCTAssertTrue(ProfileSettings.parse(text, profile: "prod").readOnly)
        XCTAssertFalse(ProfileSettings.parse(text, profile: "dev").readOnly)
        XCTAssertEqual(ProfileSettings.parse(text, profile: "dev").warnings, [])
    }

    func testAnUnknownKeySuggestsTheKnownOne() {
        let settings = ProfileSettings.parse("[profile prod]\nread-only = true\n", profile: "prod", path: "/x/config")
        XCTAssertEqual(settings.warnings.map(\.description),
                       ["/x/config:2: unknown key 'read-only' in [profile prod]; did you mean read_only?"])
    }

    /// Every command prints the warnings of the pca-tui config once, `acm-renewal retry` included; and, off the
    /// demo, those of the AWS CLI's files.
    func testEveryCommandPrintsTheWarningsOnce() async throws {
        let directory = try temporaryDirectory()
        try Data("[profile prod]\nread-only = true\n".utf8).write(to: directory.appendingPathComponent("pca-tui/config",
                                                                                                      isDirectory: false),
                                                                 options: [])
        let environment = ["XDG_CONFIG_HOME": directory.path, "HOME": directory.path]
        let warning = "pca-tui: warning: \(directory.path)/pca-tui/config:2: unknown key 'read-only' in [profile prod]; did you mean read_only?\n"
        let state = directory.appendingPathComponent("state.json").path
        let ca = String(DemoSeed.ID.internalCA.prefix(8))
        for command in [["list"], ["certificates", ca], ["acm-renewal", "retry", ca, "--yes"], ["acm-renewal", "status", ca]] {
            let (_, output) = try await runCommand(["--demo-state", state] + command, environment: environment)
            XCTAssertEqual(output.err.components(separatedBy: warning).count - 1, 1, "\(command): \(output.err)")
        }
        let awsConfig = directory.appendingPathComponent("aws-config")
        try Data("[profile ops]  # operators\nregion = us-east-1 # virginia\n".utf8).write(to: awsConfig)
        let (status, output) = try await runCommand(["--profile", "nosuch", "list"],
                                                    environment: environment.merging(["AWS_CONFIG_FILE": awsConfig.path]) { $1 })
        XCTAssertEqual(status, .usage)
        XCTAssertTrue(output.err.contains("pca-tui: warning: \(awsConfig.path):2: the value of 'region' in [profile ops]"), output.err)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pca-tui-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("pca-tui"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func runBotocore(_ python: String, paths: [String], directory: URL) throws -> [[String: Any]] {
        let inputFile = directory.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: paths).write(to: inputFile)
        let scriptFile = directory.appendingPathComponent("checker.py")
        try Data(Self.checker.utf8).write(to: scriptFile)
        let output = try ChildProcess.run([python, scriptFile.path, inputFile.path], timeout: 120)
        XCTAssertEqual(output.status, 0, output.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: output.standardOutput) as? [[String: Any]])
    }

    /// python3 when it can import botocore; nil (test skipped) otherwise, a failure in CI.
    private static func pythonWithBotocore() throws -> String? {
        if let found = try? ChildProcess.run(["python3", "-c", "import botocore"], timeout: 60), found.status == 0 {
            return "python3"
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("python3 with botocore is required in CI (pip install awscli)")
            return nil
        }
        throw XCTSkip("python3 with botocore is not installed")
    }

    /// For each file: botocore's profiles, each with the read_only and banner pca-tui's rules make of its
    /// values (and of a profile the file does not name); or the error botocore raises for the file.
    private static let checker = #"""
    import json, sys
    from botocore.configloader import load_config

    COLOURS = {"red", "green", "yellow", "blue", "magenta", "cyan", "white"}

    def without_comment(value):
        cuts = [i for i in (value.find(m) for m in (" ;", "\t;", " #", "\t#")) if i >= 0]
        return value[:min(cuts, default=len(value))].strip()

    def settings(profiles, name):
        values = dict(profiles.get("default", {}))
        values.update(profiles.get(name, {}))
        flag = values.get("read_only")
        if flag is None:
            read_only = False
        else:
            flag = without_comment(flag).lower()
            read_only = flag not in ("false", "no", "0")
        banner = values.get("banner")
        banner = without_comment(banner).lower() if banner is not None else None
        return {"read_only": read_only, "banner": banner if banner in COLOURS else None}

    answers = []
    for path in json.load(open(sys.argv[1])):
        try:
            profiles = load_config(path)["profiles"]
        except Exception as error:
            answers.append({"error": type(error).__name__})
            continue
        answers.append({"profiles": {name: settings(profiles, name) for name in list(profiles) + ["not-in-the-file"]}})
    print(json.dumps(answers))
    """#
}
