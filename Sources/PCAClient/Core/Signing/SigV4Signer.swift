import Foundation
import PCACrypto

/// Signs requests with AWS Signature Version 4, as botocore's `SigV4Auth` does.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    /// Headers that botocore leaves unsigned: proxies and the HTTP stack may change them.
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "content-length", "expect", "x-amzn-trace-id",
        "amz-sdk-invocation-id", "amz-sdk-request", "connection", "transfer-encoding",
    ]

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and `Authorization`.
    public func sign(_ request: inout HTTPRequest, date: Date = Date()) {
        request.headers.removeAll { header in
            Self.replacedHeaders.contains { HeaderName.equal(header.name, $0) }
        }
        if request.header("host") == nil {
            request.headers.insert(("Host", Self.endpointParts(request.url).host), at: 0)
        }
        let amzDate = AWSTimestamp.amzDate(date)
        request.headers.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken {
            request.headers.append(("X-Amz-Security-Token", token))
        }
        let signed = signature(for: request, amzDate: amzDate)
        request.headers.append((
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(signed.scope), "
                + "SignedHeaders=\(signed.signedHeaders), Signature=\(signed.signature)"
        ))
    }

    /// The headers `sign` writes afresh, so signing a request twice signs it once.
    private static let replacedHeaders = ["authorization", "x-amz-date", "x-amz-security-token"]

    /// The pieces of a signature, exposed for the known-answer tests.
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var scope: String
        public var signedHeaders: String
        public var signingKey: [UInt8]
        public var signature: String
    }

    /// Computes the signature of `request` as it stands (its headers must already hold `X-Amz-Date`).
    public func signature(for request: HTTPRequest, amzDate: String) -> Signature {
        let dateStamp = String(amzDate.prefix(8))
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request)
        let endpoint = Self.endpointParts(request.url)
        let canonicalRequest = [
            request.method.uppercased(),
            endpoint.canonicalURI,
            endpoint.canonicalQuery,
            canonicalHeaders,
            signedHeaders,
            SHA256.hash(request.body).hexString,
        ].joined(separator: "\n")
        let scope = "\(dateStamp)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(SHA256.hash(canonicalRequest).hexString)"
        let key = signingKey(dateStamp: dateStamp)
        let signature = HMAC<SHA256>.authenticationCode(for: stringToSign, key: key).hexString
        return Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign, scope: scope,
                         signedHeaders: signedHeaders, signingKey: key, signature: signature)
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). The same for
    /// every request of a day, region and service, so it is derived once and kept (`SigningCaches`).
    public func signingKey(dateStamp: String) -> [UInt8] {
        SigningCaches.signingKeys.value(for: .init(secret: credentials.secretAccessKey, dateStamp: dateStamp, region: region,
                                                   service: service)) {
            deriveSigningKey(dateStamp: dateStamp)
        }
    }

    func deriveSigningKey(dateStamp: String) -> [UInt8] {
        let kDate = HMAC<SHA256>.authenticationCode(for: dateStamp, key: Array("AWS4\(credentials.secretAccessKey)".utf8))
        let kRegion = HMAC<SHA256>.authenticationCode(for: region, key: kDate)
        let kService = HMAC<SHA256>.authenticationCode(for: service, key: kRegion)
        return HMAC<SHA256>.authenticationCode(for: "aws4_request", key: kService)
    }

    /// `host` or `host:port` when the port is not the scheme's default.
    public static func hostHeader(for url: URL) -> String {
        let host = url.host ?? ""
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port = url.port else { return bracketed }
        let isDefault = (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80)
        return isDefault ? bracketed : "\(bracketed):\(port)"
    }

    /// The endpoint's host header, canonical URI and canonical query: the same for every request to one URL, so
    /// they are computed once per URL (`SigningCaches`).
    static func endpointParts(_ url: URL) -> EndpointParts {
        SigningCaches.endpointParts.value(for: url.absoluteString) {
            EndpointParts(host: hostHeader(for: url), canonicalURI: canonicalURI(url), canonicalQuery: canonicalQuery(url))
        }
    }

    static func canonicalHeaders(_ request: HTTPRequest) -> (block: String, signedNames: String) {
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = HeaderName.lowercased(header.name)
            guard !unsignedHeaders.contains(name) else { continue }
            values[name, default: []].append(collapseSpaces(header.value))
        }
        let names = values.keys.sorted()
        let block = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    static func collapseSpaces(_ value: String) -> String {
        // Most values are printable ASCII with no run of spaces and no space at either end: nothing to collapse
        // or trim. Anything else (tabs, Unicode spaces) takes the general path.
        let bytes = value.utf8
        if bytes.first != UInt8(ascii: " "), bytes.last != UInt8(ascii: " "),
           bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }),
           !zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: " ") && $1 == UInt8(ascii: " ") }) {
            return value
        }
        return value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    static func canonicalURI(_ url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/"
        guard !path.isEmpty else { return "/" }
        // Each segment is decoded and encoded again, so both raw and pre-encoded paths sign the same.
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0).removingPercentEncoding ?? String($0)) }
            .joined(separator: "/")
    }

    static func canonicalQuery(_ url: URL) -> String {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery,
              !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (uriEncode(decode(parts[0])), parts.count > 1 ? uriEncode(decode(parts[1])) : "")
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 encoding with AWS's unreserved set `A-Z a-z 0-9 - _ . ~`.
    public static func uriEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
