import Foundation

/// One shape of the service model, as far as input validation needs it.
enum InputShape: Sendable {
    case structure(members: [(String, String)], required: [String])
    case list(member: String, min: Int?, max: Int?)
    case string(min: Int?, max: Int?, pattern: String?, values: [String]?)
    case integer(min: Int?, max: Int?)
    case boolean
    case blob(min: Int?, max: Int?)
    /// Seconds since 1970, as JSON 1.1 sends timestamps.
    case timestamp
}

/// One service's input shapes: each operation's input structure and every shape it reaches.
struct InputShapeTable: Sendable {
    let operationInputs: [String: String]
    let shapes: [String: InputShape]
}

/// Checks a request against its operation's input shape the way AWS's front end does: every violation is
/// collected ("3 validation errors detected: ...; ...; ...") and answered as one ValidationException before
/// the operation looks anything up. A value of the wrong JSON type is a SerializationException.
enum InputValidator {
    static func validate(operation: String, members: [String: Any], table: InputShapeTable = InputShapes.table) throws {
        guard let input = table.operationInputs[operation] else { return }
        var found: [String] = []
        try check(members, shape: input, path: "", table: table, into: &found)
        guard !found.isEmpty else { return }
        let count = found.count == 1 ? "1 validation error detected" : "\(found.count) validation errors detected"
        throw EmulatorError("ValidationException", "\(count): " + found.joined(separator: "; "))
    }

    /// The member's name as AWS writes it in validation messages (`certificateAuthorityArn`).
    private static func pathComponent(_ member: String) -> String {
        member.prefix(1).lowercased() + member.dropFirst()
    }

    private static func check(_ value: Any, shape name: String, path: String, table: InputShapeTable,
                              into found: inout [String]) throws {
        guard let shape = table.shapes[name] else { return }
        switch shape {
        case let .structure(members, required):
            guard let object = value as? [String: Any] else { throw typeError(path, "a structure") }
            for (member, memberShape) in members {
                let memberPath = path.isEmpty ? pathComponent(member) : "\(path).\(pathComponent(member))"
                guard let memberValue = object[member], !(memberValue is NSNull) else {
                    if required.contains(member) {
                        found.append("Value null at '\(memberPath)' failed to satisfy constraint: Member must not be null")
                    }
                    continue
                }
                try check(memberValue, shape: memberShape, path: memberPath, table: table, into: &found)
            }
        case let .list(member, min, max):
            guard let items = value as? [Any] else { throw typeError(path, "a list") }
            let shown = "'[\(items.map { "\($0)" }.joined(separator: ", "))]'"
            if let min, items.count < min {
                found.append(violation(shown, path, "Member must have length greater than or equal to \(min)"))
            }
            if let max, items.count > max {
                found.append(violation(shown, path, "Member must have length less than or equal to \(max)"))
            }
            if case .structure? = table.shapes[member] {
                for (index, item) in items.enumerated() {
                    try check(item, shape: member, path: "\(path).\(index + 1).member", table: table, into: &found)
                }
            } else {
                // A list of simple values is reported once, at the list, with the element's constraint inside.
                var inner: [String] = []
                for item in items {
                    try check(item, shape: member, path: path, table: table, into: &inner)
                }
                if let first = inner.first, let constraint = first.range(of: "failed to satisfy constraint: ") {
                    found.append(violation(shown, path, "Member must satisfy constraint: [\(first[constraint.upperBound...])]"))
                }
            }
        case let .string(min, max, pattern, values):
            guard let text = value as? String else { throw typeError(path, "a string") }
            let shown = "'\(text)'"
            // Lengths count UTF-16 code units, as the service's Java front end does.
            let length = text.utf16.count
            if let min, length < min {
                found.append(violation(shown, path, "Member must have length greater than or equal to \(min)"))
            }
            if let max, length > max {
                found.append(violation(shown, path, "Member must have length less than or equal to \(max)"))
            }
            if let values, !values.contains(text) {
                found.append(violation(shown, path, "Member must satisfy enum value set: [\(values.joined(separator: ", "))]"))
            }
            if let pattern, !PatternCache.matches(text, pattern) {
                found.append(violation(shown, path, "Member must satisfy regular expression pattern: \(pattern)"))
            }
        case let .integer(min, max):
            guard let number = value as? NSNumber, !(value is String),
                  let integer = Int64(exactly: number.doubleValue) else { throw typeError(path, "an integer") }
            if let min, integer < Int64(min) {
                found.append(violation("'\(integer)'", path, "Member must have value greater than or equal to \(min)"))
            }
            if let max, integer > Int64(max) {
                found.append(violation("'\(integer)'", path, "Member must have value less than or equal to \(max)"))
            }
        case .timestamp:
            guard value is NSNumber else { throw typeError(path, "a timestamp") }
        case .boolean:
            guard value is Bool || value is NSNumber else { throw typeError(path, "a boolean") }
        case let .blob(min, max):
            guard let text = value as? String, let data = Data(base64Encoded: text) else {
                throw typeError(path, "base64-encoded bytes")
            }
            if let min, data.count < min {
                found.append(violation("'<\(data.count) bytes>'", path, "Member must have length greater than or equal to \(min)"))
            }
            if let max, data.count > max {
                found.append(violation("'<\(data.count) bytes>'", path, "Member must have length less than or equal to \(max)"))
            }
        }
    }

    private static func violation(_ value: String, _ path: String, _ constraint: String) -> String {
        "Value \(value) at '\(path)' failed to satisfy constraint: \(constraint)"
    }

    private static func typeError(_ path: String, _ expected: String) -> EmulatorError {
        EmulatorError("SerializationException", "Unexpected value type at '\(path)': expected \(expected).")
    }
}

/// Compiled model patterns. They must match the whole value, as the service's Java front end checks them.
private enum PatternCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var compiled: [String: NSRegularExpression] = [:]

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let expression = lock.withLock { () -> NSRegularExpression? in
            if let known = compiled[pattern] { return known }
            let made = try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z", options: [])
            compiled[pattern] = made
            return made
        }
        guard let expression else { return true }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
