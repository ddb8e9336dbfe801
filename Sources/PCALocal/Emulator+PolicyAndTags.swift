import Foundation
import PCAClient

/// Resource policies and tags.
extension Emulator {
    func getPolicy(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input, member: "ResourceArn")
        guard let policy = state.authorities[index].policy else {
            throw EmulatorError("ResourceNotFoundException",
                                "No policy is attached to the certificate authority \(state.authorities[index].arn).")
        }
        return try Self.encode(GetPolicyResponse(policy: policy))
    }

    func putPolicy(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input, member: "ResourceArn")
        let policy = try input.requiredString("Policy", maxLength: 20480)
        try validatePolicy(policy, caArn: state.authorities[index].arn, user: caller)
        let status = state.authorities[index].authority.status ?? .creating
        guard status == .active || status == .disabled || status == .pendingCertificate else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        state.authorities[index].policy = policy
        return nil
    }

    /// AWS: "If there is no policy attached to the private CA, this action will return successful."
    func deletePolicy(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input, member: "ResourceArn")
        let status = state.authorities[index].authority.status ?? .creating
        guard status == .active || status == .disabled || status == .pendingCertificate else {
            throw EmulatorError.invalidState("The certificate authority is in the \(status.rawValue) state.")
        }
        state.authorities[index].policy = nil
        return nil
    }

    func listTags(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        let maxResults = try input.integer("MaxResults", range: 1...1000) ?? 100
        let page = try Self.page(state.authorities[index].tags, size: maxResults, input: input, operation: "ListTags",
                                 scope: state.authorities[index].arn)
        return try Self.encode(ListTagsResponse(tags: page.items, nextToken: page.nextToken))
    }

    func tagCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        guard let tags = try input.decode([Tag].self, "Tags"), !tags.isEmpty else {
            throw EmulatorError.validation("null", at: "tags", "Member must not be null")
        }
        try Self.validate(tags: tags)
        var current = state.authorities[index].tags
        for tag in tags {
            if let existing = current.firstIndex(where: { $0.key == tag.key }) {
                current[existing] = tag
            } else {
                current.append(tag)
            }
        }
        guard current.count <= 50 else {
            throw EmulatorError("TooManyTagsException", "You can associate up to 50 tags with a private CA.")
        }
        state.authorities[index].tags = current
        return nil
    }

    func untagCertificateAuthority(_ input: RequestInput) throws -> Data? {
        let index = try authorityIndex(input)
        guard let tags = try input.decode([Tag].self, "Tags"), !tags.isEmpty else {
            throw EmulatorError.validation("null", at: "tags", "Member must not be null")
        }
        state.authorities[index].tags.removeAll { existing in
            tags.contains { $0.key == existing.key && ($0.value == nil || $0.value == existing.value) }
        }
        return nil
    }
}
