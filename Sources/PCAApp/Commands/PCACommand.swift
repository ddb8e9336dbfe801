import Foundation
import PCAAdmin
import PCAClient
import PCACommandLine

/// A scriptable command: it declares its arguments, options and help in `signature`, checks its arguments in
/// `init` (before any credential lookup), and runs.
protocol PCACommand: Sendable {
    static var signature: CommandSignature { get }
    /// False for a command that builds its own sessions (`report`).
    static var needsSession: Bool { get }
    init(arguments: [String], options: GlobalOptions) throws
    func run(_ context: CommandContext) async throws -> ExitStatus
}

extension PCACommand {
    static var needsSession: Bool { true }

    /// For commands that take exactly one CA.
    static func oneCA(_ arguments: [String]) throws -> String {
        guard let first = arguments.first else {
            throw CommandFailure(.usage, "\(signature.name) needs a CA (its ARN, its id, or the id's first 8 characters)")
        }
        guard arguments.count == 1 else { throw CommandFailure(.usage, "unexpected argument '\(arguments[1])'") }
        return first
    }

    static func noArguments(_ arguments: [String]) throws {
        if let first = arguments.first { throw CommandFailure(.usage, "unexpected argument '\(first)'") }
    }
}

/// A command that reads one CA: it takes the CA's ARN, id or short id, resolves it and shows it.
protocol OneCACommand: PCACommand {
    var ca: String { get }
    init(ca: String)
    static func show(_ arn: String, session: Session, options: GlobalOptions, output: CommandOutput) async throws -> ExitStatus
}

extension OneCACommand {
    init(arguments: [String], options: GlobalOptions) throws {
        self.init(ca: try Self.oneCA(arguments))
    }

    func run(_ context: CommandContext) async throws -> ExitStatus {
        try await Self.show(try await context.resolve([ca])[0], session: context.requiredSession, options: context.options,
                            output: context.output)
    }
}

/// What a command runs with.
struct CommandContext: Sendable {
    /// Nil only for commands that build their own (`needsSession` false).
    var session: Session?
    var options: GlobalOptions
    var environment: [String: String]
    var calls: CallRecorder
    var output: CommandOutput

    var requiredSession: Session {
        get throws {
            guard let session else { throw CommandFailure(.failure, "no session") }
            return session
        }
    }

    /// Turns the CA words into ARNs, with one listing at most.
    func resolve(_ words: [String]) async throws -> [String] {
        let session = try requiredSession
        do {
            return try await CAResolver.resolve(words, loader: session.loader(concurrency: options.concurrency))
        } catch let failure as CAResolver.Failure {
            if case .notFound = failure { throw CommandFailure(.failure, failure.description) }
            throw CommandFailure(.usage, failure.description)
        }
    }
}
