import Foundation

/// An AWS partition: which regions belong to it and how its hostnames end.
public struct Partition: Sendable, Hashable {
    public var id: String
    public var regionPattern: String
    public var dnsSuffix: String
    public var dualStackDnsSuffix: String
    /// Regions in which ACM-PCA is offered, for the region picker.
    public var regions: [String]

    /// The partitions in the order botocore's `partitions.json` lists them.
    public static let all: [Partition] = [
        Partition(id: "aws", regionPattern: #"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$"#,
                  dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws",
                  regions: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1",
                            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
                            "ap-southeast-4", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1",
                            "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
                            "eu-north-1", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
                            "mx-central-1", "sa-east-1"]),
        Partition(id: "aws-cn", regionPattern: #"^cn\-\w+\-\d+$"#, dnsSuffix: "amazonaws.com.cn",
                  dualStackDnsSuffix: "api.amazonwebservices.com.cn", regions: ["cn-north-1", "cn-northwest-1"]),
        Partition(id: "aws-us-gov", regionPattern: #"^us\-gov\-\w+\-\d+$"#, dnsSuffix: "amazonaws.com",
                  dualStackDnsSuffix: "api.aws", regions: ["us-gov-east-1", "us-gov-west-1"]),
        Partition(id: "aws-iso", regionPattern: #"^us\-iso\-\w+\-\d+$"#, dnsSuffix: "c2s.ic.gov",
                  dualStackDnsSuffix: "api.aws.ic.gov", regions: ["us-iso-east-1", "us-iso-west-1"]),
        Partition(id: "aws-iso-b", regionPattern: #"^us\-isob\-\w+\-\d+$"#, dnsSuffix: "sc2s.sgov.gov",
                  dualStackDnsSuffix: "api.aws.scloud", regions: ["us-isob-east-1"]),
        Partition(id: "aws-iso-e", regionPattern: #"^eu\-isoe\-\w+\-\d+$"#, dnsSuffix: "cloud.adc-e.uk",
                  dualStackDnsSuffix: "api.cloud-aws.adc-e.uk", regions: ["eu-isoe-west-1"]),
        Partition(id: "aws-iso-f", regionPattern: #"^us\-isof\-\w+\-\d+$"#, dnsSuffix: "csp.hci.ic.gov",
                  dualStackDnsSuffix: "api.aws.hci.ic.gov", regions: ["us-isof-south-1", "us-isof-east-1"]),
        Partition(id: "aws-eusc", regionPattern: #"^eusc\-(de)\-\w+\-\d+$"#, dnsSuffix: "amazonaws.eu",
                  dualStackDnsSuffix: "api.amazonwebservices.eu", regions: ["eusc-de-east-1"]),
    ]

    /// The partition of `region`; a region no pattern matches belongs to `aws`, as in the endpoint rules.
    public static func of(region: String) -> Partition {
        for partition in all.dropFirst() where region.range(of: partition.regionPattern, options: .regularExpression) != nil {
            return partition
        }
        return all[0]
    }
}
