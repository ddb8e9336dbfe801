import Foundation
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
}
