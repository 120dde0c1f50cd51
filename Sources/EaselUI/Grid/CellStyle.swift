/// How one cell is drawn: a theme role plus attributes, never a raw colour, so a theme (or
/// `NO_COLOR`) decides the colours in one place.
public struct CellStyle: Hashable, Sendable {
    /// The theme role whose colours the cell takes.
    public var role: UIRole
    /// Emphasis applied on top of the role.
    public var attributes: CellAttributes

    /// Creates a style for `role` with optional attributes.
    public init(_ role: UIRole, attributes: CellAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// The style of an untouched cell.
    public static let background = CellStyle(.background)
    /// Ordinary body text.
    public static let text = CellStyle(.text)
}
