import Foundation
import PCAProcess

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

/// Runs the credential program to completion off the cooperative thread pool and collects its output.
enum ProcessRunner {
    /// A credential program that has not answered in two minutes is stuck (waiting for input it cannot get).
    static let timeout: TimeInterval = 120

    static func run(executable: String, arguments: [String]) async throws -> ChildProcess.Output {
        let output: ChildProcess.Output
        do {
            output = try await ChildProcess.runDetached([executable] + arguments, timeout: timeout)
        } catch {
            throw ClientError.credentialsFailed(source: "credential_process", reason: "could not start \(executable): \(error)")
        }
        if output.timedOut {
            throw ClientError.credentialsFailed(source: "credential_process",
                                                reason: "\(executable) did not finish within \(Int(timeout)) seconds")
        }
        return output
    }
}
