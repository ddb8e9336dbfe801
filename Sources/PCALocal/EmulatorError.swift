import Foundation

/// An error the emulator answers with, in AWS's JSON 1.1 shape.
public struct EmulatorError: Error, Sendable, Hashable {
    public var code: String
    public var message: String
    public var status: Int

    public init(_ code: String, _ message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    static func notFound(_ arn: String) -> EmulatorError {
        EmulatorError("ResourceNotFoundException", "Could not find certificate authority with ARN \(arn).")
    }

    static func invalidState(_ message: String) -> EmulatorError {
        EmulatorError("InvalidStateException", message)
    }

    static func invalidArn(_ arn: String) -> EmulatorError {
        EmulatorError("InvalidArnException", "The Amazon Resource Name (ARN) \(arn) is not valid.")
    }

    /// AWS's framework validation message: "1 validation error detected: Value ... at '...' failed to
    /// satisfy constraint: ...".
    static func validation(_ value: String, at member: String, _ constraint: String) -> EmulatorError {
        EmulatorError("ValidationException",
                      "1 validation error detected: Value \(value) at '\(member)' failed to satisfy constraint: \(constraint)")
    }
}
