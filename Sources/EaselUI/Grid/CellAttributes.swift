/// Text attributes a cell can carry on top of its role's colours.
///
/// Kept as flags rather than part of the theme so a view can, say, bold one word without a
/// new role, and so `NO_COLOR` terminals still get emphasis.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    /// Creates attributes from their raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Heavier strokes; used for titles and the focused item.
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// A line under the text; used where colour alone would be lost on `NO_COLOR`.
    public static let underline = CellAttributes(rawValue: 1 << 1)
    /// Swapped foreground and background; the portable way to mark a selection.
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    /// Fainter text; not every terminal honours it, so never the only cue.
    public static let dim = CellAttributes(rawValue: 1 << 3)
}
