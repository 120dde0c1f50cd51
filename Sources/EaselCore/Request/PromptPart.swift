import Foundation

/// One piece of a prompt with its weight: above zero pulls the image towards the text,
/// below zero pushes it away (a negative prompt). Most parts are text; A1111-style prompts also
/// carry extra networks (`<lora:name:0.8>`) and `BREAK` markers, kept as parts of their own kind.
public struct PromptPart: Sendable, Hashable, Codable {
    /// What a part is. Records written before kinds existed have none and read as `.text`.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Words for the text encoder.
        case text
        /// A LoRA by name; the weight is its multiplier (always above zero).
        case lora
        /// A hypernetwork by name; the weight is its multiplier (always above zero).
        case hypernet
        /// A1111's `BREAK`: start a new 75-token chunk here. The text is `BREAK`; the sign of the
        /// weight says which prompt it belongs to.
        case breakMarker = "break"
    }

    public var text: String
    public var weight: Double
    public var kind: Kind

    public init(_ text: String, weight: Double = 1, kind: Kind = .text) {
        self.text = text
        self.weight = weight
        self.kind = kind
    }

    /// True when the part says what the image should avoid.
    public var isNegative: Bool { weight < 0 }

    /// True for the parts a text encoder reads as words (not extra networks or markers).
    public var isText: Bool { kind == .text }

    enum CodingKeys: String, CodingKey {
        case text, weight, kind
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        weight = try container.decode(Double.self, forKey: .weight)
        // A kind this build does not know (a newer Easel's) is read as text rather than refused.
        let raw = try container.decodeIfPresent(String.self, forKey: .kind)
        kind = raw.flatMap(Kind.init(rawValue:)) ?? .text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(weight, forKey: .weight)
        // Text parts stay `{text, weight}`, byte for byte what older builds wrote and read.
        if kind != .text { try container.encode(kind, forKey: .kind) }
    }
}

extension PromptPart {
    /// Reads `W:TEXT` (for example `0.7:golden light` or `-1.5:blur`); nil when W is not a number.
    public init?(weightedText: String) {
        guard let colon = weightedText.firstIndex(of: ":"),
            let weight = Double(weightedText[..<colon].trimmingCharacters(in: .whitespaces)), weight.isFinite
        else { return nil }
        self.init(String(weightedText[weightedText.index(after: colon)...]), weight: weight)
    }
}
