import Foundation
import PCAClient

/// An error in a few words, for a table cell, a JSON field or a journal line.
public enum ErrorWords {
    public static func short(_ error: Error) -> String {
        switch error {
        case let error as AWSError:
            return error.message.isEmpty ? error.code.rawValue : "\(error.code.rawValue): \(error.message)"
        default:
            return "\(error)"
        }
    }
}
