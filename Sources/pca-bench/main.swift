import Foundation
import PCAAdmin
import PCAClient
import PCALocal
import PCATerminalUI
#if canImport(Glibc)
import Glibc
#endif

// pca-bench: how fast pca-tui lists a large estate with every CA's ACM state, next to the scripts an admin
// would write instead (boto3, the AWS CLI); how the UI draws, filters and idles at 10,000 CAs; how fast the
// emulator answers; how fast ACM's certificates of a large estate are read; how fast an organization of many
// accounts and regions is listed; pca-tui's own CPU per CA. Prints one report, ending with issue 18's table of
// goals side by side (what a run cannot measure, it says); asserts nothing. `--quick` is the short run CI uses;
// `--ui-core` measures only the UI's pure core, `--acm-only` only the ACM part, `--estate-only` only the estate,
// `--transport-only` only the HTTP layer alone.

let arguments = CommandLine.arguments.dropFirst()
let usage = """
    usage: pca-bench [--quick] [--ui-core] [--acm-only] [--estate-only] [--transport-only] [--bin-dir DIR]
      --quick        the short run CI uses (N = 100, one repetition); figures are printed, nothing is asserted
      --ui-core      only the UI's pure core (filter, sort, frame) at 10,000 CAs
      --acm-only     only ACM's certificates of a large estate
      --estate-only  only an organization's estate (20 accounts x 2 regions x 50 CAs; --quick: 4 x 2 x 10)
      --transport-only  only the HTTP layer alone (raw sockets, URLSession, pca-tui's transport)
      --bin-dir    where pca-tui and pca-local are (default .build/release, else .build/debug)
    """
let known: Set<String> = ["--quick", "--ui-core", "--acm-only", "--estate-only", "--transport-only", "--bin-dir"]
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
for (offset, argument) in arguments.enumerated() where argument.hasPrefix("-") && !known.contains(argument) {
    _ = offset
    FileHandle.standardError.write(Data("pca-bench: unknown option \(argument)\n\(usage)\n".utf8))
    exit(2)
}
let quick = arguments.contains("--quick")
let repetitions = quick ? 1 : 3
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let binDir: String = {
    if let index = arguments.firstIndex(of: "--bin-dir"), arguments.index(after: index) < arguments.endIndex {
        return arguments[arguments.index(after: index)]
    }
    let release = root.appendingPathComponent(".build/release/pca-tui").path
    return FileManager.default.isExecutableFile(atPath: release) ? root.appendingPathComponent(".build/release").path
        : root.appendingPathComponent(".build/debug").path
}()
let pcaTUI = binDir + "/pca-tui"
let pcaLocal = binDir + "/pca-local"
let concurrency = 16
let baseEnvironment: [String: String] = [
    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    "HOME": FileManager.default.temporaryDirectory.path,
    "AWS_ACCESS_KEY_ID": "AKIDLOCALADMIN", "AWS_SECRET_ACCESS_KEY": "local-admin-secret",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8",
]

func seconds(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "-" }
func microseconds(_ value: Double?) -> String { value.map { String(format: "%.0f us", $0 * 1_000_000) } ?? "-" }
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }

// MARK: - Listing with ACM state

struct ListingRow {
    var count: Int
    var latencyMs: Int
    var tps: Int?
    var floor: Double
    var pcaTUI: Double
    var peakMiB: Double
    /// pca-tui's own CPU (user + system) per CA, median.
    var cpuPerCA: Double
    var failures: Int
    var boto3: Double?
    var awsCLI: Double?
}

/// `pca-tui list --output json`, checked for completeness: every CA present, none left `unknown`.
func measurePcaTUI(_ emulator: LocalEmulator, count: Int) throws -> (time: Double, peak: Double, cpu: Double, failures: Int) {
    var times: [Double] = []
    var cpu: [Double] = []
    var peak = 0.0
    var failures = 0
    for _ in 0..<repetitions {
        let result = try runMeasured([pcaTUI, "list", "--output", "json", "--endpoint-url", emulator.endpoint,
                                      "--region", "us-east-1", "--concurrency", String(concurrency)], environment: baseEnvironment)
        guard result.status == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let rows = object["certificateAuthorities"] as? [[String: Any]] else {
            throw BenchError("pca-tui list failed with status \(result.status)")
        }
        guard rows.count == count else { throw BenchError("pca-tui listed \(rows.count) of \(count) CAs") }
        failures = max(failures, rows.filter { $0["acmRenewal"] as? String == "unknown" }.count)
        times.append(result.seconds)
        cpu.append(result.cpuSeconds)
        peak = max(peak, result.peakMiB)
    }
    return (median(times), peak, median(cpu), failures)
}

