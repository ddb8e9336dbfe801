import PCAX509

extension EmulatorState {
    /// State files of versions before real X.509 hold simulated CSRs and CA certificates (PEM around readable
    /// text). Those are dropped, to be made again, real, when next asked for (a CA made through the API then
    /// gets a key of its own); the demo CAs get their fixed keys. Certificates such a version issued stay as
    /// they were.
    mutating func replaceSimulatedX509() {
        for index in authorities.indices {
            var stored = authorities[index]
            if let csr = stored.csr, (try? CertificationRequest(pemOrDER: Array(csr.utf8))) == nil {
                stored.csr = nil
            }
            if let certificate = stored.importedCertificate, (try? Certificate(pem: certificate)) == nil {
                stored.importedCertificate = nil
                stored.importedChain = nil
            }
            if stored.key == nil, let id = stored.authority.id, let name = DemoKeys.name(forCA: id),
               stored.arn == DemoSeed.arn(id, account: stored.authority.ownerAccount ?? account) {
                stored.key = .demo(name)
            }
            authorities[index] = stored
        }
    }
}
