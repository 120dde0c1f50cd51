import EaselGraphics
import EaselPixels
import Testing

/// Unicode placeholder mode: the virtual placement and the placeholder grid.
struct KittyPlaceholderTests {
    @Test func theDiacriticTableIsKittys() {
        #expect(KittyPlaceholder.maximumSpan == 297)
        #expect(KittyPlaceholder.diacritic(0) == "\u{0305}")
        #expect(KittyPlaceholder.diacritic(1) == "\u{030D}")
        #expect(KittyPlaceholder.diacritic(2) == "\u{030E}")
        #expect(KittyPlaceholder.diacritic(5) == "\u{033D}")
        #expect(KittyPlaceholder.diacritic(17) == "\u{0363}")
        #expect(KittyPlaceholder.diacritic(296) == "\u{1D244}")
        // Strictly increasing and all combining marks of class 230 ("above").
        let values = (0..<297).map { KittyPlaceholder.diacritic($0).value }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        #expect((0..<297).allSatisfy { KittyPlaceholder.diacritic($0).properties.canonicalCombiningClass == .above })
    }

    @Test func transmitCreatesAVirtualPlacement() throws {
        let commands = try KittyPlaceholder.transmit(.png(KittyGraphicsTests.bigPayload), imageID: 42, columns: 30, rows: 12)
        let parsed = try #require(KittyCommand.parseAll(commands.flatMap { $0 }))
        #expect(parsed[0].keys == ["a": "T", "U": "1", "f": "100", "t": "d", "i": "42", "c": "30", "r": "12", "q": "2", "m": "1"])
        #expect(parsed.dropFirst().allSatisfy { Set($0.keys.keys) == ["m", "q"] })
        #expect(KittyCommand.decodedPayload(parsed) == KittyGraphicsTests.bigPayload)
    }

    @Test func gridCellsCarryRowAndColumnDiacritics() throws {
        let bytes = try KittyPlaceholder.grid(imageID: 42, columns: 3, rows: 2, indent: 1)
        let lines = bytes.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        for (row, line) in lines.prefix(2).enumerated() {
            #expect(line.hasPrefix(" \u{1B}[38;5;42m"))
            #expect(line.hasSuffix("\u{1B}[39m"))
            let cells = Array(line.dropFirst(" \u{1B}[38;5;42m".count).dropLast("\u{1B}[39m".count).unicodeScalars)
            #expect(cells.count == 9)
            for column in 0..<3 {
                #expect(cells[3 * column] == "\u{10EEEE}")
                #expect(cells[3 * column + 1] == KittyPlaceholder.diacritic(row), "row \(row)")
                #expect(cells[3 * column + 2] == KittyPlaceholder.diacritic(column), "column \(column)")
            }
        }
        // Row 0 is U+0305; column 1 is U+030D.
        #expect(Array(lines[0].unicodeScalars.suffix(3 + 5).prefix(3)).map(\.value) == [0x10EEEE, 0x0305, 0x030E])
        #expect(KittyPlaceholder.cellText(row: 0, column: 1, imageID: 42).unicodeScalars.map(\.value) == [0x10EEEE, 0x0305, 0x030D])
    }

    @Test func largeIdsUseDirectColourAndATopByteDiacritic() throws {
        #expect(KittyPlaceholder.foreground(imageID: 200) == .palette(200))
        #expect(KittyPlaceholder.foreground(imageID: 0x12_3456) == .rgb(RGBColor(0x12, 0x34, 0x56)))
        let grid = try KittyPlaceholder.grid(imageID: 0x12_3456, columns: 1, rows: 1)
        #expect(grid.text == "\u{1B}[38;2;18;52;86m\u{10EEEE}\u{0305}\u{0305}\u{1B}[39m\n")
        let wide = try KittyPlaceholder.grid(imageID: 0x0100_0005, columns: 1, rows: 1)
        #expect(wide.text == "\u{1B}[38;2;0;0;5m\u{10EEEE}\u{0305}\u{0305}\u{030D}\u{1B}[39m\n")
        #expect(KittyPlaceholder.cellText(row: 2, column: 0, imageID: 0x0300_0000).unicodeScalars.map(\.value) == [0x10EEEE, 0x030E, 0x0305, 0x0310])
    }

    @Test func oversizedOrEmptyPlacementsAreRefused() {
        #expect(throws: GraphicsError.placementTooLarge(columns: 298, rows: 1, limit: 297)) {
            try KittyPlaceholder.grid(imageID: 1, columns: 298, rows: 1)
        }
        #expect(throws: GraphicsError.invalidPlacement(columns: 0, rows: 4)) {
            try KittyPlaceholder.transmit(.png([1]), imageID: 1, columns: 0, rows: 4)
        }
        #expect(throws: GraphicsError.invalidImageID(0)) { try KittyPlaceholder.grid(imageID: 0, columns: 1, rows: 1) }
    }
}
