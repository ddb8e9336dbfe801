import Foundation
import PCAAdmin
import PCAClient
import PCAProcess
import PCATerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The full-screen UI: builds the session, starts the terminal, then loops: wait for input or an event,
/// reduce, run effects, draw. With nothing happening it sleeps in poll(2) and draws nothing.
public final class InteractiveApp {
    private let options: GlobalOptions
    private let environment: [String: String]

    public init(options: GlobalOptions, environment: [String: String]) {
        self.options = options
        self.environment = environment
    }

    /// Runs until the user quits or a signal ends it; the terminal is restored on every path. Returns the exit
    /// status: 0, or 128 + the signal that ended it (after the change in flight finished).
    public func run(makeDriver: (_ useColor: Bool) -> TerminalDriver & ColorCapable) -> Int32 {
        let sink = EventSink()
        let calls = CallRecorder()
        let mfa = MFABroker(sink: sink)
        let session: Session
        do {
            session = try Session.make(options: options, environment: environment,
                                       observer: EffectRunner.observer(sink: sink, calls: { calls.append($0) }),
                                       mfaPrompt: mfa.prompt)
        } catch {
            CommandOutput.standard.err("pca-tui: \(error)\n")
            return ExitStatus.failure.rawValue
        }
        let queue = EventQueue()
        sink.attach(queue)
        let auditPath = Journal.defaultPath(environment: environment, demo: options.demo)
        let estate: EstateChoice?
        do {
            estate = try EstateChoice.resolve(options: options, environment: environment)
        } catch {
            CommandOutput.standard.err("pca-tui: \(error)\n")
            return ExitStatus.usage.rawValue
        }
        let runner = EffectRunner(session: session, options: options, environment: environment, queue: queue, sink: sink,
                                  journal: Journal(path: auditPath), calls: calls, mfa: mfa, estate: estate)
        let signals = SignalWatcher(queue: queue)
        let useColor = !options.noColor && (environment["NO_COLOR"] ?? "").isEmpty
        let driver = makeDriver(useColor)
        defer {
            // Waits for a change in flight to finish and be journaled, unless a second signal forced the exit.
            runner.cancelAll()
            driver.stop()
            signals.stop()
            // A credential_process still running (waiting on a prompt, say) must not outlive the UI.
            ChildProcess.killAllRunning()
            let pending = WriteInterlock.shared.inFlightDescriptions
            if WriteInterlock.shared.isForced, !pending.isEmpty {
                CommandOutput.standard.err(WriteInterlock.forcedExitMessage(pending, journalPath: auditPath))
            }
        }
        let profileSettings = ProfileSettings.load(profile: session.profileLabel, environment: environment)
        let size = driver.size
        var state = AppState(
            header: HeaderInfo(profile: session.profileLabel, region: session.region, endpoint: session.endpointLabel,
                               banner: profileSettings.banner),
            readOnly: ReadOnlyMode(commandLine: options.readOnly, profileConfig: profileSettings.readOnly),
            theme: Theme(color: driver.hasColor, unicode: !options.ascii && Self.localeIsUTF8(environment)),
            width: size.width, height: size.height, now: Date(),
            profiles: session.settings?.files.profileNames ?? [],
            regions: Partition.of(region: session.region).regions,
            autoRefresh: options.refreshSeconds, auditLogPath: auditPath,
            configPath: ProfileSettings.path(environment: environment), canSwitchProfile: session.emulator == nil)
        state.generation = 1
        state.progress = .listing
        if let warning = profileSettings.warnings.first {
            state.message = StatusMessage("\(warning)", kind: .warning,
                                          expiresAt: Date().addingTimeInterval(15))
        }
        for effect in [AppEffect.loadIdentity, .loadInventory(generation: 1), .checkJournal] {
            runner.run(effect, driver: driver)
        }
        loop(&state, queue: queue, runner: runner, driver: driver)
        return WriteInterlock.shared.stopSignal.map { 128 + $0 } ?? ExitStatus.success.rawValue
    }

