import Foundation
import PCACommandLine
import PCALocal
#if canImport(Glibc)
import Glibc
#endif

let usage = """
    Usage: pca-local [--host 127.0.0.1] [--port 0] [--seed demo|empty|organization] [--cas N] [--state FILE]
                     [--accounts N] [--regions R1,R2]
                     [--latency-ms N] [--throttle-rate F] [--error-rate F] [--tps N] [--clock-offset-days N]
                     [--delay-operation OPERATION[:N]=SECONDS,...] [--issue-in-progress N]

    An emulator of the AWS Private CA (ACM-PCA) API, and of ACM's private certificates, on loopback. Point any
    AWS client at it:
      aws --endpoint-url http://127.0.0.1:PORT acm-pca list-certificate-authorities
      aws --endpoint-url http://127.0.0.1:PORT acm list-certificates

    Credentials (account 111122223333, region us-east-1):
      ca-admin   AKIDLOCALADMIN  / local-admin-secret   every action
      ca-issuer  AKIDLOCALISSUER / local-issuer-secret  List*, Describe*, Get*, IssueCertificate only

    With --seed organization, an AWS organization: management account 999988887777 (org-admin,
    AKIDLOCALORGADMIN / local-org-admin-secret), the PKI account 111122223333 (the demo's CAs and users) and
    workload accounts 222233334444 and 333344445555. Organizations ListAccounts answers the management
    account; sts assume-role into arn:aws:iam::ACCOUNT:role/OrganizationAccountAccessRole reaches each member.
    With --seed organization --accounts N --cas M, a synthetic organization instead, for benchmarks: the same
    management account and N - 1 members 100000000001, 100000000002, ..., each with the role, and M generated
    CAs (half with ACM renewal, a tenth partial) in each account and each region of --regions.

    Options:
      --host ADDR          address to bind (default 127.0.0.1; anything else exposes the emulator)
      --port N             port to bind; 0 picks a free one (default 0)
      --without-access-role ACCOUNT[,ACCOUNT]
                           with --seed organization: these members have no OrganizationAccountAccessRole
      --seed demo|empty|organization
                           starting state when no state file exists (default demo); organization keeps
                           each account's state in FILE.ACCOUNT.REGION.json
      --cas N              start instead with N generated ACTIVE CAs (half with ACM renewal, a tenth
                           partial), for benchmarks; with --seed organization, N in each account-region
      --accounts N         with --seed organization: a synthetic organization of N accounts (default 20
                           when --cas is given), the management account included
      --regions R1,R2      with --accounts or --cas and --seed organization: the regions with CAs
                           (default us-east-1)
      --acm-per-ca N       with --cas: N ACM certificates issued from each generated CA
      --state FILE         load the state from FILE if it exists; save it there after every change
      --latency-ms N       add N milliseconds to every answer (with --seed organization, --tps and the
                           rates apply to each account-region on its own)
      --throttle-rate F    answer this share of requests (0..1) with ThrottlingException
      --error-rate F       answer this share of requests (0..1) with InternalFailure (HTTP 500)
      --tps N              per-operation requests per second; beyond it, ThrottlingException
      --delay-operation OPERATION[:N]=SECONDS,...
                           hold every call of OPERATION (or only its Nth) SECONDS before carrying it out,
                           e.g. CreatePermission=3 or DeletePermission:2=5: a change slow in flight
      --issue-in-progress N  answer the first N GetCertificate calls after each IssueCertificate with
                           RequestInProgressException, as AWS does for a moment (default 1; 0 for none)
      --clock-offset-days N  run ACM's clock N days ahead (renewal windows, expiry); signatures keep real time
      --help               show this help
    """

func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("pca-local: \(message)\n".utf8))
    exit(status)
}

let spec = ArgumentSpec(valueOptions: ["host", "port", "seed", "cas", "state", "latency-ms", "throttle-rate", "error-rate", "tps",
                                       "clock-offset-days", "acm-per-ca", "delay-operation", "issue-in-progress",
                                       "without-access-role", "accounts", "regions"],
                        flags: ["help"], aliases: ["-h": "help"])
let arguments: ParsedArguments
do {
    arguments = try ArgumentParser.parse(Array(CommandLine.arguments.dropFirst()), spec: spec)
    if let extra = arguments.positionals.first { throw ArgumentError.unexpectedArgument(extra) }
} catch {
    fail("\(error)\n\(usage)")
}
if arguments.has("help") {
    print(usage)
    exit(0)
}

