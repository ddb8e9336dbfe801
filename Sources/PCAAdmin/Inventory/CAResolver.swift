import Foundation
import PCAClient

/// Turns what a user typed into a CA ARN: an ARN as it is, else the CA's id or the first 8 (or more)
/// characters of it, as the list shows them, looked up among the account's CAs and those shared with it.
public enum CAResolver {
    /// Why a word names no CA, or more than one.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case tooShort(String)
        case notFound(String)
        case ambiguous(String, candidates: [String])

        public var description: String {
            switch self {
            case let .tooShort(word):
                return "'\(word)' is not a CA: give its ARN, its id, or at least the 8 characters of the id that 'pca-tui list' shows"
            case let .notFound(word):
                return "no CA has an id starting with '\(word)' in this account and region"
            case let .ambiguous(word, candidates):
                return "'\(word)' matches \(candidates.count) CAs: \(candidates.joined(separator: ", ")); give more of the id or the ARN"
            }
        }
    }

    public static func resolve(_ word: String, loader: InventoryLoader) async throws -> String {
        try await resolve([word], loader: loader)[0]
    }

    /// Every word resolved, with one listing at most however many short ids there are.
    public static func resolve(_ words: [String], loader: InventoryLoader) async throws -> [String] {
        var listed: [CertificateAuthority]?
        var arns: [String] = []
        for word in words {
            if word.hasPrefix("arn:") {
                arns.append(word)
                continue
            }
            guard word.count >= 8 else { throw Failure.tooShort(word) }
            if listed == nil { listed = try await loader.authorities() }
            arns.append(try match(word, in: listed ?? []))
        }
        return arns
    }

    static func match(_ word: String, in authorities: [CertificateAuthority]) throws -> String {
        let needle = word.lowercased()
        let matches = authorities.filter { ($0.id ?? "").lowercased().hasPrefix(needle) }
        guard matches.count == 1, let arn = matches[0].arn else {
            if matches.isEmpty { throw Failure.notFound(word) }
            throw Failure.ambiguous(word, candidates: matches.map { "\($0.id ?? "?") (\($0.commonName ?? "no name"))" })
        }
        return arn
    }
}
