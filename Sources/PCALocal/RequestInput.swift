import Foundation

/// A JSON request body with AWS-style validation of its members.
struct RequestInput {
    let members: [String: Any]

    init(body: Data) throws {
        let trimmed = body.filter { !($0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09) }
        if trimmed.isEmpty {
            members = [:]
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: body), let members = object as? [String: Any] else {
            throw EmulatorError("SerializationException", "Start of structure or map found where not expected.")
        }
        self.members = members
    }

    /// The member's name as AWS writes it in validation messages (`certificateAuthorityArn`).
    private func memberPath(_ key: String) -> String {
        key.prefix(1).lowercased() + key.dropFirst()
    }

    func string(_ key: String, required: Bool = false, maxLength: Int? = nil, minLength: Int = 1) throws -> String? {
        guard let raw = members[key], !(raw is NSNull) else {
            if required {
                throw EmulatorError.validation("null", at: memberPath(key), "Member must not be null")
            }
            return nil
        }
        guard let value = raw as? String else {
            throw EmulatorError("SerializationException", "Unexpected value type for \(key): expected a string.")
        }
        if value.count < minLength {
            throw EmulatorError.validation("'\(value)'", at: memberPath(key),
                                           "Member must have length greater than or equal to \(minLength)")
        }
        if let maxLength, value.count > maxLength {
            throw EmulatorError.validation("'\(value.prefix(40))...'", at: memberPath(key),
                                           "Member must have length less than or equal to \(maxLength)")
        }
        return value
    }

    func requiredString(_ key: String, maxLength: Int? = nil) throws -> String {
        guard let value = try string(key, required: true, maxLength: maxLength) else {
            throw EmulatorError.validation("null", at: memberPath(key), "Member must not be null")
        }
        return value
    }

    func integer(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let raw = members[key], !(raw is NSNull) else { return nil }
        guard let number = raw as? NSNumber, !(raw is String), let value = Int(exactly: number.doubleValue) else {
            throw EmulatorError("SerializationException", "Unexpected value type for \(key): expected an integer.")
        }
        if value < range.lowerBound {
            throw EmulatorError.validation("'\(value)'", at: memberPath(key),
                                           "Member must have value greater than or equal to \(range.lowerBound)")
        }
        if value > range.upperBound {
            throw EmulatorError.validation("'\(value)'", at: memberPath(key),
                                           "Member must have value less than or equal to \(range.upperBound)")
        }
        return value
    }

    func stringList(_ key: String, required: Bool = false) throws -> [String]? {
        guard let raw = members[key], !(raw is NSNull) else {
            if required { throw EmulatorError.validation("null", at: memberPath(key), "Member must not be null") }
            return nil
        }
        guard let list = raw as? [Any], let strings = list as? [String] else {
            throw EmulatorError("SerializationException", "Unexpected value type for \(key): expected a list of strings.")
        }
        return strings
    }

    func object(_ key: String) throws -> [String: Any]? {
        guard let raw = members[key], !(raw is NSNull) else { return nil }
        guard let object = raw as? [String: Any] else {
            throw EmulatorError("SerializationException", "Unexpected value type for \(key): expected a structure.")
        }
        return object
    }

    /// Decodes a member into a Codable model (for nested structures the emulator stores as they came).
    func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        guard let raw = members[key], !(raw is NSNull) else { return nil }
        do {
            let data = try JSONSerialization.data(withJSONObject: raw)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(T.self, from: data)
        } catch {
            throw EmulatorError("SerializationException", "Could not read \(key): it does not match the expected structure.")
        }
    }
}
