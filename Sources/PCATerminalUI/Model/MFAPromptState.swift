import PCAAdmin
import Foundation

/// A request for an MFA code (a profile's `mfa_serial`), asked inside the UI because the terminal belongs
/// to it: the credential chain waits until the code is entered or the prompt is cancelled.
public struct MFAPromptState: Sendable, Hashable {
    /// The MFA device, as named in the profile.
    public var serial: String
    /// What has been typed so far.
    public var code = ""

    /// Codes are six digits; authenticator apps and hardware tokens never send more than this.
    public static let maximumLength = 16

    public init(serial: String) {
        self.serial = serial
    }
}
