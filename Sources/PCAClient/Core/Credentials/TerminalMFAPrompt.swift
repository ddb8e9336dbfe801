import Foundation

/// Asks for an MFA code on the controlling terminal, as the AWS CLI does for `mfa_serial`.
public enum TerminalMFAPrompt {
    @Sendable
    public static func ask(serial: String) async throws -> String {
        guard let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else {
            throw ClientError.credentialsFailed(
                source: "mfa_serial", reason: "an MFA code is needed for \(serial) but there is no terminal to ask on")
        }
        defer { try? tty.close() }
        tty.write(Data("Enter MFA code for \(serial): ".utf8))
        var line = Data()
        while true {
            let byte = tty.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let code = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty else {
            throw ClientError.credentialsFailed(source: "mfa_serial", reason: "no MFA code was entered")
        }
        return code
    }
}
