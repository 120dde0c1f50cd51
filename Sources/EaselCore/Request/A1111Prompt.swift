import Foundation

/// AUTOMATIC1111's prompt syntax, which Forge, SD.Next, stable-diffusion.cpp and ComfyUI's text
/// encoders read too: `(text:1.2)` weighs a piece, `(text)` and `[text]` nudge it by ×1.1 and
/// ÷1.1, a backslash makes brackets literal, `<lora:name:0.8>` names an extra network, `BREAK`
/// starts a new chunk, and negatives go to a prompt of their own. Weighted parts become this
/// syntax on the way out (`render`), and such text becomes weighted parts on the way in (`parse`).
public enum A1111Prompt {
    /// The positive and negative prompts for `parts`: positive parts in order, joined by `, `;
    /// negative parts likewise, by the size of their weight (`-1` is plain, `-1.5` is `(text:1.5)`).
    /// Extra networks are written as tags (`<lora:name:0.8>`) and never wrapped in a weight;
    /// `BREAK` markers go bare into the prompt their sign names.
    public static func render(_ parts: [PromptPart]) -> (positive: String, negative: String) {
        let positive = parts.filter { $0.weight > 0 }.map(piece).joined(separator: ", ")
        let negative = parts.filter { $0.weight < 0 }.map(piece).joined(separator: ", ")
        return (positive, negative)
    }

    /// One part as A1111 text.
    static func piece(_ part: PromptPart) -> String {
        let weight = abs(part.weight)
        switch part.kind {
        case .lora, .hypernet:
            return "<\(part.kind.rawValue):\(part.text.trimmingCharacters(in: .whitespacesAndNewlines)):\(SettingValue.canonicalNumber(weight))>"
        case .breakMarker:
            return "BREAK"
        case .text:
            let text = escaped(part.text.trimmingCharacters(in: .whitespacesAndNewlines))
            return weight == 1 ? text : "(\(text):\(SettingValue.canonicalNumber(weight)))"
        }
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

    /// The parts an A1111 positive prompt holds: each comma-separated piece (and each run of one
    /// weight inside a piece) is a part with its weight; nested brackets multiply; `<lora:…>` and
    /// `<hypernet:…>` tags are parts of their own kind; `BREAK` is a marker part. Brackets that do
    /// not pair up are taken literally. Weights are rounded to four decimals, so parsing what
    /// `render` wrote gives the same parts back.
    public static func parse(_ text: String) -> [PromptPart] {
        A1111PromptParser(text).parts()
    }

    /// The parts of an A1111 negative prompt: as `parse`, with text and `BREAK` weights made
    /// negative. Extra networks keep their positive multiplier (they act on the model, not on
    /// either prompt), so `render` writes them into the positive prompt.
    public static func parseNegative(_ text: String) -> [PromptPart] {
        parse(text).map { part in
            var part = part
            if part.kind == .text || part.kind == .breakMarker { part.weight = -part.weight }
            return part
        }
    }

    /// Whether `text` uses A1111 syntax worth splitting into parts: a weight, emphasis brackets,
    /// an extra-network tag or `BREAK`. Plain words, commas and escaped brackets alone are not.
    public static func hasSyntax(_ text: String) -> Bool {
        parse(text).contains { $0.kind != .text || $0.weight != 1 }
    }
}
