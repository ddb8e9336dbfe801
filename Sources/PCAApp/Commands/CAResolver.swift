import Foundation
import PCAClient

/// Turns what a user typed into a CA ARN: an ARN as it is, else the CA's id or the first 8 (or more)
/// characters of it, as the list shows them, looked up among the account's CAs and those shared with it.
enum CAResolver {
    static func resolve(_ word: String, client: PCAClient) async throws -> String {
        if word.hasPrefix("arn:") { return word }
        let needle = word.lowercased()
        guard needle.count >= 8 else {
            throw CommandFailure(.usage, "'\(word)' is not a CA: give its ARN, its id, or at least the 8 characters of the id that 'pca-tui list' shows")
        }
        var authorities = try await client.certificateAuthorityPages().collect { $0.certificateAuthorities ?? [] }
        // CAs shared from other accounts count too; an identity that may not list them simply finds none.
        authorities += (try? await client.certificateAuthorityPages(resourceOwner: .otherAccounts)
            .collect { $0.certificateAuthorities ?? [] }) ?? []
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
