import Foundation
import Testing

@testable import EaselTerminal

/// Issue 15, item 11: what `y`/`u` copy (a prompt, an image URL, a failure reason: all from
/// servers) cannot end the OSC 52 sequence early or smuggle one of its own.
@Suite("OSC 52 copy of hostile text")
struct ClipboardSequenceTests {
    static let hostile = [
        "a prompt ending in BEL\u{07}", "ends in ST\u{1B}\\", "C1 ST\u{9C} and CSI\u{9B}31m",
        "\u{1B}]52;c;ZXZpbA==\u{07} nested", "bidi \u{202E}reversed", "new\nline\r\u{7F}",
    ]

    @Test("the payload is base64 alone, between one opening and one ST, and decodes to the text", arguments: hostile)
    func payloadIsBase64(text: String) throws {
        let bytes = ClipboardSequence.osc52(text)
        let opening = Array("\u{1B}]52;c;".utf8)
        #expect(Array(bytes.prefix(opening.count)) == opening)
        #expect(Array(bytes.suffix(2)) == [0x1B, 0x5C])
        let payload = bytes.dropFirst(opening.count).dropLast(2)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        #expect(payload.allSatisfy { alphabet.contains($0) }, "only base64 between the opening and ST")
        let decoded = try #require(Data(base64Encoded: Data(payload)))
        #expect(String(decoding: decoded, as: UTF8.self) == text)
    }
}
