import Foundation
import PCAClient

/// How a certificate's end of validity reads, in the list, the commands and the filter alike.
public enum ExpiryText {
    /// Days from which an expiry is highlighted.
    public static let soonDays = 30

    /// `2026-12-22 in 22d`, `2026-12-22 expired`, or `-` without a date.
    public static func words(_ notAfter: Date?, now: Date) -> String {
        guard let notAfter else { return "-" }
        let date = String(AWSTimestamp.iso8601(notAfter).prefix(10))
        if notAfter <= now { return "\(date) expired" }
        return "\(date) in \(wholeDays(until: notAfter, now: now))d"
    }

    /// Whole days until `date` (negative once past).
    public static func wholeDays(until date: Date, now: Date) -> Int {
        Int((date.timeIntervalSince(now) / 86_400).rounded(.down))
    }
}
