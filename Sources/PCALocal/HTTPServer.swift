import Foundation
import PCAClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for the emulator: keep-alive, one thread per connection so a slow or broken
/// client never blocks the others, and hard limits on what a request may be.
public final class HTTPServer: @unchecked Sendable {
    public struct Limits: Sendable {
        public var maxBodyBytes = 1 << 20
        public var maxHeaderBytes = 16 << 10
        /// A client silent this long (mid-request or idle between requests) is disconnected.
        public var readTimeout: TimeInterval = 10
        public var maxConnections = 512
        /// The whole request line and headers must arrive within this many seconds.
        public var headDeadline: TimeInterval = 30
        /// The whole body must arrive within this many seconds after the head: a client trickling a byte
        /// just inside each read timeout would otherwise hold its connection, and one of `maxConnections`, for ever.
        public var bodyDeadline: TimeInterval = 30
        /// Keep-alive connections allowed to wait for a next request; beyond it an answer closes its
        /// connection, so idle clients cannot hold every thread.
        public var maxIdleConnections = 64
        public init() {}
    }

    /// Answers one request: method, target, headers and body in, the response out.
    public typealias Handler = @Sendable (_ method: String, _ target: String, _ headers: [(name: String, value: String)],
                                          _ body: Data) -> HTTPResponse

    private let handler: Handler
    private let limits: Limits
    private var listener: Int32 = -1
    private let lock = NSLock()
    private var connections = 0
    private var idleConnections = 0
    private var stopping = false
    public private(set) var port: Int = 0
    public private(set) var host: String

    /// The emulator over HTTP, with its simulated latency and delayed operations.
    public convenience init(emulator: Emulator, host: String = "127.0.0.1", port: Int = 0, limits: Limits = Limits()) {
        self.init(host: host, port: port, limits: limits) { method, target, headers, body in
            let delay = emulator.delay(headers: headers)
            if delay > 0 { usleep(useconds_t(delay * 1_000_000)) }
            return emulator.respond(method: method, target: target, headers: headers, body: body)
        }
    }

    /// Any handler over HTTP; the tests' hostile servers use it.
    public init(host: String = "127.0.0.1", port: Int = 0, limits: Limits = Limits(), handler: @escaping Handler) {
        self.handler = handler
        self.host = host
        self.port = port
        self.limits = limits
    }

