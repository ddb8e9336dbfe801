import Foundation
import PCAClient

/// AWS Certificate Manager's private certificates: the operations pca-tui and the AWS CLI use, with ACM's
/// shapes and errors, SigV4 for service `acm`, the IAM allow-list, and the renewal engine run before each
/// answer, so every answer reflects the (possibly simulated) clock.
extension Emulator {
    static let acmTargetPrefix = "CertificateManager."
    /// How long RequestCertificate's IdempotencyToken names one request (ACM: "time out after one hour").
    static let acmIdempotencyWindow: TimeInterval = 3600

    static let acmOperations: Set<String> = ["ListCertificates", "DescribeCertificate", "RenewCertificate", "RequestCertificate",
                                             "GetCertificate", "SearchCertificates"]

    func acmAnswer(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String) throws -> HTTPResponse {
        guard request.method == "POST" else {
            throw EmulatorError("UnknownOperationException", "Only POST is accepted.", status: 400)
        }
        let target = request.header("x-amz-target") ?? ""
        let operation = String(target.dropFirst(Self.acmTargetPrefix.count))
        guard Self.acmOperations.contains(operation) else { throw EmulatorError("UnknownOperationException", "") }
        try injectFaults(operation: operation)
        let input = try RequestInput(body: request.body)
        guard user.isAllowed("acm:\(operation)") else {
            let resource = input.members["CertificateArn"] as? String ?? "*"
            throw EmulatorError("AccessDeniedException",
                                "User: \(userARN(user)) is not authorized to perform: acm:\(operation) on resource: \(resource) "
                                    + "because no identity-based policy allows the acm:\(operation) action")
        }
        // ACM's model, like ACM-PCA's: every violation counted, before anything is looked up.
        try InputValidator.validate(operation: operation, members: input.members, table: ACMInputShapes.table)
        var changed = ACMRenewalEngine.advance(&state, now: acmNow())
        let body: Data?
        switch operation {
        case "ListCertificates": body = try listCertificates(input)
        case "DescribeCertificate": body = try describeCertificate(input)
        case "SearchCertificates": body = try searchCertificates(input)
        case "RenewCertificate":
            body = try renewCertificate(input)
            changed = true
        case "RequestCertificate":
            body = try requestCertificate(input, user: user)
            changed = true
        default: body = try getACMCertificate(input)
        }
        recordTrail(request, source: CAHistorySource.acm, operation: operation, members: input.members, user: user,
                    requestID: requestID, response: body)
        if changed { try saveState() }
        var headers = [("x-amzn-RequestId", requestID)]
        if body != nil { headers.append(("Content-Type", "application/x-amz-json-1.1")) }
        return HTTPResponse(statusCode: 200, headers: headers, body: body ?? Data())
    }

    /// The caller's certificate for the request's CertificateArn (its pattern is checked with the model):
    /// InvalidArn for an ACM ARN that names no certificate, ResourceNotFound for an unknown one and for one of
    /// another account, which ACM does not tell apart ("cannot be found in the caller's account").
    private func acmCertificateIndex(_ input: RequestInput) throws -> Int {
        let arn = try input.requiredString("CertificateArn", maxLength: 2048)
        guard arn.contains(":certificate/") else {
            throw EmulatorError("InvalidArnException", "String '\(arn)' is not a valid ARN")
        }
        guard let index = state.acmCertificates?.firstIndex(where: { $0.arn == arn && $0.ownerAccount == state.account }) else {
            throw EmulatorError("ResourceNotFoundException", "Could not find certificate \(arn).")
        }
        return index
    }

    /// The certificates of the caller's account: ACM never lists another account's.
    private var ownCertificates: [ACMStoredCertificate] {
        (state.acmCertificates ?? []).filter { $0.ownerAccount == state.account }
    }

