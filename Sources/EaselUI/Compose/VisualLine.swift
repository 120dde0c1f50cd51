/// One row of the editor as it is drawn once the text is wrapped to a width.
///
/// Rows refer to the text by grapheme index rather than holding copies, so the view, the
/// cursor mapping and the vertical moves all read the same layout without the text being
/// duplicated on every frame.
public struct VisualLine: Hashable, Sendable {
    /// The graphemes drawn on this row. A newline that ends a logical line belongs to no row.
    public let range: Range<Int>

    /// Columns the row's graphemes occupy. It can exceed the layout width in two cases only:
    /// spaces left hanging at a soft wrap, and a single grapheme wider than the whole width.
    public let width: Int

    /// Whether the next row carries on the same logical line (a wrap rather than a newline).
    /// When true, the index `range.upperBound` is drawn at the start of the next row, so a
    /// cursor can never sit after this row's last grapheme.
    public let continuesOnNextLine: Bool

    /// Creates a row; only the layout has reason to.
    init(range: Range<Int>, width: Int, continuesOnNextLine: Bool) {
        self.range = range
        self.width = width
        self.continuesOnNextLine = continuesOnNextLine
    }

    /// The last index a cursor can take while still being drawn on this row.
    var lastCursorIndex: Int {
        continuesOnNextLine ? range.upperBound - 1 : range.upperBound
    }
}
