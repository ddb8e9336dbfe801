/// What a program accepts: options that take a value and flags that do not.
public struct ArgumentSpec: Sendable {
    public var valueOptions: Set<String>
    public var flags: Set<String>
    /// Short forms, `-h` -> `--help`.
    public var aliases: [String: String]

    public init(valueOptions: Set<String>, flags: Set<String>, aliases: [String: String] = [:]) {
        self.valueOptions = valueOptions
        self.flags = flags
        self.aliases = aliases
    }
}

/// Parsed command-line arguments. Options may come before or after positional arguments, as
/// `--name value` or `--name=value`; `--` ends the options.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [String: String] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    public init() {}

    public func value(_ name: String) -> String? { values[name] }
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The option as a number in `range`, or a usage error that names the option.
    public func number(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw ArgumentError.invalidValue(option: name, value: text,
                                             expected: "a number from \(format(range.lowerBound)) to \(format(range.upperBound))")
        }
        return value
    }

    /// The option as a whole number in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ArgumentError.invalidValue(option: name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The option as one of `choices`.
    public func choice(_ name: String, _ choices: [String]) throws -> String? {
        guard let text = values[name] else { return nil }
        guard choices.contains(text) else {
            throw ArgumentError.invalidValue(option: name, value: text, expected: "one of " + choices.joined(separator: ", "))
        }
        return text
    }

    private func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}

/// A mistake in the command line; the message says what to fix.
public enum ArgumentError: Error, Equatable, CustomStringConvertible {
    case unknownOption(String)
    case missingValue(String)
    case unexpectedValue(String)
    case invalidValue(option: String, value: String, expected: String)
    case unexpectedArgument(String)
    case missingArgument(String)

    public var description: String {
        switch self {
        case let .unknownOption(name): return "unknown option '\(name)'"
        case let .missingValue(name): return "option '--\(name)' needs a value"
        case let .unexpectedValue(name): return "option '--\(name)' takes no value"
        case let .invalidValue(option, value, expected): return "'\(value)' is not valid for --\(option): expected \(expected)"
        case let .unexpectedArgument(text): return "unexpected argument '\(text)'"
        case let .missingArgument(what): return "missing \(what)"
        }
    }
}

public enum ArgumentParser {
    public static func parse(_ arguments: [String], spec: ArgumentSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name: String
            var inlineValue: String?
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else if let long = spec.aliases[argument] {
                name = long
            } else {
                throw ArgumentError.unknownOption(argument)
            }
            if spec.flags.contains(name) {
                guard inlineValue == nil else { throw ArgumentError.unexpectedValue(name) }
                parsed.flags.insert(name)
            } else if spec.valueOptions.contains(name) {
                if let inlineValue {
                    parsed.values[name] = inlineValue
                } else {
                    // `--out --dry-run` is a forgotten value, not a file named --dry-run: say so (`--out=--x` if meant).
                    guard index < arguments.count, !arguments[index].hasPrefix("--") else { throw ArgumentError.missingValue(name) }
                    parsed.values[name] = arguments[index]
                    index += 1
                }
            } else {
                throw ArgumentError.unknownOption(argument.hasPrefix("--") ? "--\(name)" : argument)
            }
        }
        return parsed
    }
}
