/// `AccessDescription` of the Subject Information Access extension.
public struct AccessDescription: Codable, Hashable, Sendable {
    public var accessMethod: AccessMethod?
    public var accessLocation: GeneralName?

    enum CodingKeys: String, CodingKey { case accessMethod = "AccessMethod", accessLocation = "AccessLocation" }

    public init(accessMethod: AccessMethod? = nil, accessLocation: GeneralName? = nil) {
        self.accessMethod = accessMethod
        self.accessLocation = accessLocation
    }
}

/// `AccessMethod`: a well-known type or a custom object identifier.
public struct AccessMethod: Codable, Hashable, Sendable {
    public var customObjectIdentifier: String?
    public var accessMethodType: String?

    enum CodingKeys: String, CodingKey {
        case customObjectIdentifier = "CustomObjectIdentifier", accessMethodType = "AccessMethodType"
    }

    public init(customObjectIdentifier: String? = nil, accessMethodType: String? = nil) {
        self.customObjectIdentifier = customObjectIdentifier
        self.accessMethodType = accessMethodType
    }
}

/// `GeneralName`: one of the X.509 name forms.
public struct GeneralName: Codable, Hashable, Sendable {
    public var otherName: OtherName?
    public var rfc822Name: String?
    public var dnsName: String?
    public var directoryName: ASN1Subject?
    public var ediPartyName: EdiPartyName?
    public var uniformResourceIdentifier: String?
    public var ipAddress: String?
    public var registeredId: String?

    enum CodingKeys: String, CodingKey {
        case otherName = "OtherName", rfc822Name = "Rfc822Name", dnsName = "DnsName", directoryName = "DirectoryName"
        case ediPartyName = "EdiPartyName", uniformResourceIdentifier = "UniformResourceIdentifier"
        case ipAddress = "IpAddress", registeredId = "RegisteredId"
    }

    public init(uniformResourceIdentifier: String? = nil) {
        self.uniformResourceIdentifier = uniformResourceIdentifier
    }
}

/// `OtherName` of a GeneralName.
public struct OtherName: Codable, Hashable, Sendable {
    public var typeId: String?
    public var value: String?

    enum CodingKeys: String, CodingKey { case typeId = "TypeId", value = "Value" }
}

/// `EdiPartyName` of a GeneralName.
public struct EdiPartyName: Codable, Hashable, Sendable {
    public var partyName: String?
    public var nameAssigner: String?

    enum CodingKeys: String, CodingKey { case partyName = "PartyName", nameAssigner = "NameAssigner" }
}

/// `CrlDistributionPointExtensionConfiguration`: whether issued certificates omit the CDP extension.
public struct CrlDistributionPointExtensionConfiguration: Codable, Hashable, Sendable {
    public var omitExtension: Bool?

    enum CodingKeys: String, CodingKey { case omitExtension = "OmitExtension" }

    public init(omitExtension: Bool? = nil) { self.omitExtension = omitExtension }
}
