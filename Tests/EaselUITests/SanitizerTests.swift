import EaselCore
import Testing

@testable import EaselUI

/// Scalars that must never reach a cell: C0 (except newline and tab), DEL, C1, and the bidi and
/// invisible format characters.
private func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
    default: false
    }
}

@Suite("Display text")
struct SanitizerTests {
    /// Hostile inputs and exactly what the user should see instead.
    static let hostile: [(name: String, input: String, shown: String)] = [
        ("CSI clear screen", "\u{1B}[2J", "␛[2J"),
        ("OSC 52 clipboard write", "\u{1B}]52;c;ZXZpbA==\u{07}", "␛]52;c;ZXZpbA==␇"),
        ("OSC 8 hyperlink", "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\", "␛]8;;https://evil.example/␛\\click␛]8;;␛\\"),
        ("DCS sixel", "\u{1B}Pq#0;2;0;0;0\u{1B}\\", "␛Pq#0;2;0;0;0␛\\"),
        ("C1 CSI", "\u{9B}31mred", "\u{FFFD}31mred"),
        ("C1 NEL", "a\u{85}b", "a\u{FFFD}b"),
        ("bidi override", "invoice\u{202E}fdp.exe", "invoice\u{FFFD}fdp.exe"),
        ("bidi isolates", "\u{2066}x\u{2069}", "\u{FFFD}x\u{FFFD}"),
        ("Arabic letter mark", "a\u{061C}b", "a\u{FFFD}b"),
        ("zero-width space", "pay\u{200B}pal", "pay\u{FFFD}pal"),
        ("zero-width joiner between letters", "a\u{200D}b", "a\u{FFFD}b"),
        ("byte order mark", "\u{FEFF}text", "\u{FFFD}text"),
        ("NUL and BEL", "\u{0}\u{7}", "␀␇"),
        ("DEL", "x\u{7F}", "x␡"),
        ("lone CR overprint", "safe\rEVIL", "safe␍EVIL"),
        ("backspace", "ab\u{8}\u{8}", "ab␈␈"),
    ]

    @Test func hostileStringsBecomeVisibleStandIns() {
        for (name, input, shown) in Self.hostile {
            let output = DisplayText.sanitize(input)
            #expect(output == shown, "\(name)")
            #expect(!output.unicodeScalars.contains(where: isForbidden), "\(name)")
        }
    }

    @Test func layoutAndOrdinaryTextPassThrough() {
        let samples = ["a\tb\nc", "héllo e\u{301}", "漢字 한국어", "👨‍👩‍👧 🇫🇷 👍🏽 🏳️‍🌈 👩🏽‍💻", ""]
        for sample in samples {
            #expect(DisplayText.sanitize(sample) == sample)
        }
    }

    @Test func crlfBecomesNewline() {
        #expect(DisplayText.sanitize("one\r\ntwo\r\n") == "one\ntwo\n")
    }

    @Test func invalidUTF8BecomesOneReplacementPerMaximalSubpart() {
        #expect(DisplayText.sanitize(bytes: [0x66, 0xFF, 0xC3, 0x28]) == "f\u{FFFD}\u{FFFD}(")
        // E2 82 is the start of a valid three-byte sequence cut short: one maximal subpart.
        #expect(DisplayText.sanitize(bytes: [0xE2, 0x82, 0x41]) == "\u{FFFD}A")
        // F0 80 can never begin a valid sequence, so each byte is its own subpart.
        #expect(DisplayText.sanitize(bytes: [0xF0, 0x80, 0x80, 0x41]) == "\u{FFFD}\u{FFFD}\u{FFFD}A")
        #expect(DisplayText.sanitize(bytes: Array("漢".utf8)) == "漢")
    }

    @Test func bytesAreSanitizedAfterDecoding() {
        let output = DisplayText.sanitize(bytes: [0x1B, 0x5B, 0x32, 0x4A, 0xC2, 0x9B, 0xE2, 0x80, 0xAE])
        #expect(output == "␛[2J\u{FFFD}\u{FFFD}")
        #expect(!output.unicodeScalars.contains(where: isForbidden))
    }

    @Test func longTextIsCutWithAMarker() {
        let long = String(repeating: "ab", count: 5000)
        let cut = DisplayText.sanitize(long)
        #expect(cut.count == DisplayText.defaultLimit)
        #expect(cut.hasSuffix("…"))
        #expect(DisplayText.sanitize("abcdef", limit: 3) == "ab…")
        #expect(DisplayText.sanitize("abc", limit: 3) == "abc")
        #expect(DisplayText.sanitize("abc", limit: 0) == "")
        // The limit counts what is shown, stand-ins and marker included.
        #expect(DisplayText.sanitize("\u{1B}\u{1B}\u{1B}\u{1B}", limit: 3) == "␛␛…")
    }

    @Test func truncateFitsTheWidthMarkerIncluded() {
        let table: [(String, Int, String)] = [
            ("hello world", 8, "hello w…"),
            ("hello", 5, "hello"),
            ("hello", 4, "hel…"),
            ("漢字漢字", 8, "漢字漢字"),
            ("漢字漢字", 5, "漢字…"),
            ("漢字漢字", 4, "漢…"),
            ("a漢字", 3, "a…"),
            ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
            ("👨‍👩‍👧👨‍👩‍👧", 3, "👨‍👩‍👧…"),
            ("abc", 1, "…"),
            ("abc", 0, ""),
        ]
        for (text, width, expected) in table {
            let result = DisplayText.truncate(text, toWidth: width)
            #expect(result == expected, "\(text) to \(width)")
            #expect(CharacterWidth.of(result) <= max(0, width), "\(text) to \(width)")
        }
    }
}
