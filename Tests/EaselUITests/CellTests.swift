import Foundation
import Testing

@testable import EaselUI

@Suite("Cells")
struct CellTests {
    @Test func aCellIsPlainDataSoFramesCopyAndCompareWithoutReferenceCounting() {
        #expect(_isPOD(Cell.self), "a grid of 10,000 cells is copied and compared every frame")
    }

    @Test func everyKindOfGraphemeComesBackAsDrawn() {
        let graphemes: [Character] = [
            "a", " ", "é", "e\u{301}", "界", "🙂", "👩‍👩‍👧", "🇫🇷", "\u{10FFFF}", "\u{FFFD}",
            "\u{10EEEE}\u{FE0F}", "a\u{301}\u{302}\u{303}",
        ]
        for grapheme in graphemes {
            let cell = Cell(.grapheme(grapheme), style: .text)
            #expect(cell.character.map { Array($0.unicodeScalars) } == Array(grapheme.unicodeScalars), "\(grapheme)")
            #expect(!cell.isContinuation)
            #expect(cell.scalar == (grapheme.unicodeScalars.count == 1 ? grapheme.unicodeScalars.first : nil))
        }
        let continuation = Cell(.continuation, style: .text)
        #expect(continuation.isContinuation && continuation.character == nil && continuation.scalar == nil)
        #expect(continuation.content == .continuation)
    }

    @Test func cellsAreEqualWhenTheyHoldTheSameScalarsInTheSameStyle() {
        #expect(Cell(.grapheme("👩‍👩‍👧"), style: .text) == Cell(.grapheme("👩‍👩‍👧"), style: .text))
        #expect(Cell(.grapheme("👩‍👩‍👧"), style: .text) != Cell(.grapheme("👩‍👩‍👦"), style: .text))
        #expect(Cell(.grapheme("👩‍👩‍👧"), style: .text) != Cell(.grapheme("👩‍👩‍👧"), style: CellStyle(.accent)))
        #expect(Cell(.grapheme("x"), style: .text) == Cell(ascii: 0x78, style: .text))
        #expect(Cell(.grapheme(" "), style: .text) == .blank(.text))
        // The same text in another normal form is drawn with other scalars, so it is another cell
        // (the terminal is sent what was drawn, byte for byte).
        let decomposed = Cell(.grapheme("o\u{308}\u{301}"), style: .text)
        #expect(decomposed.character.map { Array($0.unicodeScalars) } == ["o", "\u{308}", "\u{301}"])
        #expect(decomposed != Cell(.grapheme("\u{F6}\u{301}"), style: .text))
    }

    @Test func settingTheContentReplacesTheGrapheme() {
        var cell = Cell(.grapheme("a"), style: .text)
        cell.content = .grapheme("🇫🇷")
        #expect(cell.character == "🇫🇷")
        cell.content = .continuation
        #expect(cell.isContinuation)
        cell.content = .grapheme("b")
        #expect(cell.scalar == "b")
    }

    @Test func theClusterTableStopsGrowingAtItsCapacity() {
        let table = ClusterTable(capacity: 3)
        let first = table.number(for: "e\u{301}")
        let second = table.number(for: "👩‍👩‍👧")
        #expect(first != second && first != 0 && second != 0)
        #expect(table.number(for: "e\u{301}") == first, "a cluster seen before keeps its number")
        #expect(table.number(for: "🇫🇷") == 0, "past the capacity a new cluster is U+FFFD")
        #expect(table.cluster(0) == "\u{FFFD}")
        #expect(Array(table.cluster(second).unicodeScalars) == Array("👩‍👩‍👧".unicodeScalars))
        #expect(table.cluster(999) == "\u{FFFD}", "a number never given")
    }
}

@Suite("A history image's format, from its name")
struct ImageFormatNameTests {
    @Test func pathsReadAsNSStringReadsThem() {
        let paths = [
            "/home/u/images/a.png", "/home/u/images/a.b.JPG", "relative/pic.webp", "/no/extension", "/dir.d/file",
            "/trailing/slash.png/", "/.hidden", "/x/.config.json", "name.", "", "/", "a.tar.gz", "/é/ü.jpeg",
        ]
        for path in paths {
            #expect(ViewerImage.fileExtension(of: path) == (path as NSString).pathExtension, "\(path)")
        }
    }

    @Test func aURLsQueryAndFragmentAreNotPartOfIt() {
        #expect(ViewerImage.fileExtension(of: "https://cdn.example/i/abc.png?sig=a.b/c") == "png")
        #expect(ViewerImage.fileExtension(of: "https://cdn.example/i/abc.webp#x") == "webp")
        #expect(ViewerImage.fileExtension(of: "https://cdn.example/i/abc") == "")
    }
}

@Suite("Trimming the search box")
struct TrimmedOfWhitespaceTests {
    @Test func trimsWhatFoundationTrims() {
        let texts = ["", " ", "  fox  ", "\tcafe dusk\t", "fox\u{3000}", "\u{A0}snow", "a b", " é ", "e\u{301} ", "\u{2003}x\u{2003}"]
        for text in texts {
            #expect(String(text.trimmedOfWhitespace) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}
