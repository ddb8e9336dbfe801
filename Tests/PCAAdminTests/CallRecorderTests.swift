import Foundation
import PCAAdmin
import PCAClient
import XCTest

/// A write's calls are found by the mark taken before it, also when older calls were dropped meanwhile (a UI
/// loading thousands of CAs beside a change).
final class CallRecorderTests: XCTestCase {
    private func call(_ name: String) -> APICallRecord {
        APICallRecord(operation: name, startedAt: Date(), duration: 0, statusCode: 200, errorCode: nil, requestID: nil,
                      attempts: 1, resourceARN: nil)
    }

    func testAMarkFindsItsCallsAcrossDrops() {
        let recorder = CallRecorder(capacity: 10)
        for index in 0..<8 { recorder.append(call("Read\(index)")) }
        let mark = recorder.count
        XCTAssertEqual(mark, 8)
        recorder.append(call("CreatePermission"))
        for index in 0..<2 { recorder.append(call("Background\(index)")) }  // 11 > 10: the oldest 5 are dropped
        recorder.append(call("ListPermissions"))
        XCTAssertEqual(recorder.since(mark).map(\.operation), ["CreatePermission", "Background0", "Background1", "ListPermissions"])
        XCTAssertEqual(recorder.count, 12, "positions count every call")
        XCTAssertEqual(recorder.since(recorder.count).count, 0)
        XCTAssertEqual(recorder.since(0).first?.operation, "Read5", "what was dropped is gone; the rest is kept in order")
    }

    func testAMarkOlderThanEverythingKeptGivesWhatIsKept() {
        let recorder = CallRecorder(capacity: 4)
        for index in 0..<20 { recorder.append(call("C\(index)")) }
        XCTAssertEqual(recorder.since(3).map(\.operation), recorder.since(0).map(\.operation))
        XCTAssertEqual(recorder.since(19).map(\.operation), ["C19"])
    }
}
