import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A hostile HTTP server on loopback whose answers never end, which `HTTPServer` (whole answers only) cannot
/// be: STS GetCallerIdentity is answered normally, every other request with `answer`.
final class EndlessAnswerServer: @unchecked Sendable {
    enum Answer: Sendable {
        /// `Transfer-Encoding: chunked`, 64 KiB chunks for ever.
        case chunkedForever
        /// A Content-Length far over the cap, then bytes for ever.
        case announcedHugeThenForever
        /// A Content-Length under the cap, then one byte every `interval` seconds: never complete, never silent.
        case trickle(interval: TimeInterval)
    }

    let port: Int
    private let listener: Int32
    private let answer: Answer
    private let lock = NSLock()
    private var stopped = false

    init(_ answer: Answer) throws {
        self.answer = answer
        signal(SIGPIPE, SIG_IGN)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(listener, pointer, length) == 0 && listen(listener, 64) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw ServerFailure("cannot listen on loopback")
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { if errno == EINTR { continue } else { return } }
            let thread = Thread { [self] in
                serve(client)
                close(client)
            }
            thread.start()
        }
    }

    /// Reads one request head and its body, answers, and keeps sending until the client goes away.
    private func serve(_ fd: Int32) {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var headEnd: Range<Int>?
        while headEnd == nil {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return }
            received += chunk[0..<count]
            headEnd = received.firstRange(of: Array("\r\n\r\n".utf8))
        }
        guard let headEnd else { return }
        let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        while received.count - headEnd.upperBound < length {
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return }
            received += chunk[0..<count]
        }
        guard head.contains("x-amz-target:") else {
            let body = "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/admin</Arn>"
                + "<UserId>AIDA</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
            _ = send(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            return
        }
        let spaces = [UInt8](repeating: 0x20, count: 65_536)
        switch answer {
        case .chunkedForever:
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
            let framed = Array("10000\r\n".utf8) + spaces + Array("\r\n".utf8)
            while !isStopped, send(fd, framed) {}
        case .announcedHugeThenForever:
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100000000000\r\n\r\n") else { return }
            while !isStopped, send(fd, spaces) {}
        case let .trickle(interval):
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 1000000\r\n\r\n") else { return }
            while !isStopped, send(fd, [0x20]) { usleep(useconds_t(interval * 1_000_000)) }
        }
    }

    private func send(_ fd: Int32, _ text: String) -> Bool {
        send(fd, Array(text.utf8))
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
