extension CellGrid {
    /// The text of each row, for snapshot tests and tmux comparisons.
    ///
    /// Continuation cells are skipped so a CJK row reads as the terminal shows it, and trailing
    /// spaces are kept so a snapshot shows how wide each row really is.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) {
                if let character = cell.character { line.append(character) }
            }
            return line
        }
    }

    /// One letter per cell naming its role (legend on `UIRole.styleMapLetter`), for snapshot
    /// tests that must catch a wrong colour as well as wrong text.
    ///
    /// Unlike `lines` this has exactly `width` characters per row: a continuation cell repeats
    /// the letter of its left half, so the map lines up column for column with the screen.
    public var styleMap: [String] {
        (0..<height).map { y in
            String(row(y).map(\.style.role.styleMapLetter))
        }
    }
}
