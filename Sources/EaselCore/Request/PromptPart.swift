import Foundation

/// One piece of a prompt with its weight: above zero pulls the image towards the text,
/// below zero pushes it away (a negative prompt).
public struct PromptPart: Sendable, Hashable, Codable {
    public var text: String
    public var weight: Double

    public init(_ text: String, weight: Double = 1) {
        self.text = text
        self.weight = weight
    }

    /// True when the part says what the image should avoid.
    public var isNegative: Bool { weight < 0 }
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
