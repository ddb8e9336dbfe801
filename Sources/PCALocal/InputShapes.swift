import Foundation

/// The input shapes of the ACM-PCA operations the emulator serves, as the service model (botocore's
/// `acm-pca/2017-08-22/service-2.json`) defines them: members, required members and each member's
/// constraints. `InputValidator` checks every request against them; `InputShapesTests` compares this table
/// with the installed botocore model, so a difference fails the tests.
enum InputShapes {
    /// Operation name -> its input structure.
    static let operationInputs: [String: String] = [
        "ListCertificateAuthorities": "ListCertificateAuthoritiesRequest",
        "DescribeCertificateAuthority": "DescribeCertificateAuthorityRequest",
        "CreateCertificateAuthority": "CreateCertificateAuthorityRequest",
        "UpdateCertificateAuthority": "UpdateCertificateAuthorityRequest",
        "DeleteCertificateAuthority": "DeleteCertificateAuthorityRequest",
        "RestoreCertificateAuthority": "RestoreCertificateAuthorityRequest",
        "ListPermissions": "ListPermissionsRequest",
        "CreatePermission": "CreatePermissionRequest",
        "DeletePermission": "DeletePermissionRequest",
        "GetPolicy": "GetPolicyRequest",
        "PutPolicy": "PutPolicyRequest",
        "DeletePolicy": "DeletePolicyRequest",
        "ListTags": "ListTagsRequest",
        "TagCertificateAuthority": "TagCertificateAuthorityRequest",
        "UntagCertificateAuthority": "UntagCertificateAuthorityRequest",
        "GetCertificateAuthorityCertificate": "GetCertificateAuthorityCertificateRequest",
        "IssueCertificate": "IssueCertificateRequest",
        "GetCertificate": "GetCertificateRequest",
        "GetCertificateAuthorityCsr": "GetCertificateAuthorityCsrRequest",
        "ImportCertificateAuthorityCertificate": "ImportCertificateAuthorityCertificateRequest",
        "RevokeCertificate": "RevokeCertificateRequest",
        "CreateCertificateAuthorityAuditReport": "CreateCertificateAuthorityAuditReportRequest",
        "DescribeCertificateAuthorityAuditReport": "DescribeCertificateAuthorityAuditReportRequest",
    ]

    static let shapes: [String: InputShape] = build()

    static let table = InputShapeTable(operationInputs: operationInputs, shapes: shapes)

