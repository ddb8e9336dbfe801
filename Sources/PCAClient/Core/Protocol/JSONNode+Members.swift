import Foundation

/// Reading an object's members by hand, with the rules the models' Codable conformances follow under JSONDecoder:
/// an absent or null member is nil, a member of another type is an error, a timestamp is epoch seconds of at most
/// 253,402,300,799 either way (`AWSJSONClient.maximumTimestamp`, the end of the year 9999). One rule is stricter: a member read that is given twice is an error, so that the caller falls back
/// to JSONDecoder and its own reading of duplicates.
extension JSONNode {
    public struct MemberError: Error, Equatable {
        public let member: String
        public let reason: String
    }

    /// The member named `name`; nil when absent or null.
    public func member(_ name: String) throws -> JSONNode? {
        guard case let .object(members) = self else { throw MemberError(member: name, reason: "not inside an object") }
        var found: JSONNode?
        for entry in members where entry.key == name {
            guard found == nil else { throw MemberError(member: name, reason: "given twice") }
            found = entry.value
        }
        if case .null = found { return nil }
        return found
    }

    public func string(_ name: String) throws -> String? {
        switch try member(name) {
        case nil: return nil
        case let .string(text): return text
        default: throw MemberError(member: name, reason: "not a string")
        }
    }

    public func bool(_ name: String) throws -> Bool? {
        switch try member(name) {
        case nil: return nil
        case let .bool(flag): return flag
        default: throw MemberError(member: name, reason: "not a boolean")
        }
    }

    /// A timestamp in epoch seconds, as `AWSJSONClient.decoder` reads it.
    public func date(_ name: String) throws -> Date? {
        switch try member(name) {
        case nil: return nil
        case let .number(seconds) where abs(seconds) <= AWSJSONClient.maximumTimestamp:
            return Date(timeIntervalSince1970: seconds)
        default: throw MemberError(member: name, reason: "not a timestamp")
        }
    }

    /// An object member; nil when absent or null.
    public func object(_ name: String) throws -> JSONNode? {
        switch try member(name) {
        case nil: return nil
        case let node? where node.isObject: return node
        default: throw MemberError(member: name, reason: "not an object")
        }
    }

    /// An array of objects; nil when absent or null. A null element is an error, as JSONDecoder has it.
    public func objects(_ name: String) throws -> [JSONNode]? {
        switch try member(name) {
        case nil: return nil
        case let .array(elements):
            guard elements.allSatisfy(\.isObject) else { throw MemberError(member: name, reason: "an element is not an object") }
            return elements
        default: throw MemberError(member: name, reason: "not an array")
        }
    }

    /// An array of strings; nil when absent or null.
    public func strings(_ name: String) throws -> [String]? {
        switch try member(name) {
        case nil: return nil
        case let .array(elements):
            return try elements.map { element in
                guard case let .string(text) = element else { throw MemberError(member: name, reason: "an element is not a string") }
                return text
            }
        default: throw MemberError(member: name, reason: "not an array")
        }
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
