/// Which block glyphs a picture may use. Each set splits a cell into a grid of sub-pixels and
/// has a glyph (or its inverse) for every way of colouring them in two colours; finer sets
/// follow edges better but need a terminal (or font) that draws them.
public enum SymbolSet: String, Sendable, Hashable, CaseIterable {
    /// `▀` only: 1×2 sub-pixels, drawn by every terminal with Unicode.
    case half
    /// Quadrants (U+2596–U+259F) with the half and full blocks: 2×2.
    case quadrant
    /// Sextants (U+1FB00–U+1FB3B, Unicode 13) with the half blocks: 2×3.
    case sextant
    /// Octants (U+1CD00–U+1CDE5, Unicode 16) with the block elements: 2×4.
    case octant

    /// `▀` U+2580 UPPER HALF BLOCK.
    public static let upperHalf: Unicode.Scalar = "\u{2580}"

    /// Sub-pixels across a cell.
    public var cellWidth: Int { self == .half ? 1 : 2 }

    /// Sub-pixels down a cell.
    public var cellHeight: Int {
        switch self {
        case .half, .quadrant: 2
        case .sextant: 3
        case .octant: 4
        }
    }

    /// Parses a config or flag value (case-insensitive; plurals such as "octants" also read).
    public init(parsing text: String) throws(SymbolChoiceError) {
        switch try SymbolChoice(parsing: text) {
        case .auto: throw .autoNotAllowed
        case .fixed(let set): self = set
        }
    }
}

/// The `symbols` setting: a set, or `auto` (the finest the terminal is known to draw).
public enum SymbolChoice: Sendable, Hashable {
    case auto
    case fixed(SymbolSet)

    /// The accepted spellings, for messages.
    public static let spellings = "half, quadrant, sextant, octant or auto"

    /// Parses `half|quadrant|sextant|octant|auto` (case-insensitive, plurals too).
    public init(parsing text: String) throws(SymbolChoiceError) {
        var word = String(text.lowercased().filter { !$0.isWhitespace })
        if word.hasSuffix("s"), word != "s" { word.removeLast() }
        if word == "auto" {
            self = .auto
        } else if let set = SymbolSet(rawValue: word) {
            self = .fixed(set)
        } else {
            throw .unknown(text)
        }
    }

    /// The set to draw with. `auto` takes octants on a terminal known to draw the legacy
    /// computing blocks itself (kitty, foot, WezTerm, Ghostty: their glyphs do not depend on the
    /// font), falling back to sextants where the C library does not yet know the octants' width
    /// (`octantsMeasured` false: ncurses would count them wrong); half blocks elsewhere, since
    /// a font without the glyphs shows boxes. A fixed octant choice falls back the same way.
    public func resolve(drawsLegacySymbols: Bool, octantsMeasured: Bool = true) -> SymbolSet {
        let wanted: SymbolSet
        switch self {
        case .auto: wanted = drawsLegacySymbols ? .octant : .half
        case .fixed(let set): wanted = set
        }
        return wanted == .octant && !octantsMeasured ? .sextant : wanted
    }
}

/// Why a `symbols` value was refused; the description is one line for the user.
public enum SymbolChoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    case autoNotAllowed

    public var description: String {
        switch self {
        case .unknown(let text):
            let shown = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(40).map(Character.init))
            return "symbols must be \(SymbolChoice.spellings), not \"\(shown)\""
        case .autoNotAllowed:
            return "symbols must name a set here: half, quadrant, sextant or octant"
        }
    }
}
