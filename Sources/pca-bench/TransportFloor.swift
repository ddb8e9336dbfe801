import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PCAClient
#if canImport(Glibc)
import Glibc
#endif

/// What the HTTP layer alone costs, apart from everything else pca-tui does per CA: `count` copies of one
/// pre-signed ListPermissions request, `concurrency` at a time, against the same emulator, measured in this
/// process (its CPU from getrusage; the emulator is another process), each the median of `repetitions` rounds of
/// the three in turn. A request counts only when it is answered 200. The three clients:
/// - raw sockets: keep-alive HTTP/1.1 written by hand, no TLS possible; what the machine and the emulator allow;
/// - URLSession: Foundation's own async API (`data(for:)`), nothing of pca-tui's;
/// - pca-tui's transport: `URLSessionTransport`, the one every pca-tui request goes through.
/// The issue keeps TLS with Foundation, and on Linux URLSession is Foundation's only HTTP client with TLS: its line
/// is the least any request to real AWS can cost here.
struct TransportRun {
    var client: String
    var count: Int
    var latencyMs: Int
    var wall: Double
    var cpu: Double
    var failures: Int
}

func measureTransports(port: Int, arn: String, count: Int, latencyMs: Int) -> [TransportRun] {
    let signed = signedListPermissions(port: port, arn: arn)
    let clients: [(name: String, run: () -> Int)] = [
        ("raw sockets", { measureRawSockets(port: port, request: signed, count: count) }),
        ("URLSession data(for:)", { runAsync { await measureURLSession(signed, count: count) } }),
        ("pca-tui's URLSessionTransport", { runAsync { await measureTransport(signed, count: count) } }),
    ]
    // The three in turn, `repetitions` rounds, so that a busy moment of the machine does not land on one of them
    // alone; each one's median.
    var runs: [[TransportRun]] = Array(repeating: [], count: clients.count)
    for _ in 0..<repetitions {
        for (index, client) in clients.enumerated() {
            runs[index].append(timed(client.name, count, latencyMs, client.run))
        }
    }
    return runs.map { rounds in
        var run = rounds[0]
        run.wall = median(rounds.map(\.wall))
        run.cpu = median(rounds.map(\.cpu))
        run.failures = rounds.map(\.failures).max() ?? 0
        return run
    }
}

private func timed(_ client: String, _ count: Int, _ latencyMs: Int, _ body: () -> Int) -> TransportRun {
    let cpuBefore = processCPUSeconds()
    let start = DispatchTime.now()
    let failures = body()
    return TransportRun(client: client, count: count, latencyMs: latencyMs, wall: elapsed(since: start),
                        cpu: processCPUSeconds() - cpuBefore, failures: failures)
}

/// Seconds since `start`, on the monotonic clock.
func elapsed(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// This process's user + system CPU.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Runs an async measurement to completion from synchronous code.
private func runAsync(_ body: @escaping @Sendable () async -> Int) -> Int {
    let result = Counter()
    let done = DispatchSemaphore(value: 0)
    Task {
        result.add(await body())
        done.signal()
    }
    done.wait()
    return result.total
}

/// `count` requests through `send`, `concurrency` in flight; returns how many failed.
private func drive(count: Int, _ send: @escaping @Sendable () async -> Bool) async -> Int {
    await withTaskGroup(of: Bool.self) { group in
        var started = 0
        var failures = 0
        while started < min(concurrency, count) {
            group.addTask { await send() }
            started += 1
        }
        while let succeeded = await group.next() {
            if !succeeded { failures += 1 }
            if started < count {
                group.addTask { await send() }
                started += 1
            }
        }
        return failures
    }
}

private func measureURLSession(_ request: HTTPRequest, count: Int) async -> Int {
    var urlRequest = URLRequest(url: request.url)
    urlRequest.httpMethod = request.method
    for header in request.headers where header.name.lowercased() != "host" {
        urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
    }
    urlRequest.httpBody = request.body
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = concurrency
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let prepared = urlRequest
    return await drive(count: count) {
        guard let (_, response) = try? await session.data(for: prepared) else { return false }
        return (response as? HTTPURLResponse)?.statusCode == 200
    }
}

private func measureTransport(_ request: HTTPRequest, count: Int) async -> Int {
    let transport = URLSessionTransport(maximumConnectionsPerHost: concurrency)
    return await drive(count: count) {
        (try? await transport.send(request, timeout: 30))?.statusCode == 200
    }
}

/// `concurrency` threads, each with one keep-alive connection, sharing `count` requests.
private func measureRawSockets(port: Int, request: HTTPRequest, count: Int) -> Int {
    let bytes = wireBytes(request)
    let remaining = Counter()
    remaining.add(count)
    let answered = Counter()
    let group = DispatchGroup()
    for _ in 0..<concurrency {
        group.enter()
        Thread.detachNewThread {
            answered.add(exchange(port: port, bytes: bytes) { remaining.take() })
            group.leave()
        }
    }
    group.wait()
    return count - answered.total
}

/// SearchCertificates' pages read one after another by the least client there is: raw sockets, each request
/// signed, the NextToken picked from the raw answer, nothing decoded. What the emulator's own time per page adds
/// to the floor, which counts the latency alone; no client, pca-tui included, can do better against it.
func measureRawSearch(port: Int) -> (pages: Int, seconds: Double) {
    func request(token: String?) -> [UInt8] {
        let tokenMember = token.map { ",\"NextToken\":\"\($0)\"" } ?? ""
        return wireBytes(signedRequest(port: port, target: "CertificateManager.SearchCertificates", service: "acm", body:
            "{\"FilterStatement\":{\"And\":[{\"Filter\":{\"AcmCertificateMetadataFilter\":{\"Type\":\"PRIVATE\"}}}]},"
            + "\"MaxResults\":500\(tokenMember)}"))
    }
    let start = DispatchTime.now()
    let pages = converse(port: port) { previous in
        guard let previous else { return request(token: nil) }
        guard previous.status == 200 else { return nil }
        return TopLevelMember.string(named: "NextToken", in: Data(previous.body)).map { request(token: $0) }
    }
    return (pages, elapsed(since: start))
}
