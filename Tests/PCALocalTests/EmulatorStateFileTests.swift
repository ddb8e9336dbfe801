import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest

final class EmulatorStateFileTests: XCTestCase {
    func testEveryChangeIsSavedAndReloaded() async throws {
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        let emulator = try Emulator.open(seed: .demo, statePath: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the seed is written at once")
        let arn = DemoSeed.arn(DemoSeed.ID.internalCA)
        try await demoClient(emulator).createPermission(arn: arn, principal: "acm.amazonaws.com",
                                                        actions: PermissionAction.acmRenewalActions)
        let reloaded = try EmulatorState.load(from: path)
        XCTAssertEqual(reloaded.authorities.first { $0.arn == arn }?.permissions.count, 1)
        let reopened = try Emulator.open(seed: .empty, statePath: path)
        XCTAssertEqual(reopened.snapshot, reloaded, "an existing file wins over the seed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual(leftovers, ["state.json"], "no temporary files stay behind")
    }

    func testACorruptFileIsAnErrorAndIsNotReplaced() throws {
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        try "{\"account\": truncated".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Emulator.open(seed: .demo, statePath: path)) { error in
            XCTAssertTrue("\(error)".contains("not a valid emulator state"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{\"account\": truncated")
    }

    func testReadsDoNotRewriteTheFile() async throws {
        let path = try temporaryDirectory(self).appendingPathComponent("state.json").path
        let emulator = try Emulator.open(seed: .demo, statePath: path)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        try await Task.sleep(nanoseconds: 50_000_000)
        _ = try await demoClient(emulator).listCertificateAuthorities()
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        XCTAssertEqual(before, after)
    }

    func testTheStateFileIsPrivateAndCrashLeftoversAreRemoved() throws {
        let folder = try temporaryDirectory(self)
        let path = folder.appendingPathComponent("state.json").path
        // A leftover of a writer that crashed mid-save (its pid no longer runs).
        let leftover = folder.appendingPathComponent(".state.json.999999999.deadbeef.tmp").path
        XCTAssertTrue(FileManager.default.createFile(atPath: leftover, contents: Data("half".utf8)))
        _ = try Emulator.open(seed: .demo, statePath: path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
        XCTAssertEqual(mode, 0o600, "it holds the demo users' secret keys")
        _ = try Emulator.open(seed: .demo, statePath: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["state.json"])
    }

    func testASemanticallyImpossibleStateIsRefusedLikeACorruptOne() throws {
        let folder = try temporaryDirectory(self)
        let cases: [(String, (inout EmulatorState) -> Void)] = [
            ("unknown status", { $0.authorities[0].authority.status = CAStatus(rawValue: "HAPPY") }),
            ("two CAs with the ARN", { $0.authorities[1].authority.arn = $0.authorities[0].authority.arn }),
            ("date out of range", { $0.authorities[0].authority.notAfter = Date(timeIntervalSince1970: 1e15) }),
            ("ends (NotAfter) before it begins", { $0.authorities[0].authority.notAfter = Date(timeIntervalSince1970: 1) }),
            ("unknown status 'HAPPY'", { $0.acmCertificates?[0].status = "HAPPY" }),
            ("unknown renewal status", { $0.acmCertificates?[0].renewalSummary = RenewalSummary(renewalStatus: "MAYBE") }),
            ("two ACM certificates with the ARN", { state in
                let first = state.acmCertificates?[0].arn ?? ""
                state.acmCertificates?[1].arn = first
            }),
            ("not to the account of its ARN", { $0.acmCertificates?[0].account = DemoSeed.sharingAccount }),
            ("no valid certificate ARN", { $0.acmCertificates?[0].arn = "arn:aws:acm:us-east-1:not-an-account:certificate/x" }),
            ("ACM certificate", { $0.acmCertificates?[0].notAfter = Date(timeIntervalSince1970: 1e15) }),
            ("ACM certificate", { state in
                let notAfter = state.acmCertificates?[0].notAfter
                state.acmCertificates?[0].notBefore = notAfter
            }),
            ("without NotBefore and NotAfter", { $0.acmCertificates?[0].notBefore = nil }),
            ("implausible validity", { $0.acmCertificates?[0].validityDays = 10_000_000 }),
            ("unknown key algorithm", { $0.acmCertificates?[0].keyAlgorithm = "RSA_512" }),
        ]
        for (index, (problem, change)) in cases.enumerated() {
            var state = DemoSeed.state(.demo)
            change(&state)
            let path = folder.appendingPathComponent("state-\(index).json").path
            try state.save(to: path)
            let saved = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertThrowsError(try Emulator.open(seed: .demo, statePath: path), problem) { error in
                XCTAssertTrue("\(error)".contains("not a valid emulator state") && "\(error)".contains(problem), "\(error)")
            }
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), saved, "never replaced")
        }
    }
}
