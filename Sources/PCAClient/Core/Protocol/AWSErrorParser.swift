import Foundation

/// Reads an AWS JSON 1.x error answer the way the SDKs do.
public enum AWSErrorParser {
    /// The error for a non-2xx answer. The code comes from `x-amzn-ErrorType` when present, else the body's
    /// `__type` (or `code`); a `namespace#` prefix and anything after a `:` are removed.
    public static func error(from response: HTTPResponse, operation: String) -> Error {
        let requestID = response.header("x-amzn-RequestId")
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let rawCode = response.header("x-amzn-ErrorType") ?? object?["__type"] as? String
            ?? object?["code"] as? String ?? object?["Code"] as? String
        let message = object?["message"] as? String ?? object?["Message"] as? String ?? ""
        guard let rawCode, !rawCode.isEmpty else {
            if response.statusCode >= 500 {
                return AWSError(code: .internalFailure, message: "HTTP \(response.statusCode) with no error code",
                                statusCode: response.statusCode, requestID: requestID, operation: operation)
            }
            let snippet = String(decoding: response.body.prefix(120), as: UTF8.self)
            return ClientError.malformedResponse(
                operation: operation, statusCode: response.statusCode,
                detail: "an error answer without an error code" + (snippet.isEmpty ? "" : ": \(sanitized(snippet))"))
        }
        return AWSError(code: AWSErrorCode(rawValue: normalizedCode(rawCode)), message: message,
                        statusCode: response.statusCode, requestID: requestID, operation: operation)
    }

    /// `aws.protocoltests#FooError:http://...` -> `FooError`.
    public static func normalizedCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    /// Printable text only, so a hostile body cannot put control characters into a message.
    static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
