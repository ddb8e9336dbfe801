import Foundation
import PCAAdmin
import PCAClient
import PCATerminalUI

/// Answers the credential chain's MFA prompts (`mfa_serial` profiles) from inside the UI.
///
/// Once curses owns the terminal, the chain cannot ask on /dev/tty: the prompt would be drawn over the
/// screen and its answer read by the UI loop. Instead the ask becomes an event, the UI shows a prompt,
/// and the typed code comes back here through the `.answerMFA` effect. Before the UI starts (no queue
/// yet), the plain terminal prompt is used, as the AWS CLI does.
final class MFABroker: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: EventSink
    private var waiting: [CheckedContinuation<String, Error>] = []

    init(sink: EventSink) {
        self.sink = sink
    }

    /// The prompt handed to the credential chain.
    var prompt: MFACodePrompt {
        { [self] serial in try await ask(serial: serial) }
    }

    func ask(serial: String) async throws -> String {
        guard sink.isAttached else {
            return try await TerminalMFAPrompt.ask(serial: serial)
        }
        return try await withCheckedThrowingContinuation { continuation in
            // Concurrent asks (rare: the chain shares one refresh) wait for the same answer and prompt once.
            let first = lock.withLock { () -> Bool in
                waiting.append(continuation)
                return waiting.count == 1
            }
            if first {
                sink.post(.mfaCodeNeeded(serial: serial))
            }
        }
    }

    /// The code typed at the prompt, or nil when the user cancelled it.
    func answer(_ code: String?) {
        for continuation in takeWaiting() {
            if let code {
                continuation.resume(returning: code)
            } else {
                continuation.resume(throwing: ClientError.credentialsFailed(source: "mfa_serial",
                                                                            reason: "MFA code entry was cancelled"))
            }
        }
    }

    /// How many asks wait for the code now.
    var waitingCount: Int { lock.withLock { waiting.count } }

    /// Ends every wait when the UI quits.
    func cancelAll() {
        takeWaiting().forEach { $0.resume(throwing: CancellationError()) }
    }

    /// Everyone waiting, removed from the list; resumed outside the lock.
    private func takeWaiting() -> [CheckedContinuation<String, Error>] {
        lock.withLock {
            defer { waiting.removeAll() }
            return waiting
        }
    }
}
