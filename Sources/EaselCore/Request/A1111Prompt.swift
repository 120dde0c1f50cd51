import Foundation

/// AUTOMATIC1111's prompt syntax, which Forge, SD.Next and ComfyUI's text encoders read too:
/// `(text:1.2)` weighs a piece, a backslash makes brackets literal, and negatives go to a prompt
/// of their own. Weighted parts become this syntax on the way out.
public enum A1111Prompt {
    /// The positive and negative prompts for `parts`: positive parts in order, joined by `, `;
    /// negative parts likewise, by the size of their weight (`-1` is plain, `-1.5` is `(text:1.5)`).
    public static func render(_ parts: [PromptPart]) -> (positive: String, negative: String) {
        func piece(_ part: PromptPart) -> String {
            let text = escaped(part.text.trimmingCharacters(in: .whitespacesAndNewlines))
            let weight = abs(part.weight)
            return weight == 1 ? text : "(\(text):\(SettingValue.canonicalNumber(weight)))"
        }
        let positive = parts.filter { $0.weight > 0 }.map(piece).joined(separator: ", ")
        let negative = parts.filter { $0.weight < 0 }.map(piece).joined(separator: ", ")
        return (positive, negative)
    }

    /// `text` with the characters A1111 reads as syntax made literal: `(`, `)`, `[`, `]` and the
    /// backslash itself.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if "()[]\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
