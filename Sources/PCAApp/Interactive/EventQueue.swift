import Foundation
import PCATerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Events from any thread to the UI loop. Posting writes a byte to a pipe, so the loop, asleep in poll(2),
/// wakes up at once and not before.
final class EventQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [AppEvent] = []
    private var wakeDescriptors: [Int32] = [-1, -1]

    init() {
        pipe(&wakeDescriptors)
        for descriptor in wakeDescriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit {
        close(wakeDescriptors[0])
        close(wakeDescriptors[1])
    }

    var wakeDescriptor: Int32 { wakeDescriptors[0] }

    func post(_ event: AppEvent) {
        lock.withLock { pending.append(event) }
        var byte: UInt8 = 1
        _ = write(wakeDescriptors[1], &byte, 1)
    }

    /// Everything posted so far, in order.
    func drain() -> [AppEvent] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptors[0], &buffer, buffer.count) > 0 {}
        // Handed over whole, not emptied in place: keeping the capacity would allocate a second buffer as large
        // as the biggest burst (thousands of answers at once) and hold it for the rest of the session.
        return lock.withLock {
            defer { pending = [] }
            return pending
        }
    }
}

/// Lets the client's observer, created before the UI, reach the UI's queue once it exists.
final class EventSink: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: EventQueue?

    func attach(_ queue: EventQueue) {
        lock.withLock { self.queue = queue }
    }

    func post(_ event: AppEvent) {
        lock.withLock { queue }?.post(event)
    }

    /// True once the UI loop exists to receive events.
    var isAttached: Bool {
        lock.withLock { queue != nil }
    }
}
