/// An AWS error code. The codes the client reacts to are static members, so callers can match them;
/// any other code is kept as it came.
public struct AWSErrorCode: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Modeled ACM-PCA exceptions.
    public static let concurrentModification: Self = "ConcurrentModificationException"
    public static let invalidArgs: Self = "InvalidArgsException"
    public static let invalidArn: Self = "InvalidArnException"
    public static let invalidNextToken: Self = "InvalidNextTokenException"
    public static let invalidPolicy: Self = "InvalidPolicyException"
    public static let invalidRequest: Self = "InvalidRequestException"
    public static let invalidState: Self = "InvalidStateException"
    public static let invalidTag: Self = "InvalidTagException"
    public static let limitExceeded: Self = "LimitExceededException"
    public static let lockoutPrevented: Self = "LockoutPreventedException"
    public static let malformedCSR: Self = "MalformedCSRException"
    public static let permissionAlreadyExists: Self = "PermissionAlreadyExistsException"
    public static let requestAlreadyProcessed: Self = "RequestAlreadyProcessedException"
    public static let requestFailed: Self = "RequestFailedException"
    public static let requestInProgress: Self = "RequestInProgressException"
    public static let resourceNotFound: Self = "ResourceNotFoundException"
    public static let tooManyTags: Self = "TooManyTagsException"

    // Common errors of every AWS service.
    public static let accessDenied: Self = "AccessDeniedException"
    public static let expiredToken: Self = "ExpiredTokenException"
    public static let incompleteSignature: Self = "IncompleteSignature"
    public static let internalFailure: Self = "InternalFailure"
    public static let invalidClientTokenId: Self = "InvalidClientTokenId"
    public static let invalidSignature: Self = "InvalidSignatureException"
    public static let missingAuthenticationToken: Self = "MissingAuthenticationTokenException"
    public static let requestExpired: Self = "RequestExpired"
    public static let serviceUnavailable: Self = "ServiceUnavailable"
    public static let throttling: Self = "ThrottlingException"
    public static let unknownOperation: Self = "UnknownOperationException"
    public static let unrecognizedClient: Self = "UnrecognizedClientException"
    public static let validation: Self = "ValidationException"
    public static let serialization: Self = "SerializationException"
}
