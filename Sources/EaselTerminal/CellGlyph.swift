/// What the backend writes for one grid cell, decided so the terminal's columns can never
/// drift from the grid's.
///
/// `FrameWriter` places the cells after a character by the grid's width (`CharacterWidth`, what
/// terminals draw), and the terminal is assumed to advance by the C library's `wcwidth`. When
/// the two disagree for a character (a newer emoji glibc calls -1, a flag glibc calls 1 but the
/// grid calls 2), the writer and the terminal would place every later cell on the row
/// differently. Such a character is swapped for U+FFFD, which
/// every party agrees is one column, and a grid-wide cell gets an explicit space in its right
/// half. The user sees a replacement mark instead of a smeared row.
struct CellGlyph: Equatable, Sendable {
    /// The stand-in for a character the C library measures differently from the grid.
    static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// How many scalars one cell sends at most (ncurses' `CCHARW_MAX`, which terminals' own
    /// limits on combining marks sit at or above).
    static let scalarCapacity = 5

    /// The scalars to write: one spacing scalar, then zero-width ones.
    var scalars: [Unicode.Scalar]
    /// Whether the cell right of this one must be written as a space (a substituted wide
    /// character), instead of being left for the terminal to cover.
    var padsRightHalf: Bool

    /// Decides the glyph for `character`, which the grid gives `columns` (1 or 2) cells;
    /// `libcWidth` is the C library's `wcwidth`, injected so tests can disagree on purpose.
    static func forCharacter(
        _ character: Character, columns: Int, libcWidth: (Unicode.Scalar) -> Int
    ) -> CellGlyph {
        let scalars = Array(character.unicodeScalars)
        guard let first = scalars.first, libcWidth(first) == columns else {
            return CellGlyph(scalars: [replacement], padsRightHalf: columns == 2)
        }
        var kept = [first]
        // A cell holds one spacing scalar (ncurses' rule, kept), so the cluster stops at the
        // first one (the man of a ZWJ family); the cell still measures the same for everyone.
        for scalar in scalars.dropFirst() {
            guard kept.count < scalarCapacity, libcWidth(scalar) == 0 else { break }
            kept.append(scalar)
        }
        // A joiner left dangling at the end would ask the terminal to join with whatever it
        // draws next, so it goes too.
        while kept.count > 1, kept.last == "\u{200D}" { kept.removeLast() }
        return CellGlyph(scalars: kept, padsRightHalf: false)
    }
}
