import Foundation

extension PCAClient {
    public func listCertificateAuthorities(_ request: ListCertificateAuthoritiesRequest = .init()) async throws
        -> ListCertificateAuthoritiesResponse {
        try await send("ListCertificateAuthorities", request)
    }

    /// Every page of ListCertificateAuthorities.
    public func certificateAuthorityPages(resourceOwner: ResourceOwner? = nil, pageSize: Int? = nil)
        -> Paginator<ListCertificateAuthoritiesResponse> {
        Paginator { token in
            let page = try await self.listCertificateAuthorities(
                .init(maxResults: pageSize, nextToken: token, resourceOwner: resourceOwner))
            return (page, page.nextToken)
        }
    }

    public func describeCertificateAuthority(arn: String) async throws -> CertificateAuthority {
        let response: DescribeCertificateAuthorityResponse = try await send(
            "DescribeCertificateAuthority", CertificateAuthorityRequest(certificateAuthorityArn: arn), resourceARN: arn)
        guard let authority = response.certificateAuthority else {
            throw ClientError.malformedResponse(operation: "DescribeCertificateAuthority", statusCode: 200,
                                                detail: "no CertificateAuthority in the answer")
        }
        return authority
    }

    public func listPermissions(arn: String, nextToken: String? = nil, maxResults: Int? = nil) async throws
        -> ListPermissionsResponse {
        try await send("ListPermissions", PagedCertificateAuthorityRequest(
            certificateAuthorityArn: arn, maxResults: maxResults, nextToken: nextToken), resourceARN: arn)
    }

    public func permissionPages(arn: String) -> Paginator<ListPermissionsResponse> {
        Paginator { token in
            let page = try await self.listPermissions(arn: arn, nextToken: token)
            return (page, page.nextToken)
        }
    }

    /// Every permission on the CA, across pages.
    public func allPermissions(arn: String) async throws -> [Permission] {
        try await permissionPages(arn: arn).collect { $0.permissions ?? [] }
    }

    public func createPermission(arn: String, principal: String, actions: [PermissionAction],
                                 sourceAccount: String? = nil) async throws {
        let _: EmptyResponse = try await send("CreatePermission", CreatePermissionRequest(
            certificateAuthorityArn: arn, principal: principal, sourceAccount: sourceAccount, actions: actions),
            resourceARN: arn)
    }

    public func deletePermission(arn: String, principal: String, sourceAccount: String? = nil) async throws {
        let _: EmptyResponse = try await send("DeletePermission", DeletePermissionRequest(
            certificateAuthorityArn: arn, principal: principal, sourceAccount: sourceAccount), resourceARN: arn)
    }

    /// The CA's resource policy. ResourceNotFoundException means "no policy" when the CA exists.
    public func getPolicy(arn: String) async throws -> String? {
        let response: GetPolicyResponse = try await send("GetPolicy", GetPolicyRequest(resourceArn: arn), resourceARN: arn)
        return response.policy
    }

    /// Attaches `policy` (a JSON text) as the CA's resource policy, replacing the one attached.
    public func putPolicy(arn: String, policy: String) async throws {
        let _: EmptyResponse = try await send("PutPolicy", PutPolicyRequest(resourceArn: arn, policy: policy), resourceARN: arn)
    }

    /// Removes the CA's resource policy (AWS answers success when none is attached).
    public func deletePolicy(arn: String) async throws {
        let _: EmptyResponse = try await send("DeletePolicy", DeletePolicyRequest(resourceArn: arn), resourceARN: arn)
    }

    public func listTags(arn: String, nextToken: String? = nil) async throws -> ListTagsResponse {
        try await send("ListTags", PagedCertificateAuthorityRequest(certificateAuthorityArn: arn, nextToken: nextToken),
                       resourceARN: arn)
    }

    public func tagPages(arn: String) -> Paginator<ListTagsResponse> {
        Paginator { token in
            let page = try await self.listTags(arn: arn, nextToken: token)
            return (page, page.nextToken)
        }
    }

    public func updateCertificateAuthority(_ request: UpdateCertificateAuthorityRequest) async throws {
        let _: EmptyResponse = try await send("UpdateCertificateAuthority", request,
                                              resourceARN: request.certificateAuthorityArn)
    }

    public func getCertificateAuthorityCertificate(arn: String) async throws -> CertificateResponse {
        try await send("GetCertificateAuthorityCertificate", CertificateAuthorityRequest(certificateAuthorityArn: arn),
                       resourceARN: arn)
    }

    public func issueCertificate(_ request: IssueCertificateRequest) async throws -> IssueCertificateResponse {
        try await send("IssueCertificate", request, resourceARN: request.certificateAuthorityArn)
    }

    public func getCertificate(authorityARN: String, certificateARN: String) async throws -> CertificateResponse {
        try await send("GetCertificate", GetCertificateRequest(certificateAuthorityArn: authorityARN,
                                                               certificateArn: certificateARN),
                       resourceARN: authorityARN)
    }
}
