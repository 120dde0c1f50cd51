import Testing

@testable import EaselTerminal

/// What is written for a cell when the C library and the grid agree or disagree on widths.
@Suite struct CellGlyphTests {
    /// A stand-in wcwidth: 漢 and 😀 are 2, combining marks and joiners 0, 🫨 unknown (-1),
    /// regional indicators 1 (glibc's answers), the rest 1.
    static func libcWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x6F22, 0x1F600, 0x1F468, 0x1F469: 2
        case 0x0301, 0x200D, 0xFE0F: 0
        case 0x1FAE8: -1
        default: 1
        }
    }

    func glyph(_ character: Character, columns: Int) -> CellGlyph {
        CellGlyph.forCharacter(character, columns: columns, libcWidth: Self.libcWidth)
    }

    @Test func agreeingCharactersPassThrough() {
        #expect(glyph("a", columns: 1) == CellGlyph(scalars: ["a"], padsRightHalf: false))
        #expect(glyph("漢", columns: 2) == CellGlyph(scalars: ["漢"], padsRightHalf: false))
        #expect(glyph("e\u{301}", columns: 1) == CellGlyph(scalars: ["e", "\u{301}"], padsRightHalf: false))
    }

    @Test func wideInGridButNarrowForLibcIsReplacedAndPadded() {
        #expect(glyph("🇺🇸", columns: 2) == CellGlyph(scalars: [CellGlyph.replacement], padsRightHalf: true))
    }

    @Test func unknownToLibcIsReplaced() {
        #expect(glyph("🫨", columns: 2) == CellGlyph(scalars: [CellGlyph.replacement], padsRightHalf: true))
        #expect(glyph("x", columns: 2).padsRightHalf)
    }

    @Test func zwjSequenceKeepsOnlyItsFirstSpacingScalarWithoutADanglingJoiner() {
        #expect(glyph("👨‍👩", columns: 2) == CellGlyph(scalars: ["\u{1F468}"], padsRightHalf: false))
    }

    @Test func longClustersAreCutToCcharCapacity() {
        let many = Character("e" + String(repeating: "\u{301}", count: 8))
        #expect(glyph(many, columns: 1).scalars.count == CellGlyph.scalarCapacity)
    }

    @Test func terminfoPaddingIsStripped() {
        #expect(TerminfoText.strippingPadding("\u{1B}[?5h$<100/>\u{1B}[?5l") == "\u{1B}[?5h\u{1B}[?5l")
        #expect(TerminfoText.strippingPadding("plain$<") == "plain$<")
    }

    @Test func windowTitlesLoseControlsAndNeedAnXtermLikeTerminal() {
        #expect(WindowTitle.sanitized("a\u{07}b\u{1B}]52;c\u{9C}d") == "ab]52;cd")
        #expect(WindowTitle.isSupported(term: "tmux-256color", hasStatusLine: false))
        #expect(!WindowTitle.isSupported(term: "linux", hasStatusLine: false))
        #expect(WindowTitle.isSupported(term: "vt100", hasStatusLine: true))
    }

    @Test func timeoutsRoundUpToMilliseconds() {
        #expect(Terminal.wholeMilliseconds(roundingUp: .microseconds(1)) == 1)
        #expect(Terminal.wholeMilliseconds(roundingUp: .seconds(2)) == 2000)
        #expect(Terminal.wholeMilliseconds(roundingUp: .zero) == 0)
        #expect(Terminal.wholeMilliseconds(roundingUp: .milliseconds(-5)) == 0)
    }
}
