import Foundation

/// The input shapes of the ACM operations the emulator serves, as ACM's service model (botocore's
/// `acm/2015-12-08/service-2.json`) defines them. ACM's names collide with ACM-PCA's (`Arn`, `KeyAlgorithm`,
/// `IdempotencyToken` mean other things there), so ACM has its own table; `InputShapesTests` compares it with
/// the installed botocore model.
enum ACMInputShapes {
    /// Operation name -> its input structure.
    static let operationInputs: [String: String] = [
        "ListCertificates": "ListCertificatesRequest",
        "DescribeCertificate": "DescribeCertificateRequest",
        "RenewCertificate": "RenewCertificateRequest",
        "RequestCertificate": "RequestCertificateRequest",
        "GetCertificate": "GetCertificateRequest",
        "SearchCertificates": "SearchCertificatesRequest",
    ]

    static let table = InputShapeTable(operationInputs: operationInputs, shapes: build())

    private static func build() -> [String: InputShape] {
        var shapes: [String: InputShape] = [:]
        shapes["AcmCertificateMetadataFilter"] = .structure(members: [("Status", "CertificateStatus"), ("RenewalStatus", "RenewalStatus"), ("Type", "CertificateType"), ("InUse", "NullableBoolean"), ("Exported", "NullableBoolean"), ("ExportOption", "CertificateExport"), ("ManagedBy", "CertificateManagedBy"), ("ValidationMethod", "ValidationMethod")], required: [])
        shapes["Arn"] = .string(min: 20, max: 2048, pattern: "arn:[\\w+=/,.@-]+:acm:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*", values: nil)
        shapes["CertificateExport"] = .string(min: nil, max: nil, pattern: nil, values: ["ENABLED", "DISABLED"])
        shapes["CertificateFilter"] = .structure(members: [("CertificateArn", "Arn"), ("X509AttributeFilter", "X509AttributeFilter"), ("AcmCertificateMetadataFilter", "AcmCertificateMetadataFilter")], required: [])
        shapes["CertificateFilterStatement"] = .structure(members: [("And", "CertificateFilterStatementList"), ("Or", "CertificateFilterStatementList"), ("Not", "CertificateFilterStatement"), ("Filter", "CertificateFilter")], required: [])
        shapes["CertificateFilterStatementList"] = .list(member: "CertificateFilterStatement", min: 1, max: 15)
        shapes["CertificateManagedBy"] = .string(min: nil, max: nil, pattern: nil, values: ["CLOUDFRONT"])
        shapes["CertificateOptions"] = .structure(members: [("CertificateTransparencyLoggingPreference", "CertificateTransparencyLoggingPreference"), ("Export", "CertificateExport")], required: [])
        shapes["CertificateStatus"] = .string(min: nil, max: nil, pattern: nil, values: ["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"])
        shapes["CertificateStatuses"] = .list(member: "CertificateStatus", min: nil, max: nil)
        shapes["CertificateTransparencyLoggingPreference"] = .string(min: nil, max: nil, pattern: nil, values: ["ENABLED", "DISABLED"])
        shapes["CertificateType"] = .string(min: nil, max: nil, pattern: nil, values: ["IMPORTED", "AMAZON_ISSUED", "PRIVATE"])
        shapes["CommonNameFilter"] = .structure(members: [("Value", "FilterString"), ("ComparisonOperator", "ComparisonOperator")], required: ["Value", "ComparisonOperator"])
        shapes["ComparisonOperator"] = .string(min: nil, max: nil, pattern: nil, values: ["CONTAINS", "EQUALS"])
        shapes["DescribeCertificateRequest"] = .structure(members: [("CertificateArn", "Arn")], required: ["CertificateArn"])
        shapes["DnsNameFilter"] = .structure(members: [("Value", "FilterString"), ("ComparisonOperator", "ComparisonOperator")], required: ["Value", "ComparisonOperator"])
        shapes["DomainList"] = .list(member: "DomainNameString", min: 1, max: 100)
        shapes["DomainNameString"] = .string(min: 1, max: 253, pattern: "(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])", values: nil)
        shapes["DomainValidationOption"] = .structure(members: [("DomainName", "DomainNameString"), ("ValidationDomain", "DomainNameString")], required: ["DomainName", "ValidationDomain"])
        shapes["DomainValidationOptionList"] = .list(member: "DomainValidationOption", min: 1, max: 100)
        shapes["ExtendedKeyUsageFilterList"] = .list(member: "ExtendedKeyUsageName", min: nil, max: nil)
        shapes["ExtendedKeyUsageName"] = .string(min: nil, max: nil, pattern: nil, values: ["TLS_WEB_SERVER_AUTHENTICATION", "TLS_WEB_CLIENT_AUTHENTICATION", "CODE_SIGNING", "EMAIL_PROTECTION", "TIME_STAMPING", "OCSP_SIGNING", "IPSEC_END_SYSTEM", "IPSEC_TUNNEL", "IPSEC_USER", "ANY", "NONE", "CUSTOM"])
        shapes["FilterString"] = .string(min: 1, max: 256, pattern: nil, values: nil)
        shapes["Filters"] = .structure(members: [("extendedKeyUsage", "ExtendedKeyUsageFilterList"), ("keyUsage", "KeyUsageFilterList"), ("keyTypes", "KeyAlgorithmList"), ("exportOption", "CertificateExport"), ("managedBy", "CertificateManagedBy")], required: [])
        shapes["GetCertificateRequest"] = .structure(members: [("CertificateArn", "Arn")], required: ["CertificateArn"])
        shapes["IdempotencyToken"] = .string(min: 1, max: 32, pattern: "\\w+", values: nil)
        shapes["KeyAlgorithm"] = .string(min: nil, max: nil, pattern: nil, values: ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"])
        shapes["KeyAlgorithmList"] = .list(member: "KeyAlgorithm", min: nil, max: nil)
        shapes["KeyUsageFilterList"] = .list(member: "KeyUsageName", min: nil, max: nil)
        shapes["KeyUsageName"] = .string(min: nil, max: nil, pattern: nil, values: ["DIGITAL_SIGNATURE", "NON_REPUDIATION", "KEY_ENCIPHERMENT", "DATA_ENCIPHERMENT", "KEY_AGREEMENT", "CERTIFICATE_SIGNING", "CRL_SIGNING", "ENCIPHER_ONLY", "DECIPHER_ONLY", "ANY", "CUSTOM"])
        shapes["ListCertificatesRequest"] = .structure(members: [("CertificateStatuses", "CertificateStatuses"), ("Includes", "Filters"), ("NextToken", "NextToken"), ("MaxItems", "MaxItems"), ("SortBy", "SortBy"), ("SortOrder", "SortOrder")], required: [])
        shapes["MaxItems"] = .integer(min: 1, max: 1000)
        shapes["NextToken"] = .string(min: 1, max: 10000, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]*", values: nil)
        shapes["NullableBoolean"] = .boolean
        shapes["PcaArn"] = .string(min: 20, max: 2048, pattern: "arn:[\\w+=/,.@-]+:acm-pca:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*", values: nil)
        shapes["RenewCertificateRequest"] = .structure(members: [("CertificateArn", "Arn")], required: ["CertificateArn"])
        shapes["RenewalStatus"] = .string(min: nil, max: nil, pattern: nil, values: ["PENDING_AUTO_RENEWAL", "PENDING_VALIDATION", "SUCCESS", "FAILED"])
        shapes["RequestCertificateRequest"] = .structure(members: [("DomainName", "DomainNameString"), ("ValidationMethod", "ValidationMethod"), ("SubjectAlternativeNames", "DomainList"), ("IdempotencyToken", "IdempotencyToken"), ("DomainValidationOptions", "DomainValidationOptionList"), ("Options", "CertificateOptions"), ("CertificateAuthorityArn", "PcaArn"), ("Tags", "TagList"), ("KeyAlgorithm", "KeyAlgorithm"), ("ManagedBy", "CertificateManagedBy")], required: ["DomainName"])
        shapes["SearchCertificatesRequest"] = .structure(members: [("FilterStatement", "CertificateFilterStatement"), ("MaxResults", "SearchMaxResults"), ("NextToken", "NextToken"), ("SortBy", "SearchCertificatesSortBy"), ("SortOrder", "SearchCertificatesSortOrder")], required: [])
        shapes["SearchCertificatesSortBy"] = .string(min: nil, max: nil, pattern: nil, values: ["CREATED_AT", "NOT_AFTER", "STATUS", "RENEWAL_STATUS", "EXPORTED", "IN_USE", "NOT_BEFORE", "KEY_ALGORITHM", "TYPE", "CERTIFICATE_ARN", "COMMON_NAME", "REVOKED_AT", "RENEWAL_ELIGIBILITY", "ISSUED_AT", "MANAGED_BY", "EXPORT_OPTION", "VALIDATION_METHOD", "IMPORTED_AT"])
        shapes["SearchCertificatesSortOrder"] = .string(min: nil, max: nil, pattern: nil, values: ["ASCENDING", "DESCENDING"])
        shapes["SearchMaxResults"] = .integer(min: 1, max: 500)
        shapes["SerialNumber"] = .string(min: 2, max: 59, pattern: "[0-9a-f]{2}(:[0-9a-f]{2}){1,19}", values: nil)
        shapes["SortBy"] = .string(min: nil, max: nil, pattern: nil, values: ["CREATED_AT"])
        shapes["SortOrder"] = .string(min: nil, max: nil, pattern: nil, values: ["ASCENDING", "DESCENDING"])
        shapes["SubjectAlternativeNameFilter"] = .structure(members: [("DnsName", "DnsNameFilter")], required: [])
        shapes["SubjectFilter"] = .structure(members: [("CommonName", "CommonNameFilter")], required: [])
        shapes["TStamp"] = .timestamp
        shapes["Tag"] = .structure(members: [("Key", "TagKey"), ("Value", "TagValue")], required: ["Key"])
        shapes["TagKey"] = .string(min: 1, max: 128, pattern: "[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*", values: nil)
        shapes["TagList"] = .list(member: "Tag", min: 1, max: 50)
        shapes["TagValue"] = .string(min: 0, max: 256, pattern: "[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*", values: nil)
        shapes["TimestampRange"] = .structure(members: [("Start", "TStamp"), ("End", "TStamp")], required: [])
        shapes["ValidationMethod"] = .string(min: nil, max: nil, pattern: nil, values: ["EMAIL", "DNS", "HTTP"])
        shapes["X509AttributeFilter"] = .structure(members: [("Subject", "SubjectFilter"), ("SubjectAlternativeName", "SubjectAlternativeNameFilter"), ("ExtendedKeyUsage", "ExtendedKeyUsageName"), ("KeyUsage", "KeyUsageName"), ("KeyAlgorithm", "KeyAlgorithm"), ("SerialNumber", "SerialNumber"), ("NotAfter", "TimestampRange"), ("NotBefore", "TimestampRange")], required: [])
        return shapes
    }
}
