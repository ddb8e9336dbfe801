import Foundation
import PCAClient
import PCACrypto
import PCAX509

/// A CA's own X.509 material: its key, its CSR and its certificate with the chain above it. Called with the
/// lock held.
extension Emulator {
    /// The CA's key when it is ready to sign; nil while an RSA key is still being made in the background (the
    /// caller answers RequestInProgressException). An EC key is made at once; a demo CA has a fixed key.
    func signingKeyIfReady(of index: Int) throws -> CASigningKey? {
        let arn = state.authorities[index].arn
        if let ready = signingKeys[arn] { return ready }
        guard let stored = state.authorities[index].key else {
            let algorithm = state.authorities[index].authority.certificateAuthorityConfiguration?.keyAlgorithm ?? .rsa2048
            guard CAKey.canSign(algorithm) else { throw Self.cannotSign(algorithm) }
            if CAKey.isSlowToMake(algorithm) {
                makeKeyInTheBackground(arn: arn, algorithm: algorithm)
                return nil
            }
            state.authorities[index].key = try CAKey.generate(algorithm)
            return try signingKeyIfReady(of: index)
        }
        let key = try readKey(stored)
        signingKeys[arn] = key
        return key
    }

    /// The CA's key, made now if it has none (seconds for RSA, with the lock held): for the rare CA of an
    /// older state file that has a certificate but no key yet.
    func signingKey(of index: Int) throws -> CASigningKey {
        if let ready = try signingKeyIfReady(of: index) { return ready }
        let algorithm = state.authorities[index].authority.certificateAuthorityConfiguration?.keyAlgorithm ?? .rsa2048
        let key = try CAKey.generate(algorithm)
        state.authorities[index].key = key
        let ready = try readKey(key)
        signingKeys[state.authorities[index].arn] = ready
        return ready
    }

    private func readKey(_ key: CAKey) throws -> CASigningKey {
        do {
            return try key.signingKey()
        } catch {
            throw EmulatorError("RequestFailedException", "\(error)")
        }
    }

    /// Makes an RSA key off the lock, so the emulator keeps answering; the state file is written when it is in.
    private func makeKeyInTheBackground(arn: String, algorithm: KeyAlgorithm) {
        guard keysInFlight.insert(arn).inserted else { return }
        Thread.detachNewThread { [self] in
            let key = try? CAKey.generate(algorithm)
            lock.withLock {
                keysInFlight.remove(arn)
                guard let key, let index = index(of: arn), state.authorities[index].key == nil else { return }
                state.authorities[index].key = key
                try? saveState()
            }
        }
    }

    static func cannotSign(_ algorithm: KeyAlgorithm) -> EmulatorError {
        EmulatorError("RequestFailedException",
                      "pca-local cannot sign with \(algorithm.rawValue) keys (it signs with RSA_2048, RSA_3072, RSA_4096, "
                          + "EC_prime256v1 and EC_secp384r1).")
    }

    /// The CA's CSR, signed with its key and its configured signing algorithm; nil while its key is being made.
    func csr(of index: Int) throws -> String? {
        if let stored = state.authorities[index].csr { return stored }
        guard let key = try signingKeyIfReady(of: index) else { return nil }
        let configuration = state.authorities[index].authority.certificateAuthorityConfiguration
        guard let signer = key.signer(configuration?.signingAlgorithm ?? .sha256WithRSA) else {
            throw EmulatorError("InvalidArgsException", "The CA's signing algorithm does not fit its key algorithm.")
        }
        let request = try CertificationRequest.make(subject: Self.distinguishedName(configuration?.subject),
                                                    subjectAlternativeNames: [], publicKey: key.publicKeyInfo, signer: signer)
        state.authorities[index].csr = request.pem
        return request.pem
    }

