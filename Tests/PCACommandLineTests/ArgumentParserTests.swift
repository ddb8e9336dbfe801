import PCACommandLine
import XCTest

final class ArgumentParserTests: XCTestCase {
    private let spec = ArgumentSpec(valueOptions: ["region", "port", "output"], flags: ["demo", "help"], aliases: ["-h": "help"])

    func testOptionsBeforeAndAfterPositionals() throws {
        let parsed = try ArgumentParser.parse(["list", "--region", "eu-west-1", "--demo", "--output=json", "extra"], spec: spec)
        XCTAssertEqual(parsed.positionals, ["list", "extra"])
        XCTAssertEqual(parsed.value("region"), "eu-west-1")
        XCTAssertEqual(parsed.value("output"), "json")
        XCTAssertTrue(parsed.has("demo"))
        XCTAssertFalse(parsed.has("help"))
    }

    func testAliasesAndDoubleDash() throws {
        let parsed = try ArgumentParser.parse(["-h", "--", "--demo"], spec: spec)
        XCTAssertTrue(parsed.has("help"))
        XCTAssertEqual(parsed.positionals, ["--demo"])
    }

    func testErrorsNameTheProblem() {
        XCTAssertThrowsError(try ArgumentParser.parse(["--nope"], spec: spec)) {
            XCTAssertEqual($0 as? ArgumentError, .unknownOption("--nope"))
        }
        XCTAssertThrowsError(try ArgumentParser.parse(["--region"], spec: spec)) {
            XCTAssertEqual($0 as? ArgumentError, .missingValue("region"))
        }
        XCTAssertThrowsError(try ArgumentParser.parse(["--demo=yes"], spec: spec)) {
            XCTAssertEqual($0 as? ArgumentError, .unexpectedValue("demo"))
        }
        XCTAssertThrowsError(try ArgumentParser.parse(["-x"], spec: spec)) {
            XCTAssertEqual("\($0)", "unknown option '-x'")
        }
    }

    func testTypedValues() throws {
        let parsed = try ArgumentParser.parse(["--port", "8080", "--output", "yaml", "--region", "0.5"], spec: spec)
        XCTAssertEqual(try parsed.integer("port", in: 0...65535), 8080)
        XCTAssertEqual(try parsed.number("region", in: 0...1), 0.5)
        XCTAssertThrowsError(try parsed.choice("output", ["text", "json"])) {
            XCTAssertEqual("\($0)", "'yaml' is not valid for --output: expected one of text, json")
        }
        XCTAssertThrowsError(try ParsedArguments(values: ["port": "99999"]).integer("port", in: 0...65535))
        XCTAssertNil(try parsed.integer("missing", in: 0...1))
    }
}

extension ParsedArguments {
    init(values: [String: String]) {
        self.init()
        self.values = values
    }
}

final class ForgottenValueTests: XCTestCase {
    func testAnOptionNameIsNeverTakenAsTheValueBeforeIt() {
        let spec = ArgumentSpec(valueOptions: ["out"], flags: ["dry-run"])
        XCTAssertThrowsError(try ArgumentParser.parse(["--out", "--dry-run"], spec: spec)) { error in
            XCTAssertEqual(error as? ArgumentError, .missingValue("out"))
        }
        XCTAssertEqual(try ArgumentParser.parse(["--out=--dry-run"], spec: spec).value("out"), "--dry-run", "said explicitly: taken")
        XCTAssertEqual(try ArgumentParser.parse(["--out", "-"], spec: spec).value("out"), "-")
    }
}
