/// Makes text that came from the terminal safe to print: every control character (C0, DEL,
/// C1 — a reply could carry escape sequences of its own) becomes `?`, and it is cut short.
/// The CLI sanitizes again when printing; this keeps the diagnosis itself clean.
public enum DoctorText {
    public static func visible(_ text: String, limit: Int = 80) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            let value = scalar.value
            let control = value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                || (0x200E...0x200F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            result.unicodeScalars.append(control ? "?" : scalar)
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }

    /// A reply as readable text, for the evidence lines.
    public static func describe(_ reply: TerminalReply) -> String {
        func joined(_ values: [Int]) -> String { values.map(String.init).joined(separator: ";") }
        switch reply {
        case .kittyGraphics(let id, let message):
            return "kitty graphics reply: i=\(id.map(String.init) ?? "-") \(visible(message))"
        case .primaryAttributes(let values): return "DA1: CSI ? \(joined(values)) c"
        case .secondaryAttributes(let values): return "DA2: CSI > \(joined(values)) c"
        case .terminalVersion(let text): return "XTVERSION: \(visible(text))"
        case .cellSize(let width, let height): return "cell size: \(width)×\(height) px"
        case .windowPixels(let width, let height): return "text area: \(width)×\(height) px"
        case .graphicsAttribute(let item, let status, let values):
            return "XTSMGRAPHICS item \(item): status \(status)\(values.isEmpty ? "" : ", values \(joined(values))")"
        }
    }
}
