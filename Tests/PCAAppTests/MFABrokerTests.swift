import Foundation
@testable import PCAApp
import PCAAdmin
import PCAClient
import PCATerminalUI
import XCTest

/// The bridge between the credential chain's MFA prompt and the UI loop.
final class MFABrokerTests: XCTestCase {
    private func attachedBroker() -> (MFABroker, EventQueue) {
        let sink = EventSink()
        let queue = EventQueue()
        sink.attach(queue)
        return (MFABroker(sink: sink), queue)
    }

    /// Waits until the UI queue holds the prompt event, as the UI loop would see it.
    private func waitForPromptEvent(_ queue: EventQueue) -> [String] {
        let deadline = Date().addingTimeInterval(5)
        var serials: [String] = []
        while serials.isEmpty, Date() < deadline {
            for event in queue.drain() {
                if case let .mfaCodeNeeded(serial) = event { serials.append(serial) }
            }
            if serials.isEmpty { usleep(5_000) }
        }
        return serials
    }

    func testTheCodeTypedInTheUIReachesTheChain() async throws {
        let (broker, queue) = attachedBroker()
        let asking = Task { try await broker.prompt("arn:aws:iam::111122223333:mfa/ca-admin") }
        XCTAssertEqual(waitForPromptEvent(queue), ["arn:aws:iam::111122223333:mfa/ca-admin"])
        broker.answer("123456")
        let code = try await asking.value
        XCTAssertEqual(code, "123456")
    }

    func testConcurrentAsksPromptOnceAndShareTheAnswer() async throws {
        let (broker, queue) = attachedBroker()
        let first = Task { try await broker.ask(serial: "device") }
        XCTAssertEqual(waitForPromptEvent(queue), ["device"])
        let second = Task { try await broker.ask(serial: "device") }
        // Answered only once the second ask waits too (answered earlier, it would be a first ask of its own).
        let deadline = Date().addingTimeInterval(30)
        while broker.waitingCount < 2, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        guard broker.waitingCount == 2 else {
            broker.answer("654321")
            return XCTFail("the second ask never waited for the code")
        }
        XCTAssertTrue(queue.drain().isEmpty, "the second ask posted no prompt of its own")
        broker.answer("654321")
        let answers = try await [first.value, second.value]
        XCTAssertEqual(answers, ["654321", "654321"])
    }

    func testCancelledPromptFailsTheCredentialsClearly() async {
        let (broker, queue) = attachedBroker()
        let asking = Task { try await broker.ask(serial: "device") }
        _ = waitForPromptEvent(queue)
        broker.answer(nil)
        do {
            _ = try await asking.value
            XCTFail("a cancelled prompt must not give a code")
        } catch let ClientError.credentialsFailed(source, reason) {
            XCTAssertEqual(source, "mfa_serial")
            XCTAssertEqual(reason, "MFA code entry was cancelled")
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testQuittingEndsEveryWait() async {
        let (broker, queue) = attachedBroker()
        let asking = Task { try await broker.ask(serial: "device") }
        _ = waitForPromptEvent(queue)
        broker.cancelAll()
        do {
            _ = try await asking.value
            XCTFail("quitting must end the wait")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
    }
}
