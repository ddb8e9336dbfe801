import Foundation
import PCAClient
import PCACrypto

/// Checks AWS Signature Version 4 on incoming requests, as AWS does. Written apart from the client's
/// signer (it shares only SHA-256, HMAC and the `BoundedCache` memo), so a mistake in one is not mirrored in the
/// other.
struct SigV4Verifier {
    /// The parts of a request the signature covers, as received.
    struct ReceivedRequest {
        var method: String
        /// Path and query as sent on the request line.
        var target: String
        var headers: [(name: String, value: String)]
        var body: Data

        func header(_ name: String) -> String? {
            let lower = name.lowercased()
            let values = headers.filter { $0.name.lowercased() == lower }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
    }

    /// A parsed `Authorization` header.
    struct Authorization {
        var accessKeyID: String
        var date: String
        var region: String
        var service: String
        var signedHeaders: [String]
        var signature: String
    }

    /// Largest accepted difference between the request's X-Amz-Date and the server clock.
    static let allowedSkew: TimeInterval = 5 * 60

    static func parseAuthorization(_ header: String) throws -> Authorization {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.hasPrefix(prefix) else {
            throw EmulatorError("IncompleteSignatureException",
                                "Authorization header requires 'AWS4-HMAC-SHA256' as the algorithm.")
        }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pair = HTTPServer.trimmed(part).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
              let signature = fields["Signature"] else {
            throw EmulatorError("IncompleteSignatureException",
                                "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.")
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else {
            throw EmulatorError("IncompleteSignatureException",
                                "Credential should be scoped to a valid region, service and aws4_request terminator.")
        }
        return Authorization(accessKeyID: scope[0], date: scope[1], region: scope[2], service: scope[3],
                             signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }

    /// Verifies `request` against `secret`; throws AWS's error when the signature or its date is wrong.
    static func verify(_ request: ReceivedRequest, authorization: Authorization, secret: String, now: Date) throws {
        guard let amzDate = request.header("x-amz-date") ?? request.header("date") else {
            throw EmulatorError("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard let requestTime = AWSTimestamp.parseAmzDate(amzDate) else {
            throw EmulatorError("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '\(amzDate)'.")
        }
        if requestTime.timeIntervalSince(now) < -allowedSkew {
            throw EmulatorError("InvalidSignatureException",
                                "Signature expired: \(amzDate) is now earlier than \(AWSTimestamp.amzDate(now.addingTimeInterval(-allowedSkew))) "
                                    + "(\(AWSTimestamp.amzDate(now)) - 5 min.)")
        }
        if requestTime.timeIntervalSince(now) > allowedSkew {
            throw EmulatorError("InvalidSignatureException",
                                "Signature not yet current: \(amzDate) is still later than \(AWSTimestamp.amzDate(now.addingTimeInterval(allowedSkew))) "
                                    + "(\(AWSTimestamp.amzDate(now)) + 5 min.)")
        }
        guard authorization.signedHeaders.contains("host") else {
            throw EmulatorError("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.")
        }
        guard amzDate.hasPrefix(authorization.date) else {
            throw EmulatorError("InvalidSignatureException",
                                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(authorization.date)' != '\(amzDate.prefix(8))'")
        }
        let canonical = canonicalRequest(request, signedHeaders: authorization.signedHeaders)
        let scope = "\(authorization.date)/\(authorization.region)/\(authorization.service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(SHA256.hash(canonical).hexString)"
        let key = signingKey(secret: secret, date: authorization.date, region: authorization.region,
                             service: authorization.service)
        let expected = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), key: key).hexString
        guard constantTimeEquals(Array(expected.utf8), Array(authorization.signature.utf8)) else {
            throw EmulatorError("InvalidSignatureException",
                                "The request signature we calculated does not match the signature you provided. "
                                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
        }
    }

    static func canonicalRequest(_ request: ReceivedRequest, signedHeaders: [String]) -> String {
        let pathEnd = request.target.firstIndex(of: "?") ?? request.target.endIndex
        let rawPath = String(request.target[..<pathEnd])
        let rawQuery = pathEnd < request.target.endIndex ? String(request.target[request.target.index(after: pathEnd)...]) : ""
        let headerLines = signedHeaders.map { name -> String in
            let value = (request.header(name) ?? "").split(separator: " ").joined(separator: " ")
            return "\(name):\(value)"
        }
        return [request.method, canonicalPath(rawPath), canonicalQuery(rawQuery),
                headerLines.joined(separator: "\n") + "\n", signedHeaders.joined(separator: ";"),
                SHA256.hash(request.body).hexString].joined(separator: "\n")
    }

    static func canonicalPath(_ raw: String) -> String {
        guard !raw.isEmpty else { return "/" }
        return raw.split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(String($0).removingPercentEncoding ?? String($0)) }
            .joined(separator: "/")
    }

    static func canonicalQuery(_ raw: String) -> String {
        guard !raw.isEmpty else { return "" }
        return raw.split(separator: "&").map { item -> String in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return encode(name) + "=" + encode(value)
        }.sorted().joined(separator: "&")
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

    static func encode(_ text: String) -> String {
        text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }

    /// The signing key (four HMACs) for a secret, day, region and service, derived once: every request of a
    /// listing has the same.
    private static let signingKeys = BoundedCache<Scope, [UInt8]>()

    /// The four parts kept apart: joined into one string, two different scopes could read the same.
    struct Scope: Hashable, Sendable {
        let secret: String
        let date: String
        let region: String
        let service: String
    }

    static func signingKey(secret: String, date: String, region: String, service: String) -> [UInt8] {
        signingKeys.value(for: Scope(secret: secret, date: date, region: region, service: service)) {
            var key = Array("AWS4\(secret)".utf8)
            for part in [date, region, service, "aws4_request"] {
                key = HMAC<SHA256>.authenticationCode(for: Array(part.utf8), key: key)
            }
            return key
        }
    }
}