    private static func build() -> [String: InputShape] {
        var shapes: [String: InputShape] = [:]
        shapes["ASN1PrintableString64"] = .string(min: 0, max: 64, pattern: "[a-zA-Z0-9'()+-.?:/= ]*", values: nil)
        shapes["ASN1Subject"] = .structure(members: [("Country", "CountryCodeString"), ("Organization", "String64"), ("OrganizationalUnit", "String64"), ("DistinguishedNameQualifier", "ASN1PrintableString64"), ("State", "String128"), ("CommonName", "String64"), ("SerialNumber", "ASN1PrintableString64"), ("Locality", "String128"), ("Title", "String64"), ("Surname", "String40"), ("GivenName", "String16"), ("Initials", "String5"), ("Pseudonym", "String128"), ("GenerationQualifier", "String3"), ("CustomAttributes", "CustomAttributeList")], required: [])
        shapes["AWSPolicy"] = .string(min: 1, max: 81920, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", values: nil)
        shapes["AccessDescription"] = .structure(members: [("AccessMethod", "AccessMethod"), ("AccessLocation", "GeneralName")], required: ["AccessMethod", "AccessLocation"])
        shapes["AccessDescriptionList"] = .list(member: "AccessDescription", min: nil, max: nil)
        shapes["AccessMethod"] = .structure(members: [("CustomObjectIdentifier", "CustomObjectIdentifier"), ("AccessMethodType", "AccessMethodType")], required: [])
        shapes["AccessMethodType"] = .string(min: nil, max: nil, pattern: nil, values: ["CA_REPOSITORY", "RESOURCE_PKI_MANIFEST", "RESOURCE_PKI_NOTIFY"])
        shapes["AccountId"] = .string(min: 12, max: 12, pattern: "[0-9]+", values: nil)
        shapes["ActionList"] = .list(member: "ActionType", min: 1, max: 3)
        shapes["ActionType"] = .string(min: nil, max: nil, pattern: nil, values: ["IssueCertificate", "GetCertificate", "ListPermissions"])
        shapes["ApiPassthrough"] = .structure(members: [("Extensions", "Extensions"), ("Subject", "ASN1Subject")], required: [])
        shapes["Arn"] = .string(min: 5, max: 200, pattern: "arn:[\\w+=/,.@-]+:acm-pca:[\\w+=/,.@-]*:[0-9]*:[\\w+=,.@-]+(/[\\w+=,.@-]+)*", values: nil)
        shapes["AuditReportId"] = .string(min: 36, max: 36, pattern: "[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}", values: nil)
        shapes["AuditReportResponseFormat"] = .string(min: nil, max: nil, pattern: nil, values: ["JSON", "CSV"])
        shapes["Base64String1To4096"] = .string(min: 1, max: 4096, pattern: "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?", values: nil)
        shapes["Boolean"] = .boolean
        shapes["CertificateAuthorityConfiguration"] = .structure(members: [("KeyAlgorithm", "KeyAlgorithm"), ("SigningAlgorithm", "SigningAlgorithm"), ("Subject", "ASN1Subject"), ("CsrExtensions", "CsrExtensions")], required: ["KeyAlgorithm", "SigningAlgorithm", "Subject"])
        shapes["CertificateAuthorityStatus"] = .string(min: nil, max: nil, pattern: nil, values: ["CREATING", "PENDING_CERTIFICATE", "ACTIVE", "DELETED", "DISABLED", "EXPIRED", "FAILED"])
        shapes["CertificateAuthorityType"] = .string(min: nil, max: nil, pattern: nil, values: ["ROOT", "SUBORDINATE"])
        shapes["CertificateAuthorityUsageMode"] = .string(min: nil, max: nil, pattern: nil, values: ["GENERAL_PURPOSE", "SHORT_LIVED_CERTIFICATE"])
        shapes["CertificateBodyBlob"] = .blob(min: 1, max: 32768)
        shapes["CertificateChainBlob"] = .blob(min: 0, max: 2097152)
        shapes["CertificatePolicyList"] = .list(member: "PolicyInformation", min: 1, max: 20)
        shapes["CnameString"] = .string(min: 0, max: 253, pattern: "[-a-zA-Z0-9;/?:@&=+$,%_.!~*()']*", values: nil)
        shapes["CountryCodeString"] = .string(min: 2, max: 2, pattern: "[A-Za-z]{2}", values: nil)
        shapes["CreateCertificateAuthorityAuditReportRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("S3BucketName", "S3BucketName"), ("AuditReportResponseFormat", "AuditReportResponseFormat")], required: ["CertificateAuthorityArn", "S3BucketName", "AuditReportResponseFormat"])
        shapes["CreateCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityConfiguration", "CertificateAuthorityConfiguration"), ("RevocationConfiguration", "RevocationConfiguration"), ("CertificateAuthorityType", "CertificateAuthorityType"), ("IdempotencyToken", "IdempotencyToken"), ("KeyStorageSecurityStandard", "KeyStorageSecurityStandard"), ("Tags", "TagList"), ("UsageMode", "CertificateAuthorityUsageMode")], required: ["CertificateAuthorityConfiguration", "CertificateAuthorityType"])
        shapes["CreatePermissionRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("Principal", "Principal"), ("SourceAccount", "AccountId"), ("Actions", "ActionList")], required: ["CertificateAuthorityArn", "Principal", "Actions"])
        shapes["CrlConfiguration"] = .structure(members: [("Enabled", "Boolean"), ("ExpirationInDays", "Integer1To5000"), ("CustomCname", "CnameString"), ("S3BucketName", "S3BucketName3To255"), ("S3ObjectAcl", "S3ObjectAcl"), ("CrlDistributionPointExtensionConfiguration", "CrlDistributionPointExtensionConfiguration"), ("CrlType", "CrlType"), ("CustomPath", "CrlPathString")], required: ["Enabled"])
        shapes["CrlDistributionPointExtensionConfiguration"] = .structure(members: [("OmitExtension", "Boolean")], required: ["OmitExtension"])
        shapes["CrlPathString"] = .string(min: 0, max: 253, pattern: "[-a-zA-Z0-9;?:@&=+$,%_.!~*()']+(/[-a-zA-Z0-9;?:@&=+$,%_.!~*()']+)*", values: nil)
        shapes["CrlType"] = .string(min: nil, max: nil, pattern: nil, values: ["COMPLETE", "PARTITIONED"])
        shapes["CsrBlob"] = .blob(min: 1, max: 32768)
        shapes["CsrExtensions"] = .structure(members: [("KeyUsage", "KeyUsage"), ("SubjectInformationAccess", "AccessDescriptionList")], required: [])
        shapes["CustomAttribute"] = .structure(members: [("ObjectIdentifier", "CustomObjectIdentifier"), ("Value", "String1To256")], required: ["ObjectIdentifier", "Value"])
        shapes["CustomAttributeList"] = .list(member: "CustomAttribute", min: 1, max: 150)
        shapes["CustomExtension"] = .structure(members: [("ObjectIdentifier", "CustomObjectIdentifier"), ("Value", "Base64String1To4096"), ("Critical", "Boolean")], required: ["ObjectIdentifier", "Value"])
        shapes["CustomExtensionList"] = .list(member: "CustomExtension", min: 1, max: 150)
        shapes["CustomObjectIdentifier"] = .string(min: 0, max: 64, pattern: "([0-2])\\.([0-9]|([0-3][0-9]))((\\.([0-9]+)){0,126})", values: nil)
        shapes["DeleteCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("PermanentDeletionTimeInDays", "PermanentDeletionTimeInDays")], required: ["CertificateAuthorityArn"])
        shapes["DeletePermissionRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("Principal", "Principal"), ("SourceAccount", "AccountId")], required: ["CertificateAuthorityArn", "Principal"])
        shapes["DeletePolicyRequest"] = .structure(members: [("ResourceArn", "Arn")], required: ["ResourceArn"])
        shapes["DescribeCertificateAuthorityAuditReportRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("AuditReportId", "AuditReportId")], required: ["CertificateAuthorityArn", "AuditReportId"])
        shapes["DescribeCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["EdiPartyName"] = .structure(members: [("PartyName", "String256"), ("NameAssigner", "String256")], required: ["PartyName"])
        shapes["ExtendedKeyUsage"] = .structure(members: [("ExtendedKeyUsageType", "ExtendedKeyUsageType"), ("ExtendedKeyUsageObjectIdentifier", "CustomObjectIdentifier")], required: [])
        shapes["ExtendedKeyUsageList"] = .list(member: "ExtendedKeyUsage", min: 1, max: 20)
        shapes["ExtendedKeyUsageType"] = .string(min: nil, max: nil, pattern: nil, values: ["SERVER_AUTH", "CLIENT_AUTH", "CODE_SIGNING", "EMAIL_PROTECTION", "TIME_STAMPING", "OCSP_SIGNING", "SMART_CARD_LOGIN", "DOCUMENT_SIGNING", "CERTIFICATE_TRANSPARENCY"])
        shapes["Extensions"] = .structure(members: [("CertificatePolicies", "CertificatePolicyList"), ("ExtendedKeyUsage", "ExtendedKeyUsageList"), ("KeyUsage", "KeyUsage"), ("SubjectAlternativeNames", "GeneralNameList"), ("CustomExtensions", "CustomExtensionList")], required: [])
        shapes["GeneralName"] = .structure(members: [("OtherName", "OtherName"), ("Rfc822Name", "String256"), ("DnsName", "String253"), ("DirectoryName", "ASN1Subject"), ("EdiPartyName", "EdiPartyName"), ("UniformResourceIdentifier", "String253"), ("IpAddress", "String39"), ("RegisteredId", "CustomObjectIdentifier")], required: [])
        shapes["GeneralNameList"] = .list(member: "GeneralName", min: 1, max: 150)
        shapes["GetCertificateAuthorityCertificateRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["GetCertificateAuthorityCsrRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["GetCertificateRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("CertificateArn", "Arn")], required: ["CertificateAuthorityArn", "CertificateArn"])
        shapes["GetPolicyRequest"] = .structure(members: [("ResourceArn", "Arn")], required: ["ResourceArn"])
        shapes["IdempotencyToken"] = .string(min: 1, max: 36, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]*", values: nil)
        shapes["ImportCertificateAuthorityCertificateRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("Certificate", "CertificateBodyBlob"), ("CertificateChain", "CertificateChainBlob")], required: ["CertificateAuthorityArn", "Certificate"])
        shapes["Integer1To5000"] = .integer(min: 1, max: 5000)
        shapes["IssueCertificateRequest"] = .structure(members: [("ApiPassthrough", "ApiPassthrough"), ("CertificateAuthorityArn", "Arn"), ("Csr", "CsrBlob"), ("SigningAlgorithm", "SigningAlgorithm"), ("TemplateArn", "Arn"), ("Validity", "Validity"), ("ValidityNotBefore", "Validity"), ("IdempotencyToken", "IdempotencyToken")], required: ["CertificateAuthorityArn", "Csr", "SigningAlgorithm", "Validity"])
        shapes["KeyAlgorithm"] = .string(min: nil, max: nil, pattern: nil, values: ["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "SM2"])
        shapes["KeyStorageSecurityStandard"] = .string(min: nil, max: nil, pattern: nil, values: ["FIPS_140_2_LEVEL_2_OR_HIGHER", "FIPS_140_2_LEVEL_3_OR_HIGHER", "CCPC_LEVEL_1_OR_HIGHER"])
        shapes["KeyUsage"] = .structure(members: [("DigitalSignature", "Boolean"), ("NonRepudiation", "Boolean"), ("KeyEncipherment", "Boolean"), ("DataEncipherment", "Boolean"), ("KeyAgreement", "Boolean"), ("KeyCertSign", "Boolean"), ("CRLSign", "Boolean"), ("EncipherOnly", "Boolean"), ("DecipherOnly", "Boolean")], required: [])
        shapes["ListCertificateAuthoritiesRequest"] = .structure(members: [("MaxResults", "MaxResults"), ("NextToken", "NextToken"), ("ResourceOwner", "ResourceOwner")], required: [])
        shapes["ListPermissionsRequest"] = .structure(members: [("MaxResults", "MaxResults"), ("NextToken", "NextToken"), ("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["ListTagsRequest"] = .structure(members: [("MaxResults", "MaxResults"), ("NextToken", "NextToken"), ("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["MaxResults"] = .integer(min: 1, max: 1000)
        shapes["NextToken"] = .string(min: 1, max: 43739, pattern: nil, values: nil)
        shapes["OcspConfiguration"] = .structure(members: [("Enabled", "Boolean"), ("OcspCustomCname", "CnameString")], required: ["Enabled"])
        shapes["OtherName"] = .structure(members: [("TypeId", "CustomObjectIdentifier"), ("Value", "String256")], required: ["TypeId", "Value"])
        shapes["PermanentDeletionTimeInDays"] = .integer(min: 7, max: 30)
        shapes["PolicyInformation"] = .structure(members: [("CertPolicyId", "CustomObjectIdentifier"), ("PolicyQualifiers", "PolicyQualifierInfoList")], required: ["CertPolicyId"])
        shapes["PolicyQualifierId"] = .string(min: nil, max: nil, pattern: nil, values: ["CPS"])
        shapes["PolicyQualifierInfo"] = .structure(members: [("PolicyQualifierId", "PolicyQualifierId"), ("Qualifier", "Qualifier")], required: ["PolicyQualifierId", "Qualifier"])
        shapes["PolicyQualifierInfoList"] = .list(member: "PolicyQualifierInfo", min: 1, max: 20)
        shapes["PositiveLong"] = .integer(min: 1, max: nil)
        shapes["Principal"] = .string(min: 0, max: 128, pattern: "[^*]+", values: nil)
        shapes["PutPolicyRequest"] = .structure(members: [("ResourceArn", "Arn"), ("Policy", "AWSPolicy")], required: ["ResourceArn", "Policy"])
        shapes["Qualifier"] = .structure(members: [("CpsUri", "String256")], required: ["CpsUri"])
        shapes["ResourceOwner"] = .string(min: nil, max: nil, pattern: nil, values: ["SELF", "OTHER_ACCOUNTS"])
        shapes["RestoreCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn")], required: ["CertificateAuthorityArn"])
        shapes["RevocationConfiguration"] = .structure(members: [("CrlConfiguration", "CrlConfiguration"), ("OcspConfiguration", "OcspConfiguration")], required: [])
        shapes["RevocationReason"] = .string(min: nil, max: nil, pattern: nil, values: ["UNSPECIFIED", "KEY_COMPROMISE", "CERTIFICATE_AUTHORITY_COMPROMISE", "AFFILIATION_CHANGED", "SUPERSEDED", "CESSATION_OF_OPERATION", "PRIVILEGE_WITHDRAWN", "A_A_COMPROMISE"])
        shapes["RevokeCertificateRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("CertificateSerial", "String128"), ("RevocationReason", "RevocationReason")], required: ["CertificateAuthorityArn", "CertificateSerial", "RevocationReason"])
        shapes["S3BucketName"] = .string(min: 3, max: 63, pattern: nil, values: nil)
        shapes["S3BucketName3To255"] = .string(min: 3, max: 255, pattern: "[-a-zA-Z0-9._/]+", values: nil)
        shapes["S3ObjectAcl"] = .string(min: nil, max: nil, pattern: nil, values: ["PUBLIC_READ", "BUCKET_OWNER_FULL_CONTROL"])
        shapes["SigningAlgorithm"] = .string(min: nil, max: nil, pattern: nil, values: ["SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA", "SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA", "SM3WITHSM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87"])
        shapes["String128"] = .string(min: 0, max: 128, pattern: nil, values: nil)
        shapes["String16"] = .string(min: 0, max: 16, pattern: nil, values: nil)
        shapes["String1To256"] = .string(min: 1, max: 256, pattern: nil, values: nil)
        shapes["String253"] = .string(min: 0, max: 253, pattern: nil, values: nil)
        shapes["String256"] = .string(min: 0, max: 256, pattern: nil, values: nil)
        shapes["String3"] = .string(min: 0, max: 3, pattern: nil, values: nil)
        shapes["String39"] = .string(min: 0, max: 39, pattern: nil, values: nil)
        shapes["String40"] = .string(min: 0, max: 40, pattern: nil, values: nil)
        shapes["String5"] = .string(min: 0, max: 5, pattern: nil, values: nil)
        shapes["String64"] = .string(min: 0, max: 64, pattern: nil, values: nil)
        shapes["Tag"] = .structure(members: [("Key", "TagKey"), ("Value", "TagValue")], required: ["Key"])
        shapes["TagCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("Tags", "TagList")], required: ["CertificateAuthorityArn", "Tags"])
        shapes["TagKey"] = .string(min: 1, max: 128, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", values: nil)
        shapes["TagList"] = .list(member: "Tag", min: 1, max: 50)
        shapes["TagValue"] = .string(min: 0, max: 256, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", values: nil)
        shapes["UntagCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("Tags", "TagList")], required: ["CertificateAuthorityArn", "Tags"])
        shapes["UpdateCertificateAuthorityRequest"] = .structure(members: [("CertificateAuthorityArn", "Arn"), ("RevocationConfiguration", "RevocationConfiguration"), ("Status", "CertificateAuthorityStatus")], required: ["CertificateAuthorityArn"])
        shapes["Validity"] = .structure(members: [("Value", "PositiveLong"), ("Type", "ValidityPeriodType")], required: ["Value", "Type"])
        shapes["ValidityPeriodType"] = .string(min: nil, max: nil, pattern: nil, values: ["END_DATE", "ABSOLUTE", "DAYS", "MONTHS", "YEARS"])
        return shapes
    }
}
