import EaselCore

/// What `easel sandbox --hostile` puts into the strings it serves: terminal escape and control
/// sequences, C1 controls, bidi overrides, and a very long string. Each payload carries a marker
/// Easel never writes itself (`hx-…`, `aG9zdGlsZQ==`, `hostile.invalid`), so a test reading a
/// terminal's raw bytes can tell a leak from Easel's own drawing.
public enum HostileCorpus {
    /// The payloads; which one a string gets follows the seed.
    public static let payloads: [String] = [
        // OSC 52 (clipboard write) with BEL and with ST terminators.
        "\u{1B}]52;c;aG9zdGlsZQ==\u{07}hx-osc52",
        "\u{1B}]52;p;aG9zdGlsZQ==\u{1B}\\hx-osc52st",
        // OSC 8 hyperlink to a look-alike address.
        "\u{1B}]8;;https://hostile.invalid/\u{1B}\\hx-link\u{1B}]8;;\u{1B}\\",
        // OSC 0 window title, CSI clear screen, cursor and title reports, SGR.
        "\u{1B}]0;hx-title\u{07}\u{1B}[2J\u{1B}[H\u{1B}[6n\u{1B}[21thx-csi",
        "\u{1B}[31;7;5mhx-sgr\u{1B}[0m",
        // DCS (device control string) terminated by ST; a private-mode switch.
        "\u{1B}P+q544e\u{1B}\\hx-dcs\u{1B}[?1049l",
        // C1 controls, U+0080–U+009F, as UTF-8: CSI, OSC, ST, NEL and the rest.
        "hx-c1 " + String(String.UnicodeScalarView((0x80...0x9F).compactMap(Unicode.Scalar.init))) + "\u{9B}31m\u{9D}0;hx\u{9C}",
        // Bidi overrides and isolates, zero-width and other format characters, line separators.
        "hx-bidi \u{202E}gnp.exe\u{202C} \u{202D}\u{202A}\u{202B}\u{2066}\u{2067}\u{2068}iso\u{2069} \u{200B}\u{200F}\u{FEFF}\u{2028}\u{2029}",
        // C0 controls: BEL, backspace, carriage return, DEL, a bare ESC.
        "hx-c0 \u{07}\u{08}\u{08}\r\u{7F}\u{1B} \u{00}\u{0B}\u{0C}\u{1A}",
        // Very long: a screenful of text with sequences every few hundred characters.
        String(repeating: "hx-long " + String(repeating: "w", count: 300) + "\u{1B}[1;1H\u{9B}2J\u{202E}", count: 30),
    ]

    /// Bytes that are not UTF-8, appended to bodies that are not JSON (JSON must be UTF-8, so
    /// there they would only make the whole reply unreadable).
    public static let invalidUTF8: [UInt8] = [0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF8, 0x88, 0x80, 0x80, 0x80, 0xC3]

    /// The payload for the `index`-th string of the `response`-th reply under `seed`.
    static func payload(seed: UInt64, response: UInt64, index: Int) -> String {
        var mixer = SplitMix64(seed: seed ^ (response &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(index))
        return payloads[Int(mixer.next() % UInt64(payloads.count))]
    }
}

