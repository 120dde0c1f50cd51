/// The glyph for each sub-pixel pattern of a symbol set.
///
/// A pattern has one bit per sub-pixel, row-major from the top left (bit `row · width +
/// column`), set where the glyph's ink is. That is the numbering of Unicode's names: BLOCK
/// SEXTANT-135 is bits 0, 2, 4 and BLOCK OCTANT-1235 bits 0, 1, 2, 4. A pattern whose glyph
/// only exists inked the other way round is stored as its complement with `inverted` set: the
/// two colours swap, which draws the same cell.
public struct SymbolGlyph: Hashable, Sendable {
    public var scalar: Unicode.Scalar
    /// Draw with the colours swapped (the glyph inks the pattern's complement).
    public var inverted: Bool

    public init(scalar: Unicode.Scalar, inverted: Bool) {
        self.scalar = scalar
        self.inverted = inverted
    }
}

extension SymbolSet {
    /// The glyph for `pattern` (0 ..< 2^(width·height)).
    public func glyph(forPattern pattern: Int) -> SymbolGlyph {
        switch self {
        case .half: return Self.halfGlyphs[pattern]
        case .quadrant: return Self.quadrantGlyphs[pattern]
        case .sextant: return Self.sextantGlyphs[pattern]
        case .octant: return Self.octantGlyphs[pattern]
        }
    }

    /// Quadrant patterns (bits: upper left, upper right, lower left, lower right) → Block
    /// Elements code points; 0 is a space.
    static let quadrantScalars: [UInt32] = [
        0x20, 0x2598, 0x259D, 0x2580, 0x2596, 0x258C, 0x259E, 0x259B,
        0x2597, 0x259A, 0x2590, 0x259C, 0x2584, 0x2599, 0x259F, 0x2588,
    ]

    static let halfGlyphs: [SymbolGlyph] = [
        SymbolGlyph(scalar: " ", inverted: false), SymbolGlyph(scalar: upperHalf, inverted: false),
        SymbolGlyph(scalar: upperHalf, inverted: true), SymbolGlyph(scalar: " ", inverted: true),
    ]

    /// A full cell is drawn as a space in the ink colour (the colours swapped), so flat runs
    /// cost one byte a cell and never depend on the font's full block.
    static let quadrantGlyphs: [SymbolGlyph] = (0..<16).map { pattern in
        pattern == 15 ? SymbolGlyph(scalar: " ", inverted: true) : SymbolGlyph(scalar: scalar(quadrantScalars[pattern]), inverted: false)
    }

    /// Sextants U+1FB00… run through the 2×3 patterns in increasing order, leaving out those
    /// Block Elements already has: empty, left half (sextants 1, 3, 5 = 21), right half (42), full.
    static let sextantGlyphs: [SymbolGlyph] = (0..<64).map { pattern in
        switch pattern {
        case 0: return SymbolGlyph(scalar: " ", inverted: false)
        case 63: return SymbolGlyph(scalar: " ", inverted: true)
        case 21: return SymbolGlyph(scalar: "\u{258C}", inverted: false)
        case 42: return SymbolGlyph(scalar: "\u{2590}", inverted: false)
        default:
            let skipped = (pattern > 21 ? 1 : 0) + (pattern > 42 ? 1 : 0)
            return SymbolGlyph(scalar: scalar(0x1FB00 + UInt32(pattern - 1 - skipped)), inverted: false)
        }
    }

    /// The octant patterns Unicode 16 gives no BLOCK OCTANT code point, because another glyph
    /// draws them: the sixteen quadrant shapes (each quadrant two octants tall), the single
    /// corner octants 1, 2, 7, 8, the middle pairs 3+5 and 4+6, and the quarter and
    /// three-quarter blocks at top and bottom.
    static let octantsElsewhere: Set<Int> = {
        var patterns: Set<Int> = [1, 2, 64, 128, 20, 40, 3, 192, 63, 252]
        for quadrants in 0..<16 { patterns.insert(octantPattern(ofQuadrants: quadrants)) }
        return patterns
    }()

    /// A quadrant pattern as octants: each quadrant covers two octants of its column.
    static func octantPattern(ofQuadrants quadrants: Int) -> Int {
        var pattern = 0
        if quadrants & 1 != 0 { pattern |= 0b0000_0101 }
        if quadrants & 2 != 0 { pattern |= 0b0000_1010 }
        if quadrants & 4 != 0 { pattern |= 0b0101_0000 }
        if quadrants & 8 != 0 { pattern |= 0b1010_0000 }
        return pattern
    }

    /// Octants U+1CD00… run through the 2×4 patterns in increasing order, leaving out
    /// `octantsElsewhere`. Of those, quadrant shapes take the quadrant glyphs, the bottom quarter
    /// and three quarters take `▂` U+2582 and `▆` U+2586, and the rest are drawn inverted: the
    /// complement of each (7 octants, 6 octants, or a quarter block) has a glyph.
    static let octantGlyphs: [SymbolGlyph] = {
        var glyphs = [SymbolGlyph](repeating: SymbolGlyph(scalar: " ", inverted: false), count: 256)
        var next: UInt32 = 0x1CD00
        for pattern in 0..<256 where !octantsElsewhere.contains(pattern) {
            glyphs[pattern] = SymbolGlyph(scalar: scalar(next), inverted: false)
            next += 1
        }
        for quadrants in 0..<16 { glyphs[octantPattern(ofQuadrants: quadrants)] = quadrantGlyphs[quadrants] }
        glyphs[192] = SymbolGlyph(scalar: "\u{2582}", inverted: false)
        glyphs[252] = SymbolGlyph(scalar: "\u{2586}", inverted: false)
        for pattern in [1, 2, 64, 128, 20, 40, 3, 63] {
            glyphs[pattern] = SymbolGlyph(scalar: glyphs[255 - pattern].scalar, inverted: true)
        }
        return glyphs
    }()

    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        guard let scalar = Unicode.Scalar(value) else { preconditionFailure("not a scalar: \(value)") }
        return scalar
    }
}
