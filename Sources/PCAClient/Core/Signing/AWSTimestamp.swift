import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UTC date formats SigV4 and the credential sources use. Formatted by hand: DateFormatter is slow and
/// not safe to share across threads on every platform.
public enum AWSTimestamp {
    /// `20150830T123600Z`.
    public static func amzDate(_ date: Date) -> String {
        let t = utcComponents(date)
        // Written digit by digit: every request carries one, and String(format:) goes through Foundation.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        func append(_ value: Int, width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        append(t.year, width: 4)
        append(t.month, width: 2)
        append(t.day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        append(t.hour, width: 2)
        append(t.minute, width: 2)
        append(t.second, width: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `20150830`.
    public static func dateStamp(_ date: Date) -> String {
        let t = utcComponents(date)
        return String(format: "%04d%02d%02d", t.year, t.month, t.day)
    }

    /// `2015-08-30T12:36:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let t = utcComponents(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    /// Parses `YYYYMMDDTHHMMSSZ`: ASCII digits only, and a real moment (no 31 February, no second 60), as the
    /// date SigV4 signs must read back exactly as it was written.
    public static func parseAmzDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { digits(bytes[range]) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              let date = makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second),
              amzDate(date) == text else { return nil }
        return date
    }

    /// The value of a run of ASCII digits; nil for anything else (`Int("+1")` would read a sign).
    private static func digits(_ run: ArraySlice<UInt8>) -> Int? {
        guard !run.isEmpty, run.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return run.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// Parses ISO 8601 timestamps as credential sources write them: `2019-03-23T08:13:35Z`,
    /// with optional fractional seconds and a `Z` or `+HH:MM` offset.
    public static func parseISO8601(_ text: String) -> Date? {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard scalars.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? { digits(scalars[range]) }
        guard let year = number(0..<4), scalars[4] == UInt8(ascii: "-"), let month = number(5..<7),
              scalars[7] == UInt8(ascii: "-"), let day = number(8..<10),
              scalars[10] == UInt8(ascii: "T") || scalars[10] == UInt8(ascii: " "),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              var date = makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var index = 19
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            var end = index + 1
            while end < scalars.count, (48...57).contains(scalars[end]) { end += 1 }
            if let fraction = Double("0" + String(decoding: scalars[index..<end], as: UTF8.self)) {
                date += fraction
            }
            index = end
        }
        guard index < scalars.count else { return date }
        switch scalars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return date
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Double = scalars[index] == UInt8(ascii: "+") ? -1 : 1
            let rest = Array(scalars[(index + 1)...].filter { $0 != UInt8(ascii: ":") })
            guard rest.count == 4, let hours = digits(rest[0..<2]), let minutes = digits(rest[2..<4]),
                  hours <= 23, minutes <= 59 else { return nil }
            return date + sign * Double(hours * 3600 + minutes * 60)
        default:
            return nil
        }
    }

    /// Formatting never traps: a date outside years 1 to 9999 (or NaN, from a file nobody checked) is shown at
    /// the nearest end of that range (NaN as the epoch) instead of overflowing `time_t`.
    private static func utcComponents(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let raw = date.timeIntervalSince1970
        let bounded = raw.isNaN ? 0 : min(max(raw, -62_135_596_800), 253_402_300_799)
        var seconds = time_t(bounded.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