/// pca-tui's own CPU (user + system) for `list --no-acm --output json` with no simulated latency: what the
/// client spends per CA, apart from the emulator it shares the cores with.
struct CPURun {
    var count: Int
    var cpu: Double
    var time: Double
    var peakMiB: Double
}

func measureListCPU(count: Int) throws -> CPURun {
    let emulator = try LocalEmulator(binary: pcaLocal, count: count, latencyMs: 0, tps: nil)
    defer { emulator.stop() }
    var runs: [ChildResult] = []
    for _ in 0..<repetitions {
        let result = try runMeasured([pcaTUI, "list", "--no-acm", "--output", "json", "--endpoint-url", emulator.endpoint,
                                      "--region", "us-east-1", "--concurrency", String(concurrency)], environment: baseEnvironment)
        guard result.status == 0 else { throw BenchError("pca-tui list --no-acm failed with status \(result.status)") }
        runs.append(result)
    }
    return CPURun(count: count, cpu: median(runs.map(\.cpuSeconds)), time: median(runs.map(\.seconds)),
                  peakMiB: runs.map(\.peakMiB).max() ?? 0)
}

let boto3Script = """
import sys, boto3
client = boto3.client("acm-pca", endpoint_url=sys.argv[1], region_name="us-east-1")
arns = [ca["Arn"] for page in client.get_paginator("list_certificate_authorities").paginate()
        for ca in page["CertificateAuthorities"]]
states = [client.list_permissions(CertificateAuthorityArn=arn)["Permissions"] for arn in arns]
print(len(arns), len(states))
"""

func measureBoto3(_ emulator: LocalEmulator, count: Int) -> Double? {
    guard let python = which("python3"),
          (try? runMeasured([python, "-c", "import boto3"], environment: baseEnvironment).status) == 0 else { return nil }
    guard let result = try? runMeasured([python, "-c", boto3Script, emulator.endpoint], environment: baseEnvironment),
          result.status == 0, result.stdout.hasPrefix("\(count) \(count)") else { return nil }
    return result.seconds
}

func measureAWSCLI(_ emulator: LocalEmulator, count: Int) -> Double? {
    guard which("aws") != nil else { return nil }
    let script = """
        set -e
        arns=$(aws --endpoint-url "$1" acm-pca list-certificate-authorities --query 'CertificateAuthorities[].Arn' --output text)
        n=0
        for arn in $arns; do aws --endpoint-url "$1" acm-pca list-permissions --certificate-authority-arn "$arn" >/dev/null; n=$((n+1)); done
        echo "$n"
        """
    guard let result = try? runMeasured(["bash", "-c", script, "bench", emulator.endpoint], environment: baseEnvironment),
          result.status == 0, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(count) else { return nil }
    return result.seconds
}

struct Scenario {
    var count: Int
    var latencyMs: Int
    var tps: Int?
    var compareBoto3: Bool
    var compareCLI: Bool
}

let acmOnly = arguments.contains("--acm-only")
let estateOnly = arguments.contains("--estate-only")
let transportOnly = arguments.contains("--transport-only")
let scenarios: [Scenario] = arguments.contains("--ui-core") || acmOnly || estateOnly || transportOnly ? [] : quick
    ? [Scenario(count: 100, latencyMs: 0, tps: nil, compareBoto3: true, compareCLI: true)]
    : [Scenario(count: 100, latencyMs: 0, tps: nil, compareBoto3: true, compareCLI: true),
       Scenario(count: 100, latencyMs: 20, tps: nil, compareBoto3: true, compareCLI: true),
       Scenario(count: 1000, latencyMs: 0, tps: nil, compareBoto3: true, compareCLI: false),
       Scenario(count: 1000, latencyMs: 20, tps: nil, compareBoto3: true, compareCLI: false),
       Scenario(count: 1000, latencyMs: 0, tps: 100, compareBoto3: false, compareCLI: false),
       Scenario(count: 10000, latencyMs: 0, tps: nil, compareBoto3: false, compareCLI: false),
       Scenario(count: 10000, latencyMs: 20, tps: nil, compareBoto3: false, compareCLI: false)]

