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
