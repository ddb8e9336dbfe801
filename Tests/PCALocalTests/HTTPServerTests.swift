import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class HTTPServerTests: XCTestCase {
    private var server: HTTPServer!
    private var port = 0

    override func setUpWithError() throws {
        var limits = HTTPServer.Limits()
        limits.readTimeout = 2
        limits.headDeadline = 1.5
        limits.maxIdleConnections = 1
        server = HTTPServer(emulator: demoEmulator(), limits: limits)
        port = try server.start()
    }

    override func tearDown() {
        server.stop()
    }

    private func client() -> PCAClient {
        PCAClient(endpoint: ResolvedEndpoint(url: URL(string: "http://127.0.0.1:\(port)")!, signingRegion: "us-east-1", isOverride: true),
                  credentialProvider: StaticCredentialProvider(DemoUser.admin.credentials), transport: URLSessionTransport(),
                  retryPolicy: RetryPolicy(mode: .standard, maxAttempts: 1), timeout: 5)
    }

    /// A raw TCP connection to the server (to `port` unless told).
    private func connect(to port: Int? = nil) throws -> Int32 {
        let port = port ?? self.port
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private func exchange(_ fd: Int32, _ text: Data) -> String {
        _ = text.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    func testRealClientOverHTTP() async throws {
        let page = try await client().listCertificateAuthorities()
        XCTAssertGreaterThan(page.certificateAuthorities?.count ?? 0, 8)
        let identity = try await client().callerIdentity()
        XCTAssertEqual(identity.arn, "arn:aws:iam::111122223333:user/ca-admin")
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let fd = try connect()
        defer { close(fd) }
        for _ in 0..<3 {
            let answer = exchange(fd, Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".utf8))
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), answer)
            XCTAssertTrue(answer.contains("MissingAuthenticationTokenException"))
        }
    }

    func testATricklingClientIsCutOffAtTheHeadDeadline() throws {
        let fd = try connect()
        defer { close(fd) }
        let started = Date()
        var cutOff = false
        // One header byte every 0.3 s: each read is well inside the 2 s read timeout.
        for byte in Array("POST / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaa".utf8) {
            let sent = withUnsafePointer(to: byte) { send(fd, $0, 1, Int32(MSG_NOSIGNAL)) }
            if sent < 0 { cutOff = true; break }
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&probe, 1, 300) > 0 {
                var scratch = [UInt8](repeating: 0, count: 64)
                if recv(fd, &scratch, scratch.count, 0) <= 0 { cutOff = true; break }
            }
            if Date().timeIntervalSince(started) > 8 { break }
        }
        XCTAssertTrue(cutOff, "the server kept a trickling client")
        XCTAssertLessThan(Date().timeIntervalSince(started), 6)
    }

    /// Clients that send a whole head, then the body one byte at a time, each read well inside the read
    /// timeout: with every connection slot taken, they would keep the others out (503) for as long as they like.
    /// The body deadline cuts them off with a 408, and the next client is served.
    func testTricklingBodiesAreCutOffAndDoNotStarveOthers() throws {
        var limits = HTTPServer.Limits()
        limits.readTimeout = 2
        limits.bodyDeadline = 1.5
        limits.maxConnections = 2
        let guarded = HTTPServer(emulator: demoEmulator(), limits: limits)
        let port = try guarded.start()
        defer { guarded.stop() }
        let tricklers = try (0..<2).map { _ in try connect(to: port) }
        defer { tricklers.forEach { close($0) } }
        for fd in tricklers {
            _ = Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n".utf8).withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
        }
        let started = Date()
        var answers = tricklers.map { _ in "" }
        var servedOther: String?
        while Date().timeIntervalSince(started) < 8, answers.contains("") || servedOther == nil {
            for (index, fd) in tricklers.enumerated() where answers[index].isEmpty {
                var byte: UInt8 = 0x20
                if send(fd, &byte, 1, Int32(MSG_NOSIGNAL)) < 0 { answers[index] = "closed"; continue }
                var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&probe, 1, 0) > 0 {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    let count = recv(fd, &buffer, buffer.count, 0)
                    answers[index] = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : "closed"
                }
            }
            if servedOther == nil, Date().timeIntervalSince(started) > 0.5 {
                let other = try connect(to: port)
                let answer = exchange(other, Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".utf8))
                close(other)
                if !answer.hasPrefix("HTTP/1.1 503") { servedOther = answer }
            }
            usleep(300_000)
        }
        let seconds = Date().timeIntervalSince(started)
        for answer in answers {
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408"), "a trickling client was not cut off with 408: \(answer.debugDescription)")
        }
        XCTAssertTrue(servedOther?.hasPrefix("HTTP/1.1 400") ?? false, "another client was kept out: \(servedOther ?? "503 throughout")")
        XCTAssertLessThan(seconds, 5)
    }

    func testIdleKeepAliveConnectionsAreCapped() throws {
        let first = try connect()
        defer { close(first) }
        let second = try connect()
        defer { close(second) }
        let request = Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".utf8)
        let kept = exchange(first, request)
        XCTAssertFalse(kept.contains("Connection: close"), kept)
        let closed = exchange(second, request)
        XCTAssertTrue(closed.contains("Connection: close"), "the idle slot is taken: \(closed)")
        var scratch = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(recv(second, &scratch, scratch.count, 0), 0, "the server closed the second connection")
        XCTAssertTrue(exchange(first, request).hasPrefix("HTTP/1.1 400"), "the idle one is still served")
    }

    func testOversizedBodyIsRefused() throws {
        let fd = try connect()
        defer { close(fd) }
        let answer = exchange(fd, Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n".utf8))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 413"), answer)
    }

    func testMalformedRequestIsRefused() throws {
        let fd = try connect()
        defer { close(fd) }
        let answer = exchange(fd, Data("NONSENSE\r\n\r\n".utf8))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), answer)
    }

    func testHugeHeaderIsRefused() throws {
        let fd = try connect()
        defer { close(fd) }
        let answer = exchange(fd, Data(("POST / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n").utf8))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 431"), answer)
    }

    func testASilentClientDoesNotBlockOthers() async throws {
        let silent = try connect()
        defer { close(silent) }
        _ = Data("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".utf8).withUnsafeBytes {
            send(silent, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        let page = try await client().listCertificateAuthorities()
        XCTAssertNotNil(page.certificateAuthorities)
    }

    func testConcurrentClients() async throws {
        let client = client()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask { try await client.allPermissions(arn: DemoSeed.arn(DemoSeed.ID.root)).count }
            }
            for try await count in group {
                XCTAssertEqual(count, 1)
            }
        }
    }

    /// Cancelling a request at the moment its answer arrives must neither hang nor crash. URLSession's own
    /// async API deadlocks here on Linux (see URLSessionTransport.perform); this races the two many times.
    func testCancellingRequestsAtRandomMomentsNeverHangs() throws {
        let transport = URLSessionTransport()
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:\(port)/")!,
                                  headers: [("Content-Type", "application/x-amz-json-1.1")], body: Data("{}".utf8))
        var outcomes = (answered: 0, cancelled: 0)
        for round in 0..<300 {
            let finished = DispatchSemaphore(value: 0)
            let outcome = OutcomeBox()
            let task = Task {
                do {
                    _ = try await transport.send(request, timeout: 5)
                    outcome.set(true)
                } catch {
                    outcome.set(false)
                }
                finished.signal()
            }
            usleep(UInt32.random(in: 0...1_500))
            task.cancel()
            guard finished.wait(timeout: .now() + 10) == .success else {
                XCTFail("request \(round) neither answered nor ended after being cancelled")
                return
            }
            if outcome.answered { outcomes.answered += 1 } else { outcomes.cancelled += 1 }
        }
        // Both orders happened, so the race was really run.
        XCTAssertGreaterThan(outcomes.answered, 0)
        XCTAssertGreaterThan(outcomes.cancelled, 0)
    }
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set(_ answered: Bool) {
        lock.lock()
        value = answered
        lock.unlock()
    }

    var answered: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
