/// One piece of A1111 prompt text as `A1111PromptScanner` reads it, before brackets are paired.
enum A1111PromptToken: Equatable {
    /// Which bracket: round ones emphasise (×1.1 or an explicit weight), square ones soften (÷1.1).
    enum Bracket: Equatable {
        case round, square
    }

    /// A character to keep as it is (an escaped bracket arrives here as its bare self).
    case character(Character)
    case open(Bracket)
    case close(Bracket)
    /// `:1.2)` — closes a round bracket with an explicit weight; `literal` is the text to keep
    /// when there is no round bracket to close.
    case weightClose(Double, literal: String)
    /// `<lora:name:0.8>` or `<hypernet:name>`.
    case network(PromptPart.Kind, name: String, weight: Double)
    /// The word `BREAK`.
    case breakMarker

    /// The text to keep when the token turns out not to be syntax.
    var literal: String {
        switch self {
        case .character(let character): String(character)
        case .open(let bracket): bracket == .round ? "(" : "["
        case .close(let bracket): bracket == .round ? ")" : "]"
        case .weightClose(_, let literal): literal
        case .network(let kind, let name, let weight): "<\(kind.rawValue):\(name):\(weight)>"
        case .breakMarker: "BREAK"
        }
    }
}
