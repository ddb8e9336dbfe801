import Foundation

/// Knows which changes are in flight, so that a signal never cuts one in half: the first SIGINT, SIGTERM or
/// SIGHUP during a change lets it finish (or roll back) and be journaled, and no further change starts; a
/// second one within `forceWindow` forces the exit and names what is unknown. Both faces' signal handlers
/// ask it.
public final class WriteInterlock: @unchecked Sendable {
    public static let shared = WriteInterlock()

    /// What a signal should do now.
    public enum Verdict: Sendable, Equatable {
        /// Nothing is in flight: exit as the signal asks.
        case exitNow
        /// Changes are in flight (described): let them finish, then exit.
        case finishFirst([String])
        /// A second signal within the window: exit now; these changes' outcomes are unknown.
        case forceExit([String])
    }

    public static let forceWindow: TimeInterval = 2

    private let condition = NSCondition()
    private var inFlight: [UUID: String] = [:]
    private var stopping = false
    private var lastSignal: (number: Int32, at: Date)?

    public init() {}

    /// Registers a change about to send its first request; nil once a stop was asked for (the change must not
    /// start).
    public func begin(_ description: String) -> UUID? {
        condition.withLock {
            guard !stopping else { return nil }
            let id = UUID()
            inFlight[id] = description
            return id
        }
    }

    public func end(_ id: UUID) {
        condition.withLock {
            inFlight[id] = nil
            condition.broadcast()
        }
    }

    /// No change starts from now on (a signal, or quitting the UI while a change is in flight).
    public func requestStop() {
        condition.withLock { stopping = true }
    }

    public var isStopping: Bool { condition.withLock { stopping } }

    /// True once a second signal forced the exit: nothing waits for the changes in flight any more.
    public var isForced: Bool { condition.withLock { forced } }
    private var forced = false

    /// The signal that arrived while changes were in flight, if any: once they finish, the exit status is
    /// 128 + it.
    public var stopSignal: Int32? { condition.withLock { signalDuringWrite } }
    private var signalDuringWrite: Int32?

    public var inFlightDescriptions: [String] { condition.withLock { inFlight.values.sorted() } }

    public func signalArrived(_ number: Int32, now: Date = Date()) -> Verdict {
        condition.withLock {
            defer { lastSignal = (number, now) }
            stopping = true
            let pending = inFlight.values.sorted()
            guard !pending.isEmpty else { return .exitNow }
            signalDuringWrite = number
            if let last = lastSignal, now.timeIntervalSince(last.at) <= Self.forceWindow {
                forced = true
                condition.broadcast()
                return .forceExit(pending)
            }
            return .finishFirst(pending)
        }
    }

    /// Blocks until no change is in flight, or the exit was forced.
    public func waitUntilIdle() {
        condition.withLock {
            while !inFlight.isEmpty, !forced { condition.wait() }
        }
    }

    /// What a forced exit leaves unknown, for standard error.
    public static func forcedExitMessage(_ pending: [String], journalPath: String) -> String {
        "pca-tui: forced exit: the outcome of \(pending.joined(separator: "; ")) is unknown. Its intent is in "
            + "\(journalPath); the next start reads the CA and reports what it holds.\n"
    }
}
