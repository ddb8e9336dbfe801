/// A string enum that AWS may extend: known values are static members, and any other value decodes as
/// itself instead of failing, so an old client keeps working when AWS adds a new value.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String {
    init(rawValue: String)
    /// Known values longer than Swift keeps inside a string (15 bytes of UTF-8): a decoded value equal to one
    /// of them shares the constant's text instead of holding a copy, as every CA of a list of 10,000 names
    /// `FIPS_140_2_LEVEL_3_OR_HIGHER`, say.
    static var sharedRawValues: [String] { get }
}

extension OpenEnum {
    public static var sharedRawValues: [String] { [] }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(from decoder: Decoder) throws {
        let rawValue = try decoder.singleValueContainer().decode(String.self)
        self.init(rawValue: Self.sharedRawValues.first { $0 == rawValue } ?? rawValue)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
}
