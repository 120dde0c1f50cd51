/// The `--graphics` choice: let Easel pick, force a protocol, or show no image.
public enum GraphicsMode: String, Sendable, Equatable, CaseIterable {
    case auto, kitty, iterm, sixel, blocks, none

    /// Parses a flag value (case-insensitive, surrounding whitespace ignored).
    public init(parsing text: String) throws(GraphicsError) {
        let trimmed = text.lowercased().drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        guard let mode = GraphicsMode(rawValue: String(trimmed)) else { throw .unknownMode(text) }
        self = mode
    }
}