    /// Binds and starts accepting on a background thread; returns the bound port.
    @discardableResult
    public func start() throws -> Int {
        signal(SIGPIPE, SIG_IGN)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            throw ServerError.bind("cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw ServerError.bind("socket() failed: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            close(fd)
            throw ServerError.bind("cannot bind \(host):\(port): \(String(cString: strerror(errno)))")
        }
        guard listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError.bind("listen() failed")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        port = Int(address.ss_family == sa_family_t(AF_INET6)
            ? withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
            : withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } })
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "pca-local accept"
        thread.start()
        return port
    }

    /// Stops accepting; connections in progress finish their current request.
    public func stop() {
        lock.withLock { stopping = true }
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
        }
    }

    public enum ServerError: Error, CustomStringConvertible {
        case bind(String)
        public var description: String {
            switch self { case let .bind(detail): return detail }
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopping }) { return }
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE { usleep(1000); continue }
                return
            }
            let admitted = lock.withLock { () -> Bool in
                guard connections < limits.maxConnections else { return false }
                connections += 1
                return true
            }
            guard admitted else {
                let busy = Self.rawResponse(status: 503, reason: "Service Unavailable", headers: [("Connection", "close")], body: Data())
                _ = busy.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                close(client)
                lock.withLock { connections -= 1 }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: Int(limits.readTimeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var reader = ConnectionReader(fd: fd)
        // A keep-alive connection waiting for its next request holds one of `maxIdleConnections` slots.
        var holdsIdleSlot = false
        defer { if holdsIdleSlot { lock.withLock { idleConnections -= 1 } } }
        while true {
            let outcome = readRequest(&reader, fd: fd)
            if holdsIdleSlot {
                lock.withLock { idleConnections -= 1 }
                holdsIdleSlot = false
            }
            switch outcome {
            case .closed:
                return
            case let .reject(status, reason, message):
                write(fd, Self.rawResponse(status: status, reason: reason, headers: [("Connection", "close"),
                                                                                        ("Content-Type", "text/plain")],
                                           body: Data((message + "\n").utf8)))
                return
            case let .request(request):
                let response = handler(request.method, request.target, request.headers, request.body)
                var headers = response.headers
                headers.append(("Date", Self.httpDate()))
                let keepAlive = request.keepAlive && lock.withLock { () -> Bool in
                    guard idleConnections < limits.maxIdleConnections else { return false }
                    idleConnections += 1
                    return true
                }
                holdsIdleSlot = keepAlive
                if !keepAlive { headers.append(("Connection", "close")) }
                guard write(fd, Self.rawResponse(status: response.statusCode, reason: Self.reason(response.statusCode),
                                                 headers: headers, body: response.body)), keepAlive else { return }
            }
        }
    }

    struct ParsedRequest {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: Data
        var keepAlive: Bool
    }

    enum ReadOutcome {
        case request(ParsedRequest)
        case reject(Int, String, String)
        case closed
    }

    private func readRequest(_ reader: inout ConnectionReader, fd: Int32) -> ReadOutcome {
        guard let head = reader.readHead(limit: limits.maxHeaderBytes, deadline: limits.headDeadline) else {
            return reader.overflowed ? .reject(431, "Request Header Fields Too Large", "header section too large") : .closed
        }
        // CR LF is one Character: split on it as `components(separatedBy: "\r\n")` did, without Foundation's cost.
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), requestLine[1].hasPrefix("/") else {
            return .reject(400, "Bad Request", "malformed request line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .reject(400, "Bad Request", "malformed header line") }
            headers.append((Self.trimmed(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
        }
        func header(_ name: String) -> String? {
            // RFC 9110: ASCII letters without regard to case (Foundation's caseInsensitiveCompare also folded a few
            // other letters, the long s of `Tranſfer-Encoding`; HTTP does not).
            headers.first { HeaderName.equal($0.name, name) }?.value
        }
        if header("Transfer-Encoding") != nil {
            return .reject(411, "Length Required", "chunked bodies are not accepted; send Content-Length")
        }
        let length: Int
        if let text = header("Content-Length") {
            guard let value = Int(text), value >= 0 else { return .reject(400, "Bad Request", "invalid Content-Length") }
            length = value
        } else {
            length = 0
        }
        if length > limits.maxBodyBytes {
            return .reject(413, "Payload Too Large", "request bodies are limited to \(limits.maxBodyBytes) bytes")
        }
        if header("Expect")?.lowercased() == "100-continue" {
            write(fd, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        guard let body = reader.readBody(length, deadline: limits.bodyDeadline) else {
            return reader.timedOut ? .reject(408, "Request Timeout", "the body did not arrive within \(Int(limits.bodyDeadline)) s") : .closed
        }
        let version = String(requestLine[2])
        let connection = header("Connection")?.lowercased()
        let keepAlive = version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
        return .request(ParsedRequest(method: String(requestLine[0]), target: String(requestLine[1]),
                                      headers: headers, body: body, keepAlive: keepAlive))
    }

    /// `text` without the whitespace around it, as `trimmingCharacters(in: .whitespaces)` has it (spaces, tabs and
    /// Unicode's other spaces); without Foundation when what is left after spaces and tabs ends in ASCII on both
    /// sides, as nearly every header does.
    static func trimmed(_ text: Substring) -> String {
        var bytes = text.utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        guard let first = bytes.first, let last = bytes.last else { return "" }
        guard first < 0x80, last < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return String(Substring(bytes))
    }

    @discardableResult
    private func write(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 {
                    if sent < 0 && errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    static func rawResponse(status: Int, reason: String, headers: [(name: String, value: String)], body: Data) -> Data {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Data(head.utf8) + body
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status \(status)"
        }
    }

    static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                strftime($0, bytes.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
            }
        }
        return String(decoding: buffer[..<length], as: UTF8.self)
    }
}

/// Buffered reads from a socket.
struct ConnectionReader {
    let fd: Int32
    var buffer = [UInt8]()
    var overflowed = false
    /// The last read ended because its deadline passed.
    var timedOut = false

    init(fd: Int32) { self.fd = fd }

    /// Reads what arrives next; false when the peer went away or was silent past the socket's read timeout,
    /// or past `deadline` (the socket then waits no longer than the time left).
    private mutating func fill(until deadline: Date? = nil) -> Bool {
        if let deadline {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else {
                timedOut = true
                return false
            }
            var current = timeval()
            var size = socklen_t(MemoryLayout<timeval>.size)
            getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &current, &size)
            let readTimeout = current.tv_sec == 0 && current.tv_usec == 0 ? .infinity
                : TimeInterval(current.tv_sec) + TimeInterval(current.tv_usec) / 1_000_000
            if left < readTimeout {
                var shorter = timeval(tv_sec: Int(left), tv_usec: Int((left - left.rounded(.down)) * 1_000_000) + 1)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &shorter, socklen_t(MemoryLayout<timeval>.size))
                defer { setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &current, socklen_t(MemoryLayout<timeval>.size)) }
                let filled = fill()
                if !filled, deadline.timeIntervalSinceNow <= 0 { timedOut = true }
                return filled
            }
        }
        return fill()
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// The request line and headers, without the blank line; nil when the peer went away, timed out, sent
    /// more than `limit` bytes of header, or took longer than `deadline` seconds for the whole head (a client
    /// trickling a byte just inside each read timeout would otherwise hold its thread for ever).
    mutating func readHead(limit: Int, deadline: TimeInterval = 30) -> String? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var searchFrom = 0
        let giveUp = Date().addingTimeInterval(deadline)
        while true {
            if Date() > giveUp, !buffer.isEmpty {
                return nil
            }
            if buffer.count >= 4 {
                var index = max(0, searchFrom - 3)
                while index <= buffer.count - 4 {
                    if buffer[index] == 13, Array(buffer[index..<(index + 4)]) == terminator {
                        let head = String(decoding: buffer[0..<index], as: UTF8.self)
                        buffer.removeFirst(index + 4)
                        return head
                    }
                    index += 1
                }
                searchFrom = buffer.count
            }
            if buffer.count > limit {
                overflowed = true
                return nil
            }
            guard fill() else { return nil }
        }
    }

    /// The next `length` bytes; nil when the peer went away, timed out, or took longer than `deadline` seconds
    /// for all of them (`timedOut` then says so).
    mutating func readBody(_ length: Int, deadline: TimeInterval = 30) -> Data? {
        let giveUp = Date().addingTimeInterval(deadline)
        while buffer.count < length {
            guard fill(until: giveUp) else { return nil }
        }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return body
    }
}