let server: HTTPServer
/// Saves the state on the way out.
var persist: () throws -> Void = {}
do {
    let faults = FaultInjection(
        latency: (try arguments.number("latency-ms", in: 0...600_000) ?? 0) / 1000,
        throttleRate: try arguments.number("throttle-rate", in: 0...1) ?? 0,
        errorRate: try arguments.number("error-rate", in: 0...1) ?? 0,
        transactionsPerSecond: try arguments.number("tps", in: 0.001...1_000_000),
        delays: try arguments.value("delay-operation").map(FaultInjection.Delay.parseList) ?? [],
        certificateReadsInProgress: try arguments.integer("issue-in-progress", in: 0...60) ?? 1)
    let seed = DemoSeed.Kind(rawValue: try arguments.choice("seed", DemoSeed.Kind.allCases.map(\.rawValue)) ?? "demo") ?? .demo
    let port = try arguments.integer("port", in: 0...65535) ?? 0
    let syntheticCount = try arguments.integer("cas", in: 0...1_000_000)
    let host = arguments.value("host") ?? "127.0.0.1"
    if seed != .organization, let option = ["accounts", "regions"].first(where: { arguments.value($0) != nil }) {
        throw ArgumentError.invalidValue(option: option, value: arguments.value(option) ?? "", expected: "--seed organization beside it")
    }
    if seed == .organization {
        // Each account's emulator saves its own state after every change.
        let organization = try openOrganization(faults: faults, syntheticCount: syntheticCount)
        // A member whose OrganizationAccountAccessRole is missing (an invited account): AssumeRole is denied.
        for account in (arguments.value("without-access-role") ?? "").split(separator: ",") {
            organization.setAccessRole(false, account: String(account))
        }
        server = HTTPServer(organization: organization, host: host, port: port)
    } else {
        let emulator = try openEmulator(seed: seed, faults: faults, syntheticCount: syntheticCount)
        persist = emulator.persist
        server = HTTPServer(emulator: emulator, host: host, port: port)
    }
    do {
        try server.start()
    } catch {
        fail("\(error)", status: 1)
    }
} catch {
    fail("\(error)")
}

/// The demo organization, or with `--accounts` or `--cas` a synthetic one of that size.
func openOrganization(faults: FaultInjection, syntheticCount: Int?) throws -> EmulatedOrganization {
    let accounts = try arguments.integer("accounts", in: 1...10_000)
    let regions = (arguments.value("regions") ?? DemoSeed.region).split(separator: ",").map(String.init)
    guard accounts != nil || syntheticCount != nil else {
        guard arguments.value("regions") == nil else { throw ArgumentError.missingArgument("--accounts or --cas for --regions") }
        return EmulatedOrganization(statePath: arguments.value("state"), faults: faults)
    }
    let cas = syntheticCount ?? 0
    return EmulatedOrganization(members: DemoSeed.scaleMembers(accounts: accounts ?? 20), statePath: arguments.value("state"),
                                faults: faults, seed: { account, region, now in
                                    DemoSeed.scaleOrganizationState(account: account, region: region, cas: cas, regions: regions,
                                                                    now: now)
                                })
}

/// The one account's emulator.
func openEmulator(seed: DemoSeed.Kind, faults: FaultInjection, syntheticCount: Int?) throws -> Emulator {
    let emulator: Emulator
    do {
        emulator = try Emulator.open(seed: seed, statePath: arguments.value("state"), faults: faults,
                                     syntheticCount: syntheticCount,
                                     acmPerCA: try arguments.integer("acm-per-ca", in: 0...1000) ?? 0)
        emulator.clockOffset = (try arguments.number("clock-offset-days", in: -36_500...36_500) ?? 0) * 86_400
    } catch {
        fail("\(error)", status: 1)
    }
    return emulator
}

// Stop cleanly on SIGINT and SIGTERM: stop accepting, save the state, exit.
var signalSources: [DispatchSourceSignal] = []
for number in [SIGINT, SIGTERM] {
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
    source.setEventHandler {
        server.stop()
        do {
            try persist()
        } catch {
            fail("could not save the state: \(error)", status: 1)
        }
        exit(0)
    }
    source.resume()
    signalSources.append(source)
}

let shownHost = server.host.contains(":") ? "[\(server.host)]" : server.host
// Written unbuffered, so a parent waiting for this line sees it at once.
FileHandle.standardOutput.write(Data("pca-local listening on http://\(shownHost):\(server.port)\n".utf8))
dispatchMain()
