import Foundation

/// Makes untrusted text safe to print on one terminal line (stderr progress, error messages):
/// `DisplayText` turns controls, bidi and format characters into visible stand-ins, so a server
/// cannot move the cursor, set the title, write the clipboard or reorder what the user reads.
public enum TerminalText {
    /// The text on one line: newlines and tabs become spaces, runs of spaces collapse, and it is cut
    /// to `limit` characters with an ellipsis.
    public static func oneLine(_ text: String, limit: Int = 300) -> String {
        var flat = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
            if isSpace, lastWasSpace { continue }
            flat.append(isSpace ? " " : scalar)
            lastWasSpace = isSpace
        }
        var out = DisplayText.sanitize(String(flat)).trimmingCharacters(in: .whitespaces)
        if out.count > limit { out = String(out.prefix(limit - 1)) + "…" }
        return out
    }
}
