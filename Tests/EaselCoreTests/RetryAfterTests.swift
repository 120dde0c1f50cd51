@testable import EaselCore
import Foundation
import Testing

/// `Retry-After` and `retry-after-ms`: seconds, an HTTP date, and what a hostile server sends.
struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    @Test("an IMF-fixdate gives the seconds until it, never fewer than 0")
    func httpDate() {
        #expect(RetryAfter.seconds(retryAfterMs: nil, retryAfter: "Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
        #expect(RetryAfter.seconds(retryAfterMs: nil, retryAfter: "Tue, 14 Nov 2023 22:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.imfFixdate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(RetryAfter.imfFixdate("Thu, 29 Feb 2024 00:00:00 GMT") == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test("seconds and milliseconds as numbers; retry-after-ms wins")
    func numbers() {
        #expect(RetryAfter.seconds(retryAfterMs: nil, retryAfter: " 7 ", now: now) == 7)
        #expect(RetryAfter.seconds(retryAfterMs: "1500", retryAfter: "7", now: now) == 1.5)
        #expect(RetryAfter.seconds(retryAfterMs: nil, retryAfter: nil, now: now) == nil)
    }

    @Test("the fuzzer's crash (it trapped inside DateFormatter) and other near-dates are nil, not a crash")
    func hostileDates() {
        let fuzzed = String(decoding: [0x57, 0x65, 0x64, 0xD6, 0xB0, 0x9C, 0xFF, 0, 0, 0, 0, 0, 0, 0], as: UTF8.self)
        for text in [
            fuzzed, "Wed", "Wed, 14 Nov 2023 22:13:50 UTC", "Tue, 14 Nov 2023 25:13:50 GMT", "Tue, 14 Foo 2023 22:13:50 GMT",
            "Tue, 1x Nov 2023 22:13:50 GMT", "Tue,\u{202E}14 Nov 2023 22:13:5 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        ] {
            #expect(RetryAfter.seconds(retryAfterMs: nil, retryAfter: text, now: now) == nil, "\(text.debugDescription)")
        }
    }
}
