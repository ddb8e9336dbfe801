import Foundation
import PCAAdmin
import PCAClient
#if canImport(Glibc)
import Glibc
#endif

/// A request of the demo's administrator to the emulator at `port`, signed.
func signedRequest(port: Int, target: String, service: String, body: String) -> HTTPRequest {
    var request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:\(port)/")!,
                              headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", target)],
                              body: Data(body.utf8))
    SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDLOCALADMIN", secretAccessKey: "local-admin-secret"),
                region: "us-east-1", service: service).sign(&request)
    return request
}

/// One ListPermissions request for `arn`, signed.
func signedListPermissions(port: Int, arn: String) -> HTTPRequest {
    signedRequest(port: port, target: "ACMPrivateCA.ListPermissions", service: "acm-pca",
                  body: "{\"CertificateAuthorityArn\":\"\(arn)\"}")
}

/// The request as HTTP/1.1 bytes on the wire.
func wireBytes(_ request: HTTPRequest) -> [UInt8] {
    var raw = "\(request.method) / HTTP/1.1\r\n"
    for header in request.headers { raw += "\(header.name): \(header.value)\r\n" }
    raw += "Content-Length: \(request.body.count)\r\n\r\n"
    return Array(raw.utf8) + Array(request.body)
}

/// Requests per second the emulator answers: `connections` threads, each with one keep-alive connection,
/// sending the same signed ListPermissions request for `seconds`.
func measureRequestsPerSecond(port: Int, arn: String, connections: Int, seconds: Double) -> Double {
    let bytes = wireBytes(signedListPermissions(port: port, arn: arn))
    let counter = Counter()
    let deadline = Date().addingTimeInterval(seconds)
    let group = DispatchGroup()
    for _ in 0..<connections {
        group.enter()
        Thread.detachNewThread {
            counter.add(exchange(port: port, bytes: bytes) { Date() < deadline })
            group.leave()
        }
    }
    group.wait()
    return Double(counter.total) / seconds
}

/// Sends `bytes` over one keep-alive connection and reads each whole answer, for as long as `another()` says;
/// returns how many answers arrived with status 200.
func exchange(port: Int, bytes: [UInt8], another: () -> Bool) -> Int {
    converse(port: port) { _ in another() ? bytes : nil }
}

/// One answer read by `converse`.
struct RawAnswer {
    var status: Int
    var body: [UInt8]
}

/// Requests over one keep-alive connection, one after another: `next` gets the previous answer (nil before the
/// first) and gives the next request's bytes, or nil to stop. Returns how many answers arrived with status 200.
func converse(port: Int, next: (RawAnswer?) -> [UInt8]?) -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return 0 }
    var answered = 0
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var answer: RawAnswer?
    while let bytes = next(answer) {
        guard send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { break }
        // Read one whole answer: headers, then Content-Length bytes.
        var received: [UInt8] = []
        var bodyStart = 0
        var status = 0
        var expected: Int?
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return answered }
            received += buffer[0..<count]
            if expected == nil, let end = headerEnd(received) {
                let head = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                bodyStart = end + 4
                expected = bodyStart + length
            }
            if let expected, received.count >= expected { break }
        }
        answer = RawAnswer(status: status, body: Array(received[bodyStart...]))
        if status == 200 { answered += 1 }
    }
    return answered
}

private func headerEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
        return index
    }
    return nil
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ amount: Int) { lock.withLock { value += amount } }
    /// Takes one unit if any is left.
    func take() -> Bool {
        lock.withLock {
            guard value > 0 else { return false }
            value -= 1
            return true
        }
    }
    var total: Int { lock.withLock { value } }
}
