/// The few Python string semantics AUTOMATIC1111's infotext code relies on, so our reading and
/// writing split text exactly where the web UI does.
enum PythonText {
    /// `str.isspace()` / regex `\s` for one scalar: Unicode White_Space plus the information
    /// separators U+001C…U+001F, which Python also counts as whitespace.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Regex `\w` for one scalar in a `str` pattern: letters, anything numeric, and `_`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// `str.strip()` with no arguments.
    static func strip(_ text: String) -> String {
        strip(Substring(text))
    }

    /// `str.strip()` with no arguments, on a slice.
    static func strip(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// `str.split("\n")`: splits on U+000A only, keeping empty pieces. Works on scalars because
    /// Swift treats `\r\n` as one Character, which would hide the `\n` from a Character split.
    static func splitLines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }
}
