import Foundation
import PCACrypto

/// NextToken pagination shared by every List operation. A token carries the offset of the next page and a
/// MAC over the operation, the resource it lists and that offset, under a key this process made: a token is
/// good only for the listing it came from, and a forged or altered one is InvalidNextTokenException (tokens
/// from an earlier run of the emulator are refused too).
extension Emulator {
    /// The page of `items` that the request's NextToken asks for, and the token of the page after it.
    /// `scope` names what is listed: the CA's ARN, or the ResourceOwner of ListCertificateAuthorities.
    static func page<Item>(_ items: [Item], size: Int, input: RequestInput, operation: String, scope: String) throws
        -> (items: [Item], nextToken: String?) {
        let offset = try offset(fromToken: try input.string("NextToken", maxLength: 43739), operation: operation, scope: scope)
        guard offset <= items.count else { throw invalidToken(operation) }
        let end = min(offset + size, items.count)
        return (Array(items[offset..<end]), end < items.count ? token(offset: end, operation: operation, scope: scope) : nil)
    }

    private static let tokenKey: [UInt8] = (0..<32).map { _ in UInt8.random(in: 0...255) }

    private static func mac(offset: Int, operation: String, scope: String) -> String {
        String(HMAC<SHA256>.authenticationCode(for: "\(operation)|\(scope)|\(offset)", key: tokenKey).hexString.prefix(32))
    }

    static func token(offset: Int, operation: String, scope: String) -> String {
        Data("\(offset).\(mac(offset: offset, operation: operation, scope: scope))".utf8).base64EncodedString()
    }

    static func offset(fromToken token: String?, operation: String, scope: String) throws -> Int {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw invalidToken(operation)
        }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let offset = Int(parts[0]), offset >= 0,
              constantTimeEquals(Array(parts[1].utf8), Array(mac(offset: offset, operation: operation, scope: scope).utf8)) else {
            throw invalidToken(operation)
        }
        return offset
    }

    static func invalidToken(_ operation: String) -> EmulatorError {
        EmulatorError("InvalidNextTokenException",
                      "The token specified in the NextToken argument is not valid. Use the token returned from your previous call to \(operation).")
    }
}
