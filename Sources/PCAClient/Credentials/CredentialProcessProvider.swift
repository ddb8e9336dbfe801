import Foundation

/// `credential_process`: runs the configured command (without a shell) and reads its JSON.
public struct CredentialProcessProvider: CredentialProvider {
    public let name: String
    private let commandLine: String
    private let profile: String

    public init(commandLine: String, profile: String) {
        self.commandLine = commandLine
        self.profile = profile
        self.name = "credential_process of profile \(profile)"
    }

    public func credentials() async throws -> AWSCredentials? {
        let source = "credential_process (profile \(profile))"
        let arguments = ShellWords.split(commandLine)
        guard let executable = arguments.first else {
            throw ClientError.credentialsFailed(source: source, reason: "credential_process is empty")
        }
        let output = try await ProcessRunner.run(executable: executable, arguments: Array(arguments.dropFirst()))
        guard output.status == 0 else {
            let message = String(decoding: output.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ClientError.credentialsFailed(
                source: source, reason: "the command exited with status \(output.status)" + (message.isEmpty ? "" : ": \(message)"))
        }
        return try Self.parse(output.standardOutput, source: source)
    }

    /// The process's JSON: `Version` must be the number 1; `SessionToken` and `Expiration` are optional.
    static func parse(_ data: Data, source: String) throws -> AWSCredentials {
        struct Output: Decodable {
            var Version: Int
            var AccessKeyId: String?
            var SecretAccessKey: String?
            var SessionToken: String?
            var Expiration: String?
        }
        let output: Output
        do {
            output = try JSONDecoder().decode(Output.self, from: data)
        } catch {
            throw ClientError.credentialsFailed(
                source: source, reason: "the command did not print a JSON object with a numeric Version")
        }
        guard output.Version == 1 else {
            throw ClientError.credentialsFailed(source: source, reason: "unsupported Version \(output.Version) (must be 1)")
        }
        guard let keyID = output.AccessKeyId, let secret = output.SecretAccessKey else {
            throw ClientError.credentialsFailed(source: source, reason: "AccessKeyId or SecretAccessKey is missing")
        }
        var expiration: Date?
        if let text = output.Expiration {
            guard let date = AWSTimestamp.parseISO8601(text) else {
                throw ClientError.credentialsFailed(source: source, reason: "Expiration '\(text)' is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: output.SessionToken,
                              expiration: expiration, source: source)
    }
}

/// Splits a command line into words as a POSIX shell would, without expanding anything.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch (character, quote) {
            case ("\\", nil), ("\\", "\""):
                escaped = true
                inWord = true
            case ("'", nil), ("\"", nil):
                quote = character
                inWord = true
            case (let c, let q?) where c == q:
                quote = nil
            case (let c, nil) where c == " " || c == "\t" || c == "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

/// Runs a program to completion off the cooperative thread pool and collects its output.
enum ProcessRunner {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
    }

    static func run(executable: String, arguments: [String]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try runBlocking(executable: executable, arguments: arguments))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(executable: String, arguments: [String]) throws -> Output {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            // Look the program up on PATH as a shell would, without a shell.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ClientError.credentialsFailed(source: "credential_process",
                                                reason: "could not start \(executable): \(error.localizedDescription)")
        }
        // Read both pipes before waiting, so a chatty process cannot fill a pipe and block.
        let errorData = ReadAll(stderr.fileHandleForReading)
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: outputData, standardError: errorData.wait())
    }

    /// Reads a pipe to its end on a background thread.
    private final class ReadAll: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
