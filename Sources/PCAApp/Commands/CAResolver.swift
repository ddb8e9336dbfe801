import Foundation
import PCAClient

/// Turns what a user typed into a CA ARN: an ARN as it is, else the CA's id or the first 8 (or more)
/// characters of it, as the list shows them, looked up among the account's CAs and those shared with it.
enum CAResolver {
    static func resolve(_ word: String, client: PCAClient) async throws -> String {
        try await resolve([word], client: client)[0]
    }

    /// Every word resolved, with one listing at most however many short ids there are.
    static func resolve(_ words: [String], client: PCAClient) async throws -> [String] {
        var listed: [CertificateAuthority]?
        var arns: [String] = []
        for word in words {
            if word.hasPrefix("arn:") {
                arns.append(word)
                continue
            }
            guard word.count >= 8 else {
                throw CommandFailure(.usage, "'\(word)' is not a CA: give its ARN, its id, or at least the 8 characters of the id that 'pca-tui list' shows")
            }
            if listed == nil { listed = try await listing(client) }
            arns.append(try match(word, in: listed ?? []))
        }
        return arns
    }

    private static func listing(_ client: PCAClient) async throws -> [CertificateAuthority] {
        var authorities = try await client.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        // CAs shared from other accounts count too; an identity that may not list them simply finds none.
        authorities += (try? await client.certificateAuthorityPages(resourceOwner: .otherAccounts)
            .collect { $0.certificateAuthorities ?? [] }) ?? []
        return authorities
    }

    private static func match(_ word: String, in authorities: [CertificateAuthority]) throws -> String {
        let needle = word.lowercased()
        let matches = authorities.filter { ($0.id ?? "").lowercased().hasPrefix(needle) }
        guard matches.count == 1, let arn = matches[0].arn else {
            if matches.isEmpty {
                throw CommandFailure(.failure, "no CA has an id starting with '\(word)' in this account and region")
            }
            let candidates = matches.map { "\($0.id ?? "?") (\($0.commonName ?? "no name"))" }.joined(separator: ", ")
            throw CommandFailure(.usage, "'\(word)' matches \(matches.count) CAs: \(candidates); give more of the id or the ARN")
        }
        return arn
    }
}
