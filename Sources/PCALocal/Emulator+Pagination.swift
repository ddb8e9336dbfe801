import Foundation

/// NextToken pagination shared by every List operation: the token is an opaque offset.
extension Emulator {
    /// The page of `items` that the request's NextToken asks for, and the token of the page after it.
    static func page<Item>(_ items: [Item], size: Int, input: RequestInput, operation: String) throws
        -> (items: [Item], nextToken: String?) {
        let offset = try offset(fromToken: try input.string("NextToken", maxLength: 43739), operation: operation)
        guard offset <= items.count else { throw invalidToken(operation) }
        let end = min(offset + size, items.count)
        return (Array(items[offset..<end]), end < items.count ? token(offset: end) : nil)
    }

    static func token(offset: Int) -> String {
        Data("pca-local:\(offset)".utf8).base64EncodedString()
    }

    static func offset(fromToken token: String?, operation: String) throws -> Int {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("pca-local:"), let offset = Int(text.dropFirst("pca-local:".count)), offset >= 0 else {
            throw invalidToken(operation)
        }
        return offset
    }

    static func invalidToken(_ operation: String) -> EmulatorError {
        EmulatorError("InvalidNextTokenException",
                      "The token specified in the NextToken argument is not valid. Use the token returned from your previous call to \(operation).")
    }
}
