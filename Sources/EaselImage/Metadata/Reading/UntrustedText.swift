/// Makes text read from files safe to show: no terminal control or escape sequences, no
/// bidirectional overrides that could make text display differently from what it is.
public enum UntrustedText {
    /// `text` with C0 controls, DEL, C1 controls (which include the 8-bit CSI that some
    /// terminals honour), line/paragraph separators and bidi controls replaced by U+FFFD.
    /// Tabs become a space; newlines are kept only when `keepingNewlines` is set.
    public static func sanitized(_ text: String, keepingNewlines: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines: result.append(scalar)
            case 0x09: result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
