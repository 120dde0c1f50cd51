import Foundation

/// Makes untrusted text safe to print on one terminal line (stderr progress, error messages):
/// `DisplayText` turns controls, bidi and format characters into visible stand-ins, so a server
/// cannot move the cursor, set the title, write the clipboard or reorder what the user reads.
public enum TerminalText {
    /// The text on one line: newlines and tabs become spaces, runs of spaces collapse, and it is cut
    /// to `limit` characters with an ellipsis.
    public static func oneLine(_ text: String, limit: Int = 300) -> String {
        // Most text (prompts, titles, model names) is printable ASCII already on one trimmed,
        // single-spaced line, which the steps below would return unchanged; the screen asks for
        // dozens of these on every frame, so they come back without the work.
        if isPlainLine(text, limit: limit) { return text }
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

    /// Whether `text` is printable ASCII with no leading, trailing or doubled space, and no
    /// longer than `limit` (and the sanitiser's own limit): `oneLine` leaves such text as it is.
    static func isPlainLine(_ text: String, limit: Int) -> Bool {
        let bytes = text.utf8
        guard bytes.count <= min(limit, DisplayText.defaultLimit) else { return false }
        var previous: UInt8 = 0x20
        for byte in bytes {
            guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return previous != 0x20
    }
}