    private func listCertificates(_ input: RequestInput) throws -> Data? {
        let maxItems = try input.integer("MaxItems", range: 1...1000) ?? 1000
        let statuses = try input.stringList("CertificateStatuses")
        // As ACM: without Includes.keyTypes only RSA_1024 and RSA_2048 certificates are listed.
        let keyTypes = (try input.object("Includes"))?["keyTypes"] as? [String] ?? ["RSA_1024", "RSA_2048"]
        let certificates = ownCertificates.filter { certificate in
            keyTypes.contains(certificate.keyAlgorithm) && (statuses?.contains(certificate.status) ?? true)
        }
        let page = try Self.page(certificates, size: maxItems, input: input, operation: "ListCertificates",
                                 scope: "acm:\(keyTypes.sorted().joined(separator: ","))|\(statuses?.joined(separator: ",") ?? "")")
        let summaries = page.items.map { certificate -> [String: Any] in
            var summary: [String: Any] = [
                "CertificateArn": certificate.arn, "DomainName": certificate.domainName, "Status": certificate.status,
                "Type": "PRIVATE", "KeyAlgorithm": certificate.keyAlgorithm, "InUse": !certificate.inUseBy.isEmpty,
                "Exported": certificate.exported, "RenewalEligibility": certificate.isEligible ? "ELIGIBLE" : "INELIGIBLE",
                "CreatedAt": certificate.createdAt.timeIntervalSince1970,
            ]
            summary["NotBefore"] = certificate.notBefore?.timeIntervalSince1970
            summary["NotAfter"] = certificate.notAfter?.timeIntervalSince1970
            return summary
        }
        var object: [String: Any] = ["CertificateSummaryList": summaries]
        object["NextToken"] = page.nextToken
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// SearchCertificates with the ACM metadata filters (Status, RenewalStatus, Type, InUse, Exported) and
    /// CertificateArn, combined with And, Or and Not. X.509 attribute filters answer ValidationException here.
    private func searchCertificates(_ input: RequestInput) throws -> Data? {
        let maxResults = try input.integer("MaxResults", range: 1...500) ?? 100
        let statement = try input.object("FilterStatement")
        // Positions, not copies: a search runs over every certificate of the account for each page.
        let all = state.acmCertificates ?? []
        var matching: [Int] = []
        let test = try statement.map(Self.predicate) ?? { _ in true }
        for index in all.indices where all[index].ownerAccount == state.account && test(all[index]) {
            matching.append(index)
        }
        let positions = try Self.page(matching, size: maxResults, input: input, operation: "SearchCertificates",
                                      scope: "acm-search:" + String(decoding: (try? JSONSerialization.data(
                                        withJSONObject: statement ?? [:], options: [.sortedKeys])) ?? Data(), as: UTF8.self))
        let page = (items: positions.items.map { all[$0] }, nextToken: positions.nextToken)
        let wanted = Set(page.items.map(\.certificateAuthorityArn))
        var issuers: [String: [UInt8]] = [:]
        for stored in state.authorities where wanted.contains(stored.arn) {
            if let subject = stored.authority.certificateAuthorityConfiguration?.subject {
                issuers[stored.arn] = Array(try JSONEncoder().encode(subject))
            }
        }
        let results = page.items.map { certificate in
            SearchResultAnswer(certificate: certificate, issuer: issuers[certificate.certificateAuthorityArn])
        }
        return SearchAnswer(results: results, nextToken: page.nextToken).json
    }

    /// A CertificateFilterStatement (a union: exactly one member) as a test of a certificate, checked once for
    /// the whole request: a search applies it to every certificate of the account.
    static func predicate(_ statement: [String: Any]) throws -> @Sendable (ACMStoredCertificate) -> Bool {
        guard statement.count == 1, let (key, value) = statement.first else {
            throw EmulatorError("ValidationException", "A filter statement must set exactly one of And, Or, Not and Filter.")
        }
        switch (key, value) {
        case let ("And", list as [[String: Any]]):
            let parts = try list.map(predicate)
            return { certificate in parts.allSatisfy { $0(certificate) } }
        case let ("Or", list as [[String: Any]]):
            let parts = try list.map(predicate)
            return { certificate in parts.contains { $0(certificate) } }
        case let ("Not", inner as [String: Any]):
            let part = try predicate(inner)
            return { !part($0) }
        case let ("Filter", filter as [String: Any]):
            guard filter.count == 1, let (kind, body) = filter.first else {
                throw EmulatorError("ValidationException", "A filter must set exactly one member.")
            }
            if kind == "CertificateArn", let arn = body as? String { return { $0.arn == arn } }
            guard kind == "AcmCertificateMetadataFilter", let metadata = body as? [String: Any], metadata.count == 1,
                  let (field, wanted) = metadata.first else {
                throw EmulatorError("ValidationException", "pca-local searches by CertificateArn and AcmCertificateMetadataFilter only.")
            }
            let text = wanted as? String
            let flag = wanted as? Bool
            switch field {
            case "Status": return { $0.status == text }
            case "RenewalStatus": return { $0.renewalSummary?.renewalStatus == text }
            case "Type": return { _ in text == "PRIVATE" }
            case "InUse": return { (!$0.inUseBy.isEmpty) == flag }
            case "Exported": return { $0.exported == flag }
            default: throw EmulatorError("ValidationException", "pca-local does not search by \(field).")
            }
        default:
            throw EmulatorError("ValidationException", "Unknown filter statement member \(key).")
        }
    }

    private func describeCertificate(_ input: RequestInput) throws -> Data? {
        let index = try acmCertificateIndex(input)
        let certificate = state.acmCertificates![index]
        return try Self.encode(["Certificate": certificate.detail(issuer: certificate.certificateAuthorityArn)])
    }

    private func renewCertificate(_ input: RequestInput) throws -> Data? {
        let index = try acmCertificateIndex(input)
        let certificate = state.acmCertificates![index]
        guard certificate.status == "ISSUED", certificate.isEligible else {
            throw EmulatorError("ValidationException",
                                "Certificate \(certificate.arn) is not eligible for renewal: a private certificate must be "
                                    + "issued and in use by an AWS service, or exported.")
        }
        ACMRenewalEngine.attempt(&state, index: index, now: acmNow())
        return nil
    }

    private func requestCertificate(_ input: RequestInput, user: EmulatedUser) throws -> Data? {
        let domain = try input.requiredString("DomainName", maxLength: 253)
        guard let caArn = try input.string("CertificateAuthorityArn", maxLength: 2048) else {
            throw EmulatorError("InvalidParameterException",
                                "pca-local issues private certificates only: give CertificateAuthorityArn")
        }
        let keyAlgorithm = try input.string("KeyAlgorithm") ?? "RSA_2048"
        let alternativeNames = try input.stringList("SubjectAlternativeNames")
        let token = try input.string("IdempotencyToken", maxLength: 32)
        let created = acmNow()
        let caller = userARN(user)
        if let token, let earlier = state.acmCertificates?.last(where: { certificate in
            certificate.idempotencyToken == token && certificate.requestedBy == caller
                && created.timeIntervalSince(certificate.createdAt) < Self.acmIdempotencyWindow
        }) {
            guard earlier.domainName == domain, earlier.certificateAuthorityArn == caArn, earlier.keyAlgorithm == keyAlgorithm,
                  (earlier.subjectAlternativeNames ?? []) == (alternativeNames ?? []) else {
                throw EmulatorError("InvalidParameterException",
                                    "The IdempotencyToken \(token) was used within the last hour for a different request "
                                        + "(\(earlier.arn)); a new request needs a new token.")
            }
            return try Self.encode(["CertificateArn": earlier.arn])
        }
        let arn = "arn:aws:acm:\(state.region):\(state.account):certificate/\(UUID().uuidString.lowercased())"
        var certificate = ACMStoredCertificate(arn: arn, domainName: domain, certificateAuthorityArn: caArn,
                                               keyAlgorithm: keyAlgorithm, notBefore: nil, notAfter: nil, createdAt: created)
        certificate.idempotencyToken = token
        certificate.requestedBy = caller
        certificate.account = state.account
        certificate.subjectAlternativeNames = alternativeNames
        // ACM issues through the CA as the caller: the caller needs acm-pca:IssueCertificate on it.
        let stored = state.authorities.first { $0.arn == caArn }
        let notAfter = created.addingTimeInterval(Double(certificate.validityDays) * 86_400)
        let failure: String?
        if stored == nil {
            failure = "PCA_RESOURCE_NOT_FOUND"
        } else if !user.isAllowed("acm-pca:IssueCertificate") {
            failure = "PCA_ACCESS_DENIED"
        } else if let stored, (stored.authority.ownerAccount ?? state.account) != (user.account ?? state.account),
                  !policyAllows(stored, action: "acm-pca:IssueCertificate", user: user,
                                context: ["acm-pca:TemplateArn": Self.defaultTemplate]) {
            failure = "PCA_ACCESS_DENIED"
        } else if stored?.authority.status != .active {
            failure = "PCA_INVALID_STATE"
        } else if let caNotAfter = stored?.authority.notAfter, caNotAfter < notAfter {
            failure = "PCA_INVALID_DURATION"
        } else {
            failure = nil
        }
        if let failure {
            certificate.status = "FAILED"
            certificate.failureReason = failure
        } else {
            certificate.notBefore = created
            certificate.notAfter = notAfter
        }
        state.acmCertificates = (state.acmCertificates ?? []) + [certificate]
        return try Self.encode(["CertificateArn": arn])
    }

    private func getACMCertificate(_ input: RequestInput) throws -> Data? {
        let index = try acmCertificateIndex(input)
        let certificate = state.acmCertificates![index]
        guard certificate.status == "ISSUED" else {
            throw EmulatorError("RequestInProgressException", "The certificate \(certificate.arn) is \(certificate.status), not issued.")
        }
        let pem = Self.simulatedPEM(["pca-local simulated ACM certificate", "subject=CN=\(certificate.domainName)",
                                     "issuer=\(certificate.certificateAuthorityArn)",
                                     "notBefore=\(certificate.notBefore.map(AWSTimestamp.iso8601) ?? "")",
                                     "notAfter=\(certificate.notAfter.map(AWSTimestamp.iso8601) ?? "")"])
        // The chain is the CA's real one; ACM's own certificate stays simulated (ACM makes the key, and RSA keys
        // are slow to make here).
        let installed = self.index(of: certificate.certificateAuthorityArn).flatMap { try? caCertificate(of: $0) }
        var object = ["Certificate": pem]
        object["CertificateChain"] = installed.map { $0.certificate + ($0.chain ?? "") }
        return try Self.encode(object)
    }

    /// A well-formed PEM CERTIFICATE block whose content is readable `name=value` lines instead of DER.
    private static func simulatedPEM(_ lines: [String]) -> String {
        let encoded = Data(lines.joined(separator: "\n").utf8).base64EncodedString()
        var wrapped: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            wrapped.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return (["-----BEGIN CERTIFICATE-----"] + wrapped + ["-----END CERTIFICATE-----"]).joined(separator: "\n") + "\n"
    }
}
