/// `CertificateAuthorityStatus`.
public struct CAStatus: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let creating: Self = "CREATING"
    public static let pendingCertificate: Self = "PENDING_CERTIFICATE"
    public static let active: Self = "ACTIVE"
    public static let deleted: Self = "DELETED"
    public static let disabled: Self = "DISABLED"
    public static let expired: Self = "EXPIRED"
    public static let failed: Self = "FAILED"
    public static let allKnown: [Self] = [.creating, .pendingCertificate, .active, .deleted, .disabled, .expired, .failed]
    public static let sharedRawValues = [pendingCertificate].map(\.rawValue)

    /// The status as the AWS console writes it: `Active`, `Pending certificate`, `Disabled`, ... (the API's
    /// own word for a status it does not know).
    public var consoleWord: String {
        switch self {
        case .creating: return "Creating"
        case .pendingCertificate: return "Pending certificate"
        case .active: return "Active"
        case .deleted: return "Deleted"
        case .disabled: return "Disabled"
        case .expired: return "Expired"
        case .failed: return "Failed"
        default: return rawValue
        }
    }
}

/// `CertificateAuthorityType`.
public struct CAType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let root: Self = "ROOT"
    public static let subordinate: Self = "SUBORDINATE"
}

/// `FailureReason`.
public struct FailureReason: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let requestTimedOut: Self = "REQUEST_TIMED_OUT"
    public static let unsupportedAlgorithm: Self = "UNSUPPORTED_ALGORITHM"
    public static let other: Self = "OTHER"
    public static let sharedRawValues = [requestTimedOut, unsupportedAlgorithm].map(\.rawValue)
}

/// `KeyAlgorithm`.
public struct KeyAlgorithm: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let rsa2048: Self = "RSA_2048"
    public static let rsa3072: Self = "RSA_3072"
    public static let rsa4096: Self = "RSA_4096"
    public static let ecPrime256v1: Self = "EC_prime256v1"
    public static let ecSecp384r1: Self = "EC_secp384r1"
    public static let ecSecp521r1: Self = "EC_secp521r1"
    public static let mlDSA44: Self = "ML_DSA_44"
    public static let mlDSA65: Self = "ML_DSA_65"
    public static let mlDSA87: Self = "ML_DSA_87"
    public static let sm2: Self = "SM2"
    public static let allKnown: [Self] = [.rsa2048, .rsa3072, .rsa4096, .ecPrime256v1, .ecSecp384r1, .ecSecp521r1,
                                          .mlDSA44, .mlDSA65, .mlDSA87, .sm2]
}

/// `SigningAlgorithm`.
public struct SigningAlgorithm: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let sha256WithECDSA: Self = "SHA256WITHECDSA"
    public static let sha384WithECDSA: Self = "SHA384WITHECDSA"
    public static let sha512WithECDSA: Self = "SHA512WITHECDSA"
    public static let sha256WithRSA: Self = "SHA256WITHRSA"
    public static let sha384WithRSA: Self = "SHA384WITHRSA"
    public static let sha512WithRSA: Self = "SHA512WITHRSA"
    public static let sm3WithSM2: Self = "SM3WITHSM2"
    public static let mlDSA44: Self = "ML_DSA_44"
    public static let mlDSA65: Self = "ML_DSA_65"
    public static let mlDSA87: Self = "ML_DSA_87"
    public static let allKnown: [Self] = [.sha256WithECDSA, .sha384WithECDSA, .sha512WithECDSA, .sha256WithRSA,
                                          .sha384WithRSA, .sha512WithRSA, .sm3WithSM2, .mlDSA44, .mlDSA65, .mlDSA87]
}

/// `KeyStorageSecurityStandard`.
public struct KeyStorageSecurityStandard: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let fips140Level2: Self = "FIPS_140_2_LEVEL_2_OR_HIGHER"
    public static let fips140Level3: Self = "FIPS_140_2_LEVEL_3_OR_HIGHER"
    public static let ccpcLevel1: Self = "CCPC_LEVEL_1_OR_HIGHER"
    public static let sharedRawValues = [fips140Level2, fips140Level3, ccpcLevel1].map(\.rawValue)
}

/// `CertificateAuthorityUsageMode`.
public struct UsageMode: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let generalPurpose: Self = "GENERAL_PURPOSE"
    public static let shortLivedCertificate: Self = "SHORT_LIVED_CERTIFICATE"
    public static let sharedRawValues = [shortLivedCertificate].map(\.rawValue)
}

/// `ActionType`: what a permission lets a principal do on a CA.
public struct PermissionAction: OpenEnum, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let issueCertificate: Self = "IssueCertificate"
    public static let getCertificate: Self = "GetCertificate"
    public static let listPermissions: Self = "ListPermissions"
    /// The three actions ACM needs to renew certificates, in the order AWS documents them.
    public static let acmRenewalActions: [Self] = [.issueCertificate, .getCertificate, .listPermissions]
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `ResourceOwner` for ListCertificateAuthorities.
public struct ResourceOwner: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `self`: Self = "SELF"
    public static let otherAccounts: Self = "OTHER_ACCOUNTS"
}

/// `ValidityPeriodType`.
public struct ValidityType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let endDate: Self = "END_DATE"
    public static let absolute: Self = "ABSOLUTE"
    public static let days: Self = "DAYS"
    public static let months: Self = "MONTHS"
    public static let years: Self = "YEARS"
}
