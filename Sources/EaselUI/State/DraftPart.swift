import EaselCore

/// One prompt part being composed: its own editor (so each part keeps its cursor) and weight.
/// A weight above zero describes what to see; below zero, what to avoid.
public struct DraftPart: Sendable, Hashable {
    public var editor: TextEditor
    public var weight: Double
    /// Text, or an A1111 extra network or `BREAK` kept from a pasted or remixed prompt.
    public var kind: PromptPart.Kind

    /// Creates a part.
    public init(text: String = "", weight: Double = 1, kind: PromptPart.Kind = .text) {
        self.editor = TextEditor(text: text)
        self.editor.moveToEnd()
        self.weight = weight
        self.kind = kind
    }

    /// A draft of a recorded or parsed part.
    public init(_ part: PromptPart) {
        self.init(text: part.text, weight: part.weight, kind: part.kind)
    }

    /// Whether the part says what the image should avoid.
    public var isNegative: Bool { weight < 0 }

    /// The weight as the composer shows it: a sign and one decimal (`+1.0`, `−0.7`).
    public var weightLabel: String {
        (isNegative ? "−" : "+") + Self.tenths(abs(weight))
    }

    /// `magnitude` (not negative) with one decimal, as `String(format: "%.1f")` writes it.
    /// Tenths by hand: `String(format:)` goes through Foundation's formatter, whose first use
    /// is a measurable part of drawing the studio's first frame, and every use a part of
    /// drawing a history entry's prompt.
    static func tenths(_ magnitude: Double) -> String {
        let rounded = (magnitude * 10).rounded() / 10
        guard rounded.isFinite, rounded < 1e9 else { return String(format: "%.1f", rounded) }
        let tenths = Int((rounded * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
