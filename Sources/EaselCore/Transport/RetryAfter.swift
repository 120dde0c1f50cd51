import Foundation

/// Reads a server's requested delay from its headers: `retry-after-ms` (OpenAI's), else
/// `Retry-After` as seconds or an HTTP date. Pure, so it can be fuzzed on its own.
enum RetryAfter {
    /// The delay in seconds, or nil when neither header says one; never negative for a date.
    static func seconds(retryAfterMs: String?, retryAfter: String?, now: Date) -> Double? {
        if let text = retryAfterMs, let milliseconds = Double(text.trimmingCharacters(in: .whitespaces)) {
            return milliseconds / 1000
        }
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text) { return seconds }
        guard let date = imfFixdate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// An HTTP date in its preferred form, `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7),
    /// read by hand: Foundation's DateFormatter trapped on a fuzzed header ("Incorrect range"),
    /// so nothing a server sends reaches it. Anything else is nil.
    static func imfFixdate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 32, bytes[7] == 32, bytes[11] == 32,
            bytes[16] == 32, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"), bytes[25] == 32,
            Array(bytes[26...]) == Array("GMT".utf8),
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].contains(where: { Array($0.utf8) == Array(bytes[0..<3]) }),
            let monthIndex = months.firstIndex(where: { Array($0.utf8) == Array(bytes[8..<11]) }),
            let day = number(bytes[5..<7]), let year = number(bytes[12..<16]), let hour = number(bytes[17..<19]),
            let minute = number(bytes[20..<22]), let second = number(bytes[23..<25]),
            (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's
    /// days-from-civil method).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
