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
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
