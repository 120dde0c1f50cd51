import EaselPixels
import Testing

/// The pattern → code point tables, checked against facts from Unicode's character names
/// (BLOCK SEXTANT-n…, BLOCK OCTANT-n…: the digits are the inked sub-pixels, row-major).
struct SymbolGlyphTests {
    /// A pattern from Unicode's digits: "1235" → bits 0, 1, 2, 4.
    static func pattern(_ digits: String) -> Int {
        digits.reduce(0) { $0 | 1 << (Int(String($1))! - 1) }
    }

    static let sextantNames: [(String, UInt32)] = [
        ("1", 0x1FB00), ("2", 0x1FB01), ("12", 0x1FB02), ("35", 0x1FB13), ("23456", 0x1FB3B), ("1234", 0x1FB0E),
    ]

    @Test(arguments: sextantNames)
    func sextantsMatchTheirNames(digits: String, scalar: UInt32) {
        #expect(SymbolSet.sextant.glyph(forPattern: Self.pattern(digits)) == SymbolGlyph(scalar: Unicode.Scalar(scalar)!, inverted: false))
    }

    static let octantNames: [(String, UInt32)] = [
        ("3", 0x1CD00), ("23", 0x1CD01), ("1235", 0x1CD0F), ("146", 0x1CD20), ("12457", 0x1CD4D), ("1234567", 0x1CD70),
        ("468", 0x1CD96), ("1234568", 0x1CDAB), ("2345678", 0x1CDE5),
    ]

    @Test(arguments: octantNames)
    func octantsMatchTheirNames(digits: String, scalar: UInt32) {
        #expect(SymbolSet.octant.glyph(forPattern: Self.pattern(digits)) == SymbolGlyph(scalar: Unicode.Scalar(scalar)!, inverted: false))
    }

    @Test func blockElementsStandInWhereTheyExist() {
        let sextants = SymbolSet.sextant
        #expect(sextants.glyph(forPattern: Self.pattern("135")).scalar == "\u{258C}")
        #expect(sextants.glyph(forPattern: Self.pattern("246")).scalar == "\u{2590}")
        let octants = SymbolSet.octant
        #expect(octants.glyph(forPattern: Self.pattern("1234")) == SymbolGlyph(scalar: "\u{2580}", inverted: false))
        #expect(octants.glyph(forPattern: Self.pattern("5678")) == SymbolGlyph(scalar: "\u{2584}", inverted: false))
        #expect(octants.glyph(forPattern: Self.pattern("13")) == SymbolGlyph(scalar: "\u{2598}", inverted: false))
        #expect(octants.glyph(forPattern: Self.pattern("1368")) == SymbolGlyph(scalar: "\u{259A}", inverted: false))
        #expect(octants.glyph(forPattern: Self.pattern("78")) == SymbolGlyph(scalar: "\u{2582}", inverted: false))
        // Octant 1 alone has no BLOCK OCTANT code point: its complement, 2345678, drawn inverted.
        #expect(octants.glyph(forPattern: Self.pattern("1")) == SymbolGlyph(scalar: "\u{1CDE5}", inverted: true))
        #expect(octants.glyph(forPattern: Self.pattern("12")) == SymbolGlyph(scalar: "\u{2586}", inverted: true))
        let quadrants = SymbolSet.quadrant
        #expect(quadrants.glyph(forPattern: 0b0110) == SymbolGlyph(scalar: "\u{259E}", inverted: false))
        #expect(quadrants.glyph(forPattern: 0b1101) == SymbolGlyph(scalar: "\u{2599}", inverted: false))
    }

    @Test(arguments: [SymbolSet.sextant, .octant])
    func eachLegacyCodePointIsUsedOnceAndTheRangeIsWhole(set: SymbolSet) {
        let (first, last): (UInt32, UInt32) = set == .sextant ? (0x1FB00, 0x1FB3B) : (0x1CD00, 0x1CDE5)
        let count = 1 << (set.cellWidth * set.cellHeight)
        var seen: [UInt32: Int] = [:]
        for pattern in 0..<count {
            let glyph = set.glyph(forPattern: pattern)
            guard glyph.scalar.value >= first, glyph.scalar.value <= last else { continue }
            #expect(!glyph.inverted || set.glyph(forPattern: count - 1 - pattern) == SymbolGlyph(scalar: glyph.scalar, inverted: false))
            if !glyph.inverted { seen[glyph.scalar.value, default: 0] += 1 }
        }
        #expect(seen.count == Int(last - first + 1))
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test func choicesParseAndResolve() throws {
        #expect(try SymbolChoice(parsing: " Sextants ") == .fixed(.sextant))
        #expect(try SymbolChoice(parsing: "AUTO") == .auto)
        #expect(throws: SymbolChoiceError.unknown("braille")) { try SymbolChoice(parsing: "braille") }
        #expect(SymbolChoice.auto.resolve(drawsLegacySymbols: true) == .octant)
        #expect(SymbolChoice.auto.resolve(drawsLegacySymbols: false) == .half)
        #expect(SymbolChoice.auto.resolve(drawsLegacySymbols: true, octantsMeasured: false) == .sextant)
        #expect(SymbolChoice.fixed(.quadrant).resolve(drawsLegacySymbols: false) == .quadrant)
        // A hostile value is shown without its control characters.
        #expect(SymbolChoiceError.unknown("x\u{1B}[2J").description == "symbols must be half, quadrant, sextant, octant or auto, not \"x[2J\"")
    }
}
