import Testing
@testable import EaselImage

@Suite("Metadata JSON")
struct JSONValueTests {
    @Test("parses values, keeps number text, decodes escapes")
    func parses() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, 18446744073709551615, true, false, null], "s": "é\"\\\/\b\f\n\r\t\u00e9\ud83c\udf0a\ud800x", "n": NaN, "i": -Infinity} "#.utf8))
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .number("18446744073709551615"), .bool(true), .bool(false), .null]))
        #expect(value["s"] == .string("é\"\\/\u{8}\u{C}\n\r\té🌊\u{FFFD}x"))
        #expect(value["n"] == .number("NaN"))
        #expect(value["i"] == .number("-Infinity"))
        // Strings without an escape are their bytes; with one first, last or alone, decoded.
        let strings = try JSONParser.parse(Array(#"["", "plain é 🌊", "\nlead", "trail\t", "\"", "in\u00e9side"]"#.utf8))
        #expect(strings == .array([.string(""), .string("plain é 🌊"), .string("\nlead"), .string("trail\t"), .string("\""), .string("inéside")]))
    }

    @Test(
        "refuses malformed text with a position",
        arguments: [
            ("", "unexpected end of text at byte 0"), ("{", "expected a field name at byte 1"), ("[1,]", "invalid value at byte 3"),
            ("01", "leading zero in a number at byte 2"), ("1.", "digit expected after '.' at byte 2"),
            ("\"a\u{1}\"", "control character in a string at byte 2"), ("\"\\x\"", "invalid escape at byte 3"),
            ("{} x", "unexpected text after the value at byte 3"), ("tru", "invalid literal at byte 0"),
            ("\"\\u12\"", "short \\u escape at byte 3"), ("\"\\u12G4\"", "invalid \\u escape at byte 5"),
        ])
    func refuses(text: String, message: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
        if case .failure(let failure) = JSONParser.result(text) {
            #expect(failure.description == message)
        }
    }

    @Test("deep nesting fails cleanly instead of overflowing the stack")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.Failure(message: "nested too deeply", offset: 128)) {
            try JSONParser.parse(Array(deep.utf8))
        }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(JSONValue.parse(pythonText: fine) != nil)
    }

    @Test("writes sorted, compact JSON")
    func writes() {
        let value = JSONValue.object([
            "b": .array([.number("1"), .null]), "a": .string("x\"\n\u{1}é"), "é": .bool(false), "A": .object([:]),
        ])
        #expect(value.sortedText == #"{"A":{},"a":"x\"\n\u0001é","b":[1,null],"é":false}"#)
        #expect(JSONValue.parse(pythonText: value.sortedText) == value)
    }
}