    private func loop(_ state: inout AppState, queue: EventQueue, runner: EffectRunner, driver: TerminalDriver) {
        var dirty = true
        var trace = Trace(path: environment["PCA_TUI_TRACE"])
        while true {
            var events = queue.drain()
            // A recorded API call changes the screen only while the activity log is open: thousands of calls
            // (one DescribeCertificate per ACM certificate) must not cost a frame each.
            let visible = events.contains { event in
                if case .apiCall = event, !state.showsActivity { return false }
                return true
            }
            if dirty || visible {
                events.insert(.tick(Date()), at: 0)
            }
            for event in events {
                for effect in Reducer.reduce(&state, event) {
                    if effect == .quit { return }
                    runner.run(effect, driver: driver)
                }
            }
            if visible { dirty = true }
            if state.quitting { return }
            if dirty {
                driver.draw(Renderer.render(state))
                dirty = false
                trace.frameDrawn(state)
            }
            let timeout = state.nextWakeup.map { max(0, Int32(($0.timeIntervalSinceNow * 1000).rounded(.up))) } ?? -1
            var descriptors = [pollfd(fd: driver.inputDescriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, timeout)
            if ready == 0 {
                queue.post(.tick(Date()))
                continue
            }
            // A signal (resize, terminal stop/continue) also interrupts poll: read what ncurses queued.
            if ready < 0 || descriptors[0].revents != 0 {
                if descriptors[0].revents & Int16(POLLHUP | POLLERR) != 0 {
                    queue.post(.terminate)
                }
                for key in driver.readKeys() {
                    if let key {
                        queue.post(.key(key))
                    } else {
                        let size = driver.size
                        queue.post(.resize(width: size.width, height: size.height))
                    }
                }
            }
        }
    }

    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }
}

/// Timestamps for the benchmark (`PCA_TUI_TRACE=FILE`): the first frame, the first frame that shows every
/// CA's ACM state, the end of the load, and ACM's certificates on screen. Off unless the variable is set.
struct Trace {
    let path: String?
    private var firstFrame = false
    private var complete = false
    private var loaded = false
    private var acmLoaded = false

    init(path: String?) {
        self.path = path
    }

    mutating func frameDrawn(_ state: AppState) {
        guard let path else { return }
        if !firstFrame {
            firstFrame = true
            append("first-frame", path)
        }
        if !complete, !state.rows.isEmpty, state.rows.allSatisfy({ $0.renewal != nil }) {
            complete = true
            append("renewals-complete", path)
        }
        if !loaded, case .loaded = state.progress {
            loaded = true
            append("loaded", path)
        }
        if !acmLoaded, state.acmCertificates != nil || state.acmError != nil {
            acmLoaded = true
            append("acm-loaded", path)
        }
    }

    private func append(_ event: String, _ path: String) {
        let line = "\(event) \(Date().timeIntervalSince1970)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }
}

/// Every signal whose default action would kill the program ends the UI through the normal exit path
/// instead, so the terminal is restored: SIGTERM, SIGHUP (the SSH connection dropped), SIGINT, SIGQUIT, and
/// the ones nobody expects (SIGUSR1/2, timers, CPU and file-size limits). SIGPIPE is ignored: a write to a
/// closed connection is an error the code handles. ncurses itself handles SIGTSTP (Ctrl-Z) and SIGWINCH;
/// the crash signals restore the terminal in `pca_install_crash_handlers`.
final class SignalWatcher: @unchecked Sendable {
    static let ending = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ]

    private var sources: [DispatchSourceSignal] = []

    init(queue: EventQueue) {
        signal(SIGPIPE, SIG_IGN)
        for number in Self.ending {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                switch WriteInterlock.shared.signalArrived(number) {
                case .exitNow, .forceExit: queue.post(.terminate)
                case let .finishFirst(pending): queue.post(.signalDuringWrite(pending: pending))
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
    }
}