var listingRows: [ListingRow] = []
do {
    for scenario in scenarios {
        let emulator = try LocalEmulator(binary: pcaLocal, count: scenario.count, latencyMs: scenario.latencyMs, tps: scenario.tps)
        defer { emulator.stop() }
        let latency = Double(scenario.latencyMs) / 1000
        let floor = max(Double(scenario.count) * latency / Double(concurrency), scenario.tps.map { Double(scenario.count) / Double($0) } ?? 0)
        let measured = try measurePcaTUI(emulator, count: scenario.count)
        listingRows.append(ListingRow(count: scenario.count, latencyMs: scenario.latencyMs, tps: scenario.tps, floor: floor,
                                      pcaTUI: measured.time, peakMiB: measured.peak,
                                      cpuPerCA: measured.cpu / Double(scenario.count), failures: measured.failures,
                                      boto3: scenario.compareBoto3 ? measureBoto3(emulator, count: scenario.count) : nil,
                                      awsCLI: scenario.compareCLI ? measureAWSCLI(emulator, count: scenario.count) : nil))
    }
} catch {
    FileHandle.standardError.write(Data("pca-bench: \(error)\n".utf8))
    exit(1)
}

var cpuRun: CPURun?
if !scenarios.isEmpty {
    do {
        cpuRun = try measureListCPU(count: quick ? 100 : 10_000)
    } catch {
        FileHandle.standardError.write(Data("pca-bench: \(error)\n".utf8))
    }
}

/// The HTTP layer alone (see `measureTransports`): at 0 ms its CPU per request, at 20 ms its time against the floor.
var transportRuns: [TransportRun] = []
if !scenarios.isEmpty || transportOnly {
    do {
        let arn = DemoSeed.scaleState(count: 1).authorities[0].arn
        for (count, latencyMs) in quick ? [(100, 0)] : [(10_000, 0), (1000, 20)] {
            let emulator = try LocalEmulator(binary: pcaLocal, count: 1, latencyMs: latencyMs, tps: nil)
            defer { emulator.stop() }
            transportRuns += measureTransports(port: emulator.port, arn: arn, count: count, latencyMs: latencyMs)
        }
    } catch {
        FileHandle.standardError.write(Data("pca-bench: transports: \(error)\n".utf8))
    }
}

// MARK: - The UI at scale

/// Draw, filter and sort cost with `count` CAs, in-process on the pure renderer and reducer.
func measureUICore(count: Int) -> (draw: Double, filter: Double, sort: Double) {
    let seed = DemoSeed.scaleState(count: count)
    var state = AppState(header: HeaderInfo(profile: "bench", region: "us-east-1", endpoint: "bench", account: DemoSeed.account),
                         readOnly: ReadOnlyMode(), theme: Theme(color: true, unicode: true), width: 200, height: 60, now: Date())
    state.generation = 1
    _ = Reducer.reduce(&state, .listLoaded(generation: 1, seed.authorities.map(\.authority)))
    let results = seed.authorities.map { (arn: $0.arn, state: ACMRenewalState(permissions: $0.permissions)) }
    _ = Reducer.reduce(&state, .renewalsLoaded(generation: 1, results, done: count, total: count))
    let frames = quick ? 50 : 300
    var start = Date()
    for frame in 0..<frames {
        _ = Reducer.reduce(&state, .key(frame % 2 == 0 ? .down : .pageDown))
        _ = Renderer.render(state)
    }
    let draw = Date().timeIntervalSince(start) / Double(frames)
    var filterTimes: [Double] = []
    _ = Reducer.reduce(&state, .key(.character("/")))
    for character in "bench ca 99" {
        start = Date()
        _ = Reducer.reduce(&state, .key(.character(character)))
        _ = Renderer.render(state)
        filterTimes.append(Date().timeIntervalSince(start))
    }
    _ = Reducer.reduce(&state, .key(.escape))
    var sortTimes: [Double] = []
    for key in ["7", "5", "6", "1", "S"] {
        start = Date()
        _ = Reducer.reduce(&state, .key(.character(Character(key))))
        _ = Renderer.render(state)
        sortTimes.append(Date().timeIntervalSince(start))
    }
    return (draw, filterTimes.max() ?? 0, sortTimes.max() ?? 0)
}

