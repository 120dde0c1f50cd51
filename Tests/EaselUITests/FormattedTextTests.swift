@testable import EaselUI
import Foundation
import Testing

/// The remembered sizes and dates read exactly as Foundation's formatters write them, the first
/// time and every time after.
@Suite("Sizes and dates, remembered")
struct FormattedTextTests {
    @Test("file sizes match ByteCountFormatter's file style", arguments: [0, 1, 999, 1000, 1_450_000, 23_456_789, 5_000_000_000])
    func sizes(bytes: Int) {
        let expected = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        #expect(FormattedText.fileSize(bytes) == expected)
        #expect(FormattedText.fileSize(bytes) == expected, "and again, from memory")
    }

    @Test("dates match a POSIX DateFormatter in the zone asked for")
    func dates() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        for format in ["yyyy-MM-dd HH:mm", "dd MMM"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = format
            #expect(FormattedText.date(date, format: format, zone: zone) == formatter.string(from: date))
            #expect(FormattedText.date(date, format: format, zone: zone) == formatter.string(from: date))
        }
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(FormattedText.date(date, format: "HH:mm", zone: utc) != FormattedText.date(date, format: "HH:mm", zone: zone),
                "the zone is part of what is remembered")
    }
}
