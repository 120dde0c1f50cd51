extension UIRole {
    /// The letter that names this role in `CellGrid.styleMap` snapshots.
    ///
    /// Legend: `.` background, `t` text, `d` dim text, `a` accent, `s` selection,
    /// `p` positive weight, `n` negative weight, `e` error, `w` warning, `o` success (ok),
    /// `b` border, `h` title (heading). The switch is exhaustive on purpose: a new role will not
    /// compile until it gets a letter, so snapshots can never show an unnamed role.
    public var styleMapLetter: Character {
        switch self {
        case .background: "."
        case .text: "t"
        case .dimText: "d"
        case .accent: "a"
        case .selection: "s"
        case .positiveWeight: "p"
        case .negativeWeight: "n"
        case .error: "e"
        case .warning: "w"
        case .success: "o"
        case .border: "b"
        case .title: "h"
        }
    }
}