struct TUIRun {
    var firstFrame: Double?
    var complete: Double?
    var idleCPU: Double?
    /// ACM's certificates on screen.
    var acmLoaded: Double?
    /// Resident memory once everything is loaded, and its peak.
    var residentMiB: Double?
    var peakMiB: Double?
}

/// The real binary in tmux: time to the first frame and to every row's ACM state, then idle CPU.
func measureTUI(_ emulator: LocalEmulator, idleSeconds: Double) -> TUIRun? {
    guard which("tmux") != nil else { return nil }
    // A tmux server of the benchmark's own, apart from the user's sessions and their settings.
    let tmux = ["tmux", "-L", "pca-bench", "-f", "/dev/null"]
    let trace = FileManager.default.temporaryDirectory.appendingPathComponent("pca-bench-trace-\(UUID().uuidString)").path
    let session = "pca-bench-\(getpid())"
    let environment = baseEnvironment.merging(["PCA_TUI_TRACE": trace, "TERM": "tmux-256color"]) { _, new in new }
        .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    let started = Date().timeIntervalSince1970
    shell(tmux + ["new-session", "-d", "-s", session, "-x", "160", "-y", "50",
           "env \(environment) \(pcaTUI) --endpoint-url \(emulator.endpoint) --region us-east-1"])
    defer {
        shell(tmux + ["kill-session", "-t", session])
        try? FileManager.default.removeItem(atPath: trace)
    }
    func event(_ name: String) -> Double? {
        let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ")[1]) }.map { $0 - started }
    }
    let deadline = Date().addingTimeInterval(120)
    while event("renewals-complete") == nil, Date() < deadline { usleep(20_000) }
    var run = TUIRun(firstFrame: event("first-frame"), complete: event("renewals-complete"))
    // Tags load after the permissions: wait for the whole load, then watch an idle process.
    while event("loaded") == nil, Date() < deadline { usleep(50_000) }
    while event("acm-loaded") == nil, Date() < deadline { usleep(50_000) }
    run.acmLoaded = event("acm-loaded")
    sleep(1)
    if let pid = Int32(shell(tmux + ["list-panes", "-t", session, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)),
       let before = cpuSeconds(pid: pid) {
        run.residentMiB = residentMiB(pid: pid)
        run.peakMiB = peakMiB(pid: pid)
        usleep(useconds_t(idleSeconds * 1_000_000))
        if let after = cpuSeconds(pid: pid) { run.idleCPU = (after - before) / idleSeconds * 100 }
    }
    return run
}

let uiCount = quick ? 100 : 10_000
let ui = acmOnly || estateOnly || transportOnly ? (draw: 0.0, filter: 0.0, sort: 0.0) : measureUICore(count: uiCount)
if arguments.contains("--ui-core") {
    // Only the UI's pure core, in-process: a quick check of draw, filter and sort cost at 10,000 CAs.
    print("UI core with \(uiCount) CAs: frame \(String(format: "%.3f ms", ui.draw * 1000)), "
          + "worst filter keystroke \(String(format: "%.2f ms", ui.filter * 1000)), "
          + "worst sort \(String(format: "%.2f ms", ui.sort * 1000))")
    exit(0)
}
var tuiRun: TUIRun?
/// `list` at the UI's scale, measured beside it.
var listBesideUI: Double?
var emulatorRPS = 0.0
var emulatorPeak: Double?
if !acmOnly && !estateOnly && !transportOnly { do {
    let emulator = try LocalEmulator(binary: pcaLocal, count: uiCount, latencyMs: 0, tps: nil)
    defer { emulator.stop() }
    // `list` against the same emulator right before, for the UI's ratio: the machine's speed drifts over the
    // minutes between section 1 and this one (by a quarter on a shared machine), and the ratio must not.
    listBesideUI = try? measurePcaTUI(emulator, count: uiCount).time
    tuiRun = measureTUI(emulator, idleSeconds: quick ? 3 : 10)
    emulatorRPS = measureRequestsPerSecond(port: emulator.port, arn: DemoSeed.scaleState(count: 1).authorities[0].arn,
                                           connections: 8, seconds: quick ? 1 : 5)
    emulatorPeak = peakMiB(pid: emulator.pid)
} catch {
    FileHandle.standardError.write(Data("pca-bench: \(error)\n".utf8))
    exit(1)
} }

// MARK: - ACM at scale

/// ACM's certificates of a large estate: how long reading all of them takes against its floor, and whether
/// loading them delays the UI's first frame or its permission column.
struct ACMRun {
    var cas: Int
    var certificates: Int
    var latencyMs: Int
    var floor: Double
    var time: Double
    /// The search pages alone, read by raw sockets with nothing decoded (`measureRawSearch`).
    var rawSearch: Double?
    var tui: TUIRun?
}

var acmRun: ACMRun?
if !arguments.contains("--ui-core") && !estateOnly && !transportOnly {
    let cas = quick ? 10 : 1000
    let perCA = 20
    let latencyMs = quick ? 0 : 20
    do {
        let emulator = try LocalEmulator(binary: pcaLocal, count: cas, latencyMs: latencyMs, tps: nil, acmPerCA: perCA)
        defer { emulator.stop() }
        let certificates = cas * perCA
        let latency = Double(latencyMs) / 1000
        // SearchCertificates pages (500 certificates each, one after the other; the CA listing's pages run beside
        // them), then the one CA's certificates described, `concurrency` at a time. (Where SearchCertificates is
        // denied, every certificate is described instead: a different floor, not this benchmark's.)
        let searchPages = (certificates + 499) / 500
        let caPages = (cas + 99) / 100
        let floor = Double(max(searchPages, caPages)) * latency + Double((perCA + concurrency - 1) / concurrency) * latency
        let caARN = DemoSeed.scaleState(count: 1).authorities[0].arn
        var times: [Double] = []
        for _ in 0..<repetitions {
            let result = try runMeasured([pcaTUI, "certificates", caARN, "--output", "json", "--endpoint-url", emulator.endpoint,
                                          "--region", "us-east-1", "--concurrency", String(concurrency)], environment: baseEnvironment)
            guard result.status == 0 else { throw BenchError("pca-tui certificates failed with status \(result.status)") }
            times.append(result.seconds)
        }
        let raw = (0..<repetitions).map { _ in measureRawSearch(port: emulator.port) }
        let rawComplete = raw.allSatisfy { $0.pages == searchPages }
        acmRun = ACMRun(cas: cas, certificates: certificates, latencyMs: latencyMs, floor: floor, time: median(times),
                        rawSearch: rawComplete ? median(raw.map(\.seconds)) : nil, tui: measureTUI(emulator, idleSeconds: 1))
    } catch {
        FileHandle.standardError.write(Data("pca-bench: ACM: \(error)\n".utf8))
    }
}

// MARK: - An estate

/// An organization listed as one estate (`pca-tui list --organization --regions ... -o json`): discovery
/// (ListAccounts, GetCallerIdentity), one AssumeRole per member account, then every account-region's CAs and
/// their permissions, all under one cap of `concurrency` requests at once.
struct EstateRun {
    var accounts: Int
    var regions: [String]
    var cas: Int
    var latencyMs: Int
    var requests: Int
    var floor: Double
    var time: Double
    var cpuSeconds: Double
    var peakMiB: Double
}

/// The requests a listing of the estate makes, and its floor: discovery (ListAccounts pages, then
/// GetCallerIdentity) one after the other, then every other request `concurrency` at a time, but no less than
/// one target's own chain (AssumeRole, its ListCertificateAuthorities pages, one ListPermissions).
/// Per target: GetCallerIdentity, the own and the shared ListCertificateAuthorities pages, ACM's
/// ListCertificates, one ListPermissions per CA; per member account: one AssumeRole.
func estateFloor(accounts: Int, regions: Int, cas: Int, latency: Double) -> (requests: Int, floor: Double) {
    let caPages = max(1, (cas + 99) / 100)
    let discovery = Double((accounts + 19) / 20 + 1) * latency
    let perTarget = 1 + caPages + 1 + 1 + cas
    let requests = accounts * regions * perTarget + (accounts - 1)
    let chain = Double(1 + caPages + 1) * latency
    return (requests, discovery + max(chain, Double(requests) * latency / Double(concurrency)))
}

func measureEstate(accounts: Int, regions: [String], cas: Int, latencyMs: Int) throws -> EstateRun {
    let emulator = try LocalEmulator(binary: pcaLocal, accounts: accounts, regions: regions, cas: cas, latencyMs: latencyMs)
    defer { emulator.stop() }
    let environment = baseEnvironment.merging(["AWS_ACCESS_KEY_ID": DemoSeed.organizationAdmin.accessKeyID,
                                               "AWS_SECRET_ACCESS_KEY": DemoSeed.organizationAdmin.secretAccessKey]) { _, new in new }
    let (requests, floor) = estateFloor(accounts: accounts, regions: regions.count, cas: cas, latency: Double(latencyMs) / 1000)
    var times: [Double] = []
    var cpu: [Double] = []
    var peak = 0.0
    for _ in 0..<repetitions {
        let result = try runMeasured([pcaTUI, "list", "--organization", "--regions", regions.joined(separator: ","),
                                      "--output", "json", "--endpoint-url", emulator.endpoint, "--region", "us-east-1",
                                      "--concurrency", String(concurrency)], environment: environment)
        guard result.status == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let rows = object["certificateAuthorities"] as? [[String: Any]] else {
            throw BenchError("pca-tui list --organization failed with status \(result.status)")
        }
        let expected = accounts * regions.count * cas
        guard rows.count == expected else { throw BenchError("pca-tui listed \(rows.count) of \(expected) CAs") }
        let unknown = rows.filter { $0["acmRenewal"] as? String == "unknown" }.count
        guard unknown == 0 else { throw BenchError("\(unknown) CAs of the estate left unknown") }
        times.append(result.seconds)
        cpu.append(result.cpuSeconds)
        peak = max(peak, result.peakMiB)
    }
    return EstateRun(accounts: accounts, regions: regions, cas: cas, latencyMs: latencyMs, requests: requests, floor: floor,
                     time: median(times), cpuSeconds: median(cpu), peakMiB: peak)
}

var estateRun: EstateRun?
if !arguments.contains("--ui-core") && !acmOnly && !transportOnly {
    do {
        estateRun = try measureEstate(accounts: quick ? 4 : 20, regions: ["us-east-1", "eu-west-1"], cas: quick ? 10 : 50,
                                      latencyMs: 20)
    } catch {
        FileHandle.standardError.write(Data("pca-bench: estate: \(error)\n".utf8))
    }
}

// MARK: - Report

let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
print("pca-bench\(quick ? " --quick" : ""): \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB, "
      + "binaries from \(binDir.hasSuffix("release") ? "release" : "debug") build, concurrency \(concurrency), \(repetitions) repetition(s), median")
print("")
if !acmOnly && !estateOnly && !transportOnly {
print("1. Full listing with ACM state (pca-tui list --output json), floor = max(N x latency / concurrency, N / TPS)")
print([pad("N", 7), pad("latency", 9), pad("TPS", 6), pad("floor", 9), pad("pca-tui", 9), pad("x floor", 8), pad("peak MiB", 9),
       pad("CPU/CA", 9), pad("unknown", 8), pad("boto3 seq", 10), pad("boto3/pca", 10), pad("aws cli", 9), "cli/pca"].joined())
for row in listingRows {
    let ratio = row.floor > 0 ? String(format: "%.2f", row.pcaTUI / row.floor) : "-"
    print([pad(String(row.count), 7), pad("\(row.latencyMs) ms", 9), pad(row.tps.map(String.init) ?? "-", 6),
           pad(seconds(row.floor), 9), pad(seconds(row.pcaTUI), 9), pad(ratio, 8), pad(String(format: "%.1f", row.peakMiB), 9),
           pad(microseconds(row.cpuPerCA), 9), pad(String(row.failures), 8), pad(seconds(row.boto3), 10),
           pad(row.boto3.map { String(format: "%.1fx", $0 / row.pcaTUI) } ?? "-", 10),
           pad(seconds(row.awsCLI), 9), row.awsCLI.map { String(format: "%.1fx", $0 / row.pcaTUI) } ?? "-"].joined())
}
print("")
print("2. The UI with \(uiCount) CAs")
print("   draw one frame (reducer + renderer, 200x60):   \(String(format: "%.3f ms", ui.draw * 1000))")
print("   filter, worst keystroke of 'bench ca 99':       \(String(format: "%.2f ms", ui.filter * 1000))")
print("   sort, worst of 5 column changes:                \(String(format: "%.2f ms", ui.sort * 1000))")
if let tuiRun {
    print("   real binary in tmux, start to first frame:      \(tuiRun.firstFrame.map { String(format: "%.0f ms", $0 * 1000) } ?? "-")")
    print("   start to every row's ACM state on screen:       \(seconds(tuiRun.complete))"
          + (listBesideUI.map { " (list, just before: \(seconds($0)))" } ?? ""))
    print("   idle CPU over \(quick ? 3 : 10) s:                          \(tuiRun.idleCPU.map { String(format: "%.2f %% of one core", $0) } ?? "-")")
    print("   resident memory, fully loaded (peak):          \(tuiRun.residentMiB.map { String(format: "%.1f MiB", $0) } ?? "-")"
          + " (\(tuiRun.peakMiB.map { String(format: "%.1f MiB", $0) } ?? "-"))")
} else {
    print("   real binary: tmux not installed, skipped")
}
print("")
print("3. The emulator with \(uiCount) CAs")
print("   ListPermissions over 8 keep-alive connections:  \(String(format: "%.0f requests/s", emulatorRPS))")
print("   peak memory:                                    \(emulatorPeak.map { String(format: "%.1f MiB", $0) } ?? "-")")
}
if let acmRun {
    print("")
    print("4. ACM's certificates: \(acmRun.cas) CAs x 20 = \(acmRun.certificates) certificates at \(acmRun.latencyMs) ms "
          + "(pca-tui certificates CA), floor = SearchCertificates pages x latency + the CA's 20 described / concurrency x latency")
    let ratio = acmRun.floor > 0 ? String(format: "%.2fx the floor", acmRun.time / acmRun.floor) : "no floor at 0 ms"
    print("   all of them read (pca-tui certificates):       \(seconds(acmRun.time)) (floor \(seconds(acmRun.floor)), \(ratio))")
    let rawRatio = acmRun.rawSearch.flatMap { raw in acmRun.floor > 0 ? String(format: ", %.2fx the floor", raw / acmRun.floor) : nil } ?? ""
    print("   the search pages alone, raw sockets, no decoding: \(seconds(acmRun.rawSearch))\(rawRatio) (the emulator's time per page)")
    if let tui = acmRun.tui {
        print("   real binary in tmux, start to first frame:      \(tui.firstFrame.map { String(format: "%.0f ms", $0 * 1000) } ?? "-")")
        print("   start to every row's ACM state on screen:       \(seconds(tui.complete))")
        print("   start to ACM's certificates on screen:          \(seconds(tui.acmLoaded))")
    }
}
if let estateRun {
    print("")
    print("5. An estate: \(estateRun.accounts) accounts x \(estateRun.regions.count) regions x \(estateRun.cas) CAs at "
          + "\(estateRun.latencyMs) ms (pca-tui list --organization), \(estateRun.requests) requests, floor = discovery "
          + "+ max(one target's chain, requests x latency / \(concurrency))")
    print("   listed, every CA's ACM state:                  \(seconds(estateRun.time)) (floor \(seconds(estateRun.floor)), "
          + "\(String(format: "%.2fx the floor", estateRun.time / estateRun.floor)))")
    print("   pca-tui's CPU:                                 \(seconds(estateRun.cpuSeconds))")
    print("   pca-tui's peak memory:                         \(String(format: "%.1f MiB", estateRun.peakMiB))")
}
if let cpuRun {
    print("")
    print("6. pca-tui's own CPU (user + system), list --no-acm --output json, \(cpuRun.count) CAs at 0 ms")
    print("   CPU:                                            \(seconds(cpuRun.cpu)) (\(microseconds(cpuRun.cpu / Double(cpuRun.count))) per CA), "
          + "wall \(seconds(cpuRun.time)), peak \(String(format: "%.1f MiB", cpuRun.peakMiB))")
}

if !transportRuns.isEmpty {
    print("")
    print("7. The HTTP layer alone: one pre-signed ListPermissions request sent N times, \(concurrency) at a time, "
          + "CPU of this process (not the emulator's)")
    print([pad("client", 32), pad("N", 7), pad("latency", 9), pad("wall", 9), pad("x floor", 8), pad("CPU/request", 12),
           "failed"].joined())
    for run in transportRuns {
        let floor = Double(run.count) * Double(run.latencyMs) / 1000 / Double(concurrency)
        print([pad(run.client, 32), pad(String(run.count), 7), pad("\(run.latencyMs) ms", 9), pad(seconds(run.wall), 9),
               pad(floor > 0 ? String(format: "%.2f", run.wall / floor) : "-", 8),
               pad(microseconds(run.cpu / Double(run.count)), 12), String(run.failures)].joined())
    }
}

// MARK: - Issue 18's goals, side by side

/// One line of issue 18's table: what this run measured against the goal, or why it measured nothing.
func goal(_ name: String, _ measured: String?, _ target: String, met: Bool?, missing: String) {
    // --quick measures smaller estates than the goals speak of: its figures are indicative, not verdicts.
    let verdict = quick ? "" : met.map { $0 ? "met" : "NOT met" } ?? ""
    print([pad(name, 58), pad(measured ?? "not measured: \(missing)", 46), pad(target, 14), verdict].joined())
}

func listing(_ rows: [ListingRow], _ count: Int, _ latencyMs: Int) -> ListingRow? {
    rows.first { $0.count == count && $0.latencyMs == latencyMs && $0.tps == nil }
}

if !acmOnly && !transportOnly {
    let fullRunOnly = quick ? "the full run measures it" : "no such scenario in this run"
    print("")
    print("Issue 18's goals (this run\(quick ? "; --quick: smaller estates, no verdicts" : ""))")
    print([pad("", 58), pad("measured", 46), pad("goal", 14), "verdict"].joined())
    let list1k = listing(listingRows, 1000, 20)
    goal("list 1,000 CAs, 20 ms, concurrency \(concurrency)", list1k.map { String(format: "%.2fx the floor (%.2f s)", $0.pcaTUI / $0.floor, $0.pcaTUI) },
         "<= 1.15x", met: list1k.map { $0.pcaTUI / $0.floor <= 1.15 }, missing: fullRunOnly)
    let boto3 = list1k.flatMap { row in row.boto3.map { $0 / row.pcaTUI } }
    goal("the same against a sequential boto3 script", boto3.map { String(format: "%.1fx faster", $0) }, ">= 20x",
         met: boto3.map { $0 >= 20 }, missing: list1k == nil ? fullRunOnly : "boto3 not installed")
    let cpuPerCA = cpuRun.map { $0.cpu / Double($0.count) }
    goal("list --no-acm \(cpuRun?.count ?? 10_000) CAs, 0 ms: pca-tui's own CPU per CA", cpuPerCA.map { microseconds($0) }, "<= 150 us",
         met: cpuPerCA.map { $0 <= 0.000_150 }, missing: "the run failed")
    let list10k = listing(listingRows, 10_000, 20)
    goal("list 10,000 CAs, 20 ms", list10k.map { String(format: "%.2fx the floor (%.2f s)", $0.pcaTUI / $0.floor, $0.pcaTUI) },
         "<= 1.15x", met: list10k.map { $0.pcaTUI / $0.floor <= 1.15 }, missing: fullRunOnly)
    goal("the UI with \(uiCount) CAs, fully loaded: RSS", tuiRun?.residentMiB.map { String(format: "%.1f MiB", $0) }, "<= 100 MiB",
         met: tuiRun?.residentMiB.map { $0 <= 100 }, missing: "tmux not installed")
    let uiVsList = tuiRun?.complete.flatMap { complete in listBesideUI.map { complete / $0 } }
    goal("the UI, \(uiCount) CAs, every row's state on screen vs list", uiVsList.map { String(format: "%.2fx", $0) }, "<= 1.1x",
         met: uiVsList.map { $0 <= 1.1 }, missing: tuiRun == nil ? "tmux not installed" : "the list beside it failed")
    let acmRatio = acmRun.flatMap { $0.floor > 0 ? $0.time / $0.floor : nil }
    goal("ACM: \(acmRun?.cas ?? 1000) CAs x 20 certificates at \(acmRun?.latencyMs ?? 20) ms", acmRatio.map { String(format: "%.2fx the floor", $0) },
         "<= 1.2x", met: acmRatio.map { $0 <= 1.2 }, missing: acmRun == nil ? "the ACM run failed" : "no floor at 0 ms (--quick)")
    let list10kPeak = listingRows.filter { $0.count == 10_000 }.map(\.peakMiB).max()
    goal("pca-tui list peak RSS at 10,000 CAs", list10kPeak.map { String(format: "%.1f MiB", $0) }, "<= 50 MiB",
         met: list10kPeak.map { $0 <= 50 }, missing: fullRunOnly)
}
