/// One terminal cell of a `CellGrid`.
///
/// A width-2 character spans two cells: the left one holds the character and the right one is a
/// `.continuation`, so column arithmetic stays one cell per column and the backend knows not to
/// write anything for the right half (the terminal fills it when it draws the left).
public struct Cell: Hashable, Sendable {
    /// What the cell shows.
    public enum Content: Hashable, Sendable {
        /// A whole grapheme cluster (one or two columns wide).
        case grapheme(Character)
        /// The right half of the wide character in the cell to the left.
        case continuation
    }

    /// What the cell shows.
    public var content: Content
    /// How it is drawn.
    public var style: CellStyle

    /// Creates a cell.
    public init(_ content: Content, style: CellStyle) {
        self.content = content
        self.style = style
    }

    /// A space in `style`: what clearing a cell leaves behind.
    public static func blank(_ style: CellStyle) -> Cell {
        Cell(.grapheme(" "), style: style)
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool {
        content == .continuation
    }

    /// The grapheme shown, or nil for a continuation cell.
    public var character: Character? {
        if case .grapheme(let character) = content { return character }
        return nil
    }
}