    /// The CA's certificate and the chain above it (nil for a root), as PEM; nil when the CA has none (it was
    /// never installed). A CA the seed made with a certificate gets one the first time it is asked for, signed by
    /// its root (a root, or a subordinate without one, signs itself), and keeps it.
    func caCertificate(of index: Int) throws -> (certificate: String, chain: String?)? {
        let stored = state.authorities[index]
        if let certificate = stored.importedCertificate { return (certificate, stored.importedChain) }
        let authority = stored.authority
        guard let notAfter = authority.notAfter else { return nil }
        let parentIndex = authority.type == .subordinate ? parent(of: index) : nil
        let parent = try parentIndex.flatMap { parentIndex in
            try caCertificate(of: parentIndex).map { (index: parentIndex, pem: $0, certificate: try Certificate(pem: $0.certificate)) }
        }
        let key = try signingKey(of: index)
        let issuerKey = try parent.map { try signingKey(of: $0.index) } ?? key
        let signing = state.authorities[parent?.index ?? index].authority.certificateAuthorityConfiguration?.signingAlgorithm
        guard let subjectKey = key.publicKey, let signer = issuerKey.signer(signing ?? .sha256WithRSA) else {
            throw EmulatorError("RequestFailedException", "The CA's signing algorithm does not fit its key algorithm.")
        }
        let template = CertificateTemplate.named(parent == nil ? "RootCACertificate/V1" : "SubordinateCACertificate_PathLen0/V1")
            ?? .endEntity
        let subject = Self.distinguishedName(authority.certificateAuthorityConfiguration?.subject)
        let built = try CertificateBuilder(
            serial: Self.serialBytes(authority.serial), issuer: parent?.certificate.subject ?? subject, subject: subject,
            notBefore: authority.notBefore ?? now().addingTimeInterval(-3600), notAfter: notAfter, publicKey: key.publicKeyInfo,
            extensions: template.extensions(subjectKey: subjectKey, authorityKeyID: parent?.certificate.extensions.subjectKeyIdentifier,
                                            subjectAlternativeNames: [])
        ).build(signer: signer)
        let chain = parent.map { $0.pem.certificate + ($0.pem.chain ?? "") }
        state.authorities[index].importedCertificate = built.pem
        state.authorities[index].importedChain = chain
        return (built.pem, chain)
    }

    /// The root that signed a seeded subordinate: the first ROOT of its account, else the first ROOT at all.
    private func parent(of index: Int) -> Int? {
        let owner = state.authorities[index].authority.ownerAccount
        let roots = state.authorities.indices.filter { $0 != index && state.authorities[$0].authority.type == .root }
        return roots.first { state.authorities[$0].authority.ownerAccount == owner } ?? roots.first
    }

    /// The serial a seed gave the CA (hex), or a random one.
    private static func serialBytes(_ hex: String?) -> [UInt8] {
        if let hex, let number = BigUInt(hex: hex), !number.isZero { return number.bigEndianBytes() }
        return randomSerial()
    }

    /// 16 random bytes, positive and of full length, as AWS's serials are.
    static func randomSerial() -> [UInt8] {
        var bytes = SecureRandom.bytes(count: 16)
        bytes[0] = bytes[0] & 0x7F | 0x40
        return bytes
    }

    /// The X.509 Name of a CA's ASN1Subject: country first, common name near the end, as AWS orders them.
    static func distinguishedName(_ subject: ASN1Subject?) -> DistinguishedName {
        guard let subject else { return DistinguishedName(rdns: []) }
        let fields: [(String, String?)] = [
            ("2.5.4.6", subject.country), ("2.5.4.10", subject.organization), ("2.5.4.11", subject.organizationalUnit),
            ("2.5.4.46", subject.distinguishedNameQualifier), ("2.5.4.8", subject.state), ("2.5.4.7", subject.locality),
            ("2.5.4.3", subject.commonName), ("2.5.4.5", subject.serialNumber), ("2.5.4.12", subject.title),
            ("2.5.4.4", subject.surname), ("2.5.4.42", subject.givenName), ("2.5.4.43", subject.initials),
            ("2.5.4.65", subject.pseudonym), ("2.5.4.44", subject.generationQualifier),
        ] + (subject.customAttributes ?? []).map { ($0.objectIdentifier ?? "", $0.value) }
        return DistinguishedName(rdns: fields.compactMap { oid, value in
            guard let value, !value.isEmpty, !oid.isEmpty else { return nil }
            return [DistinguishedName.Attribute(type: ObjectIdentifier(oid), value: value)]
        })
    }
}
