import EaselCore
import Testing

@testable import EaselUI

/// Every continuation must sit right of a wide character and every wide character must have
/// one; the backend relies on this to never write half a glyph.
private func expectWidePairsIntact(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<grid.height {
        for x in 0..<grid.width {
            let cell = grid[x: x, y: y]
            if cell.isContinuation {
                let left = x > 0 ? grid[x: x - 1, y: y].character.map { CharacterWidth.of($0) } : nil
                #expect(left == 2, "orphan continuation at (\(x), \(y))", sourceLocation: sourceLocation)
            } else if let character = cell.character, CharacterWidth.of(character) == 2 {
                let right = x + 1 < grid.width && grid[x: x + 1, y: y].isContinuation
                #expect(right, "wide character without continuation at (\(x), \(y))", sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite("Character width")
struct CharacterWidthTests {
    @Test func widthTable() {
        let table: [(String, Character, Int)] = [
            ("ASCII letter", "a", 1),
            ("space", " ", 1),
            ("é composed", "\u{E9}", 1),
            ("é decomposed", "e\u{301}", 1),
            ("CJK ideograph", "漢", 2),
            ("Hangul syllable", "한", 2),
            ("Hangul jamo L+V+T", "\u{1100}\u{1161}\u{11A8}", 2),
            ("fullwidth A", "Ａ", 2),
            ("halfwidth katakana", "ｱ", 1),
            ("ideographic space", "\u{3000}", 2),
            ("half-fill space U+303F", "\u{303F}", 1),
            ("emoji", "😀", 2),
            ("emoji with skin tone", "👍🏽", 2),
            ("flag", "🇫🇷", 2),
            ("ZWJ family", "👨‍👩‍👧", 2),
            ("text heart with VS16", "\u{2764}\u{FE0F}", 2),
            ("text heart", "\u{2764}", 1),
            ("thermometer, text-style in the emoji block", "\u{1F321}", 1),
            ("combining acute alone", "\u{301}", 0),
            ("combining marks only", "\u{301}\u{308}", 0),
            ("zero-width space", "\u{200B}", 0),
            ("escape", "\u{1B}", 0),
            ("ellipsis", "…", 1),
            ("CJK extension B", "\u{20000}", 2),
        ]
        for (name, character, expected) in table {
            #expect(CharacterWidth.of(character) == expected, "\(name)")
        }
    }

    @Test func stringWidthIsTheSumOfItsGraphemes() {
        #expect(CharacterWidth.of("abc") == 3)
        #expect(CharacterWidth.of("漢字ab") == 6)
        #expect(CharacterWidth.of("e\u{301}👨‍👩‍👧🇫🇷") == 5)
        #expect(CharacterWidth.of("") == 0)
    }

    /// Scalars `simpleWidth` answers for are measured one at a time; every string made of
    /// them, next to any other scalar, must measure as its graphemes do. The pool takes in the
    /// edges of each range and their neighbours: marks that would join a scalar (U+0300, U+20D0,
    /// VS16, skin tones, ZWJ), wide symbols (⌚ U+231A, ⭐ U+2B50), controls and separators.
    static let widthPool: [Unicode.Scalar] = [
        0x20, 0x41, 0x7E, 0x7F, 0x85, 0x9F, 0xA0, 0xAD, 0xB7, 0xE9, 0x2FF, 0x300, 0x301, 0x36F,
        0x0A, 0x0D, 0x09, 0x1B, 0x200B, 0x200D, 0x200E, 0x2010, 0x2026, 0x2028, 0x202E, 0x202F,
        0x2060, 0x2066, 0x20AC, 0x20CF, 0x20D0, 0x20E3, 0x20FF, 0x2190, 0x231A, 0x2500, 0x2588,
        0x25B8, 0x25FD, 0x2600, 0x2614, 0x2764, 0x2B50, 0x2BFF, 0x2C00, 0xFE0F, 0x1F3FB, 0x1F1EB,
        0x1F1F7, 0x4E00, 0xAC00, 0x1161, 0x0915, 0x093F,
    ].compactMap { Unicode.Scalar(UInt32($0)) }

    @Test func simpleScalarsMeasureAsTheirGraphemes() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<4000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                scalars.append(Self.widthPool.randomElement(using: &generator)!)
            }
            let text = String(scalars)
            #expect(CharacterWidth.of(text) == text.reduce(0) { $0 + CharacterWidth.of($1) }, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

@Suite("Cell grid")
struct CellGridTests {
    @Test func startsAsBackgroundSpaces() {
        let grid = CellGrid(width: 3, height: 2)
        #expect(grid.lines == ["   ", "   "])
        #expect(grid.styleMap == ["...", "..."])
        #expect(grid[x: 2, y: 1] == .blank(.background))
    }

    /// Printable ASCII takes a path of its own (a cell per byte); it must lay text out exactly
    /// as the grapheme path does, at every start column (off either edge) and width limit.
    @Test func asciiIsLaidOutAsTheGraphemePathLaysItOut() {
        let style = CellStyle(.accent)
        for text in ["", "a", "hello world", String(repeating: "xy", count: 9), "~!{}|"] {
            for x in -4...12 {
                for maxWidth in [nil, 0, 1, 3, 20] as [Int?] {
                    var fast = CellGrid(width: 10, height: 2)
                    var slow = fast
                    // A wide character already there: overwriting half of it must blank the other.
                    _ = fast.put("漢字漢字漢", x: 0, y: 1, style: style)
                    _ = slow.put("漢字漢字漢", x: 0, y: 1, style: style)
                    let fastUsed = fast.put(text, x: x, y: 1, style: style, maxWidth: maxWidth)
                    let slowUsed = slow.put(text, x: x, y: 1, style: style, maxWidth: maxWidth, byGraphemes: true)
                    #expect(fastUsed == slowUsed, "\(text) at \(x), max \(String(describing: maxWidth))")
                    #expect(fast == slow, "\(text) at \(x), max \(String(describing: maxWidth))")
                }
            }
        }
    }

    /// Text of scalars that are graphemes of their own takes a path of its own too; it must
    /// draw what the grapheme path draws, in any mix with other scalars, off either edge.
    @Test func simpleScalarsAreLaidOutAsTheGraphemePathLaysThemOut() {
        var generator = SplitMix64(seed: 5)
        let style = CellStyle(.accent)
        for _ in 0..<1500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                scalars.append(CharacterWidthTests.widthPool.randomElement(using: &generator)!)
            }
            let text = String(scalars)
            let x = Int.random(in: -3...9, using: &generator)
            let maxWidth = [nil, 0, 2, 5].randomElement(using: &generator)!
            var fast = CellGrid(width: 10, height: 1)
            var slow = fast
            let fastUsed = fast.put(text, x: x, y: 0, style: style, maxWidth: maxWidth)
            let slowUsed = slow.put(text, x: x, y: 0, style: style, maxWidth: maxWidth, byGraphemes: true)
            let shown = text.unicodeScalars.map { String($0.value, radix: 16) }
            #expect(fastUsed == slowUsed, "\(shown) at \(x)")
            #expect(fast == slow, "\(shown) at \(x)")
        }
    }

    /// `put(repeating:)` draws what `put` of the repeated string draws, clipped the same way;
    /// a wide or unsafe grapheme goes through `put` itself.
    @Test func repeatingAGraphemeDrawsWhatTheStringWould() {
        let style = CellStyle(.border)
        for grapheme in ["─", "a", "漢", "\u{1B}"] as [Character] {
            for x in -3...9 {
                for count in [0, 1, 4, 12] {
                    var repeated = CellGrid(width: 8, height: 1)
                    var string = repeated
                    repeated.put(repeating: grapheme, count: count, x: x, y: 0, style: style)
                    string.put(String(repeating: grapheme, count: count), x: x, y: 0, style: style)
                    #expect(repeated == string, "\(grapheme) ×\(count) at \(x)")
                }
            }
        }
    }

    @Test func putLaysGraphemesLeftToRight() {
        var grid = CellGrid(width: 8, height: 1)
        let used = grid.put("he\u{301}llo", x: 1, y: 0, style: CellStyle(.accent, attributes: .bold))
        #expect(used == 5)
        #expect(grid.lines == [" he\u{301}llo  "])
        #expect(grid.styleMap == [".aaaaa.."])
        #expect(grid[x: 2, y: 0].style.attributes == .bold)
    }

    @Test func putClipsAtTheEdgeAndAtMaxWidth() {
        var grid = CellGrid(width: 5, height: 2)
        #expect(grid.put("abcdefgh", x: 2, y: 0, style: .text) == 3)
        #expect(grid.put("abcdefgh", x: 0, y: 1, style: .text, maxWidth: 2) == 2)
        #expect(grid.lines == ["  abc", "ab   "])
        #expect(grid.put("zz", x: 9, y: 0, style: .text) == 0)
        #expect(grid.put("zz", x: 0, y: 7, style: .text) == 0)
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("ab漢", x: 1, y: 0, style: .text) == 3)
        #expect(grid.lines == [" ab "])
        #expect(grid.styleMap == [".ttt"])
        #expect(!grid[x: 3, y: 0].isContinuation)
        expectWidePairsIntact(grid)
    }

    @Test func wideCharacterThatFitsTakesTwoCells() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("a漢字", x: 0, y: 0, style: CellStyle(.title)) == 5)
        #expect(grid.lines == ["a漢字"])
        #expect(grid.styleMap == ["hhhhh"])
        #expect(grid[x: 2, y: 0].isContinuation)
        #expect(grid[x: 4, y: 0].isContinuation)
        expectWidePairsIntact(grid)
    }

    @Test func wideCharacterStraddlingTheLeftEdgeShowsOnlyASpace() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("漢ab", x: -1, y: 0, style: .text) == 4)
        #expect(grid.lines == [" ab "])
        expectWidePairsIntact(grid)
    }

    @Test func overwritingTheRightHalfBlanksTheLeft() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0, style: .text)
        grid.put("x", x: 1, y: 0, style: CellStyle(.error))
        #expect(grid.lines == [" x字  "])
        #expect(grid.styleMap == ["tett.."])
        expectWidePairsIntact(grid)
    }

    @Test func overwritingTheLeftHalfBlanksTheRight() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0, style: .text)
        grid.put("y", x: 2, y: 0, style: .text)
        #expect(grid.lines == ["漢y   "])
        expectWidePairsIntact(grid)
    }

    @Test func wideOverShiftedWideBlanksBothNeighbours() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢字", x: 0, y: 0, style: .text)
        grid.put("한", x: 1, y: 0, style: .text)
        #expect(grid.lines == [" 한   "])
        expectWidePairsIntact(grid)
    }

    @Test func fillCuttingAWideCharacterBlanksItsOtherHalf() {
        var grid = CellGrid(width: 6, height: 2)
        grid.put("漢字漢", x: 0, y: 0, style: .text)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 5), style: CellStyle(.selection))
        #expect(grid.lines == ["    漢", "      "])
        #expect(grid.styleMap == ["tssttt", ".ss..."])
        expectWidePairsIntact(grid)
    }

    @Test func controlsInPutShowAsStandIns() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.put("a\n\t\u{1B}[", x: 0, y: 0, style: .text) == 5)
        #expect(grid.lines == ["a␊␉␛[ "])
    }

    @Test func diffOfIdenticalGridsIsEmpty() {
        var grid = CellGrid(width: 10, height: 3)
        grid.put("hello 漢字", x: 0, y: 1, style: .text)
        #expect(grid.diff(from: grid).isEmpty)
    }

    @Test func oneChangedCellIsOneRun() {
        let before = CellGrid(width: 10, height: 3)
        var after = before
        after.put("x", x: 4, y: 2, style: .text)
        let runs = after.diff(from: before)
        #expect(runs == [CellRun(row: 2, column: 4, cells: [Cell(.grapheme("x"), style: .text)])])
    }

    @Test func styleOnlyChangeIsARun() {
        var before = CellGrid(width: 4, height: 1)
        before.put("ab", x: 0, y: 0, style: .text)
        var after = before
        after.put("b", x: 1, y: 0, style: CellStyle(.text, attributes: .reverse))
        #expect(after.diff(from: before).map(\.column) == [1])
    }

    @Test func runsCoverWholeWideCharacters() {
        var before = CellGrid(width: 6, height: 1)
        before.put("漢", x: 2, y: 0, style: .text)
        var after = before
        after.put("漢", x: 2, y: 0, style: CellStyle(.accent))
        let runs = after.diff(from: before)
        #expect(runs.count == 1)
        #expect(runs.first?.column == 2)
        #expect(runs.first?.cells.count == 2)
        #expect(runs.first?.cells.last?.isContinuation == true)
    }

    @Test func separateChangesOnARowAreSeparateRuns() {
        let before = CellGrid(width: 10, height: 1)
        var after = before
        after.put("a", x: 1, y: 0, style: .text)
        after.put("bc", x: 6, y: 0, style: .text)
        #expect(after.diff(from: before).map { [$0.column, $0.cells.count] } == [[1, 1], [6, 2]])
    }

    @Test func resizeRedrawsEveryRow() {
        let before = CellGrid(width: 10, height: 3)
        var after = CellGrid(width: 12, height: 4)
        after.put("x", x: 0, y: 0, style: .text)
        let runs = after.diff(from: before)
        #expect(runs.map(\.row) == [0, 1, 2, 3])
        #expect(runs.allSatisfy { $0.column == 0 && $0.cells.count == 12 })
    }
}

