import Foundation

/// Makes untrusted text safe to print on a terminal: control characters (C0, DEL, C1) and
/// Unicode bidi/format controls become visible stand-ins, so a server cannot move the cursor,
/// set the title, write the clipboard or reorder what the user reads.
public enum TerminalText {
    /// The text on one line: newlines and tabs become spaces, runs of spaces collapse, and it is cut
    /// to `limit` characters with an ellipsis.
    public static func oneLine(_ text: String, limit: Int = 300) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let shown: String
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: shown = " "
            default: shown = visible(scalar)
            }
            if shown == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out += shown
        }
        out = out.trimmingCharacters(in: .whitespaces)
        if out.count > limit { out = String(out.prefix(limit - 1)) + "…" }
        return out
    }

    /// The scalar itself, or a visible stand-in when it is a control or formatting character.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀…␟
        case 0x7F: return "␡"
        case 0x80...0x9F: return "�"
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return "�"
        default: return String(scalar)
        }
    }
}
