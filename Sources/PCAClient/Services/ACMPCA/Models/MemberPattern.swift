/// A string member's constraints as the ACM-PCA API model (botocore's `service-2.json`) states them: its
/// length and its pattern. A value that does not match is one AWS would refuse, so pca-tui never puts it
/// into a command for someone to paste.
public struct MemberPattern: Sendable, Hashable {
    /// What the value is, in the user's words (`ARN`, `region`).
    public let name: String
    /// The shape in the API model.
    public let shape: String
    /// The shape's pattern, as the model writes it (the whole value must match).
    public let pattern: String
    public let minLength: Int
    public let maxLength: Int

    /// `Arn`: every CA ARN (`CertificateAuthorityArn`, `ResourceArn`).
    public static let arn = MemberPattern(
        name: "ARN", shape: "Arn",
        pattern: #"arn:[\w+=/,.@-]+:acm-pca:[\w+=/,.@-]*:[0-9]*:[\w+=,.@-]+(/[\w+=,.@-]+)*"#, minLength: 5, maxLength: 200)

    /// A region is no member of the API but the host label of its endpoint (`acm-pca.REGION.amazonaws.com`):
    /// lower-case letters, digits and hyphens, at most 63. The endpoint resolver takes nothing else.
    public static let region = MemberPattern(name: "region", shape: "Region", pattern: "[a-z0-9-]+", minLength: 1, maxLength: 63)

    /// Whether `value` matches, with `\w` read as AWS reads it (Java's default: `[A-Za-z0-9_]`, never a
    /// Unicode letter or a zero-width joiner) and the length counted as the model counts it.
    public func matches(_ value: String) -> Bool {
        guard value.unicodeScalars.allSatisfy(\.isASCII), (minLength...maxLength).contains(value.unicodeScalars.count),
              let regex = try? Regex(pattern) else {
            return false
        }
        let ascii = regex.asciiOnlyWordCharacters().matchingSemantics(.unicodeScalar)
        return (try? ascii.wholeMatch(in: value)) != nil
    }
}
