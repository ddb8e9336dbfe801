import PCAAdmin
import Foundation
import PCAClient
import PCATerminalText

/// What `c` and `C` put on the clipboard (OSC 52): exactly the bytes a paste will type. A value from the
/// server or the config that goes into the text must match its API model pattern, and the text may hold no
/// character that `SafeText.isUnsafe` (an ESC ending bracketed paste, a CR running a line, a bidi override
/// or a zero-width character hiding what runs); otherwise nothing is copied and the refusal says why.
public enum Clipboard {
    /// Why nothing was copied, for the status line.
    public struct Refusal: Error, Sendable, Hashable {
        public var reason: String
    }

    /// The CA's ARN, for `c`.
    public static func arn(_ arn: String) -> Result<String, Refusal> {
        checked(arn, values: [(.arn, arn)])
    }

    /// The AWS CLI command for `C` (`CLICommand.forCopy`).
    public static func command(renewal: ACMRenewalState?, arn: String, region: String) -> Result<String, Refusal> {
        checked(CLICommand.forCopy(renewal: renewal, arn: arn, region: region), values: [(.arn, arn), (.region, region)])
    }

    /// The one check every copy passes: `text` when each value matches its pattern and `text` holds no
    /// unsafe character, else the first reason it may not be copied.
    static func checked(_ text: String, values: [(MemberPattern, String)]) -> Result<String, Refusal> {
        for (pattern, value) in values where !pattern.matches(value) {
            let holding = SafeText.firstUnsafe(in: value).map { ", it holds \(shown($0))" } ?? ""
            return .failure(Refusal(reason: "the \(pattern.name) does not match the API's \(pattern.shape) pattern\(holding)"))
        }
        if let scalar = SafeText.firstUnsafe(in: text) {
            return .failure(Refusal(reason: "the text holds \(shown(scalar)), which a paste would type"))
        }
        return .success(text)
    }

    /// The OSC 52 sequence that puts `text` on the clipboard, or nil when `text` holds an unsafe character:
    /// the runner's last line of defence, whatever asked for the copy.
    public static func osc52(_ text: String) -> String? {
        guard SafeText.firstUnsafe(in: text) == nil else { return nil }
        return "\u{1b}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }

    private static func shown(_ scalar: Unicode.Scalar) -> String {
        SafeText.escaped(String(scalar))
    }
}
