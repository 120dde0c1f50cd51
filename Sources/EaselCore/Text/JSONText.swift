/// JSON that is safe to print on a terminal and to paste into a review.
///
/// `JSONEncoder` escapes C0 controls but writes DEL, the C1 controls (U+0080–U+009F, which some
/// terminals take as CSI, OSC …), bidirectional overrides and other invisible format characters
/// as they are: a server's `revised_prompt` could then reorder or hide what the user reads, or
/// drive the terminal. Every such character in JSON text Easel prints becomes a `\uXXXX` escape
/// (a surrogate pair past the BMP), which any JSON reader turns back into the same string.
public enum JSONText {
    /// `json` with every control (other than whitespace between tokens), format (Cf: bidi marks and overrides, zero-width characters,
    /// tags) and line/paragraph separator character written as a `\u` escape. Valid JSON in,
    /// the same JSON value out; those characters can only occur inside strings.
    public static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                for character in "\\u" + hex4(unit) { out.append(contentsOf: character.unicodeScalars) }
            }
        }
        return String(out)
    }

    /// Whether `scalar` must not reach a terminal raw from JSON output. Tab, line feed and
    /// carriage return stay: in valid JSON they are only the whitespace between tokens of
    /// pretty-printed output (inside strings they are already escaped).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        if scalar.value < 0xA0 { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return true
        default: return false
        }
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: false)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
