import EaselCore
import EaselUI
import Testing

@testable import EaselTerminal

/// The text layer's own output, held to what a terminal makes of it: a small xterm-like screen
/// (`ScreenModel`) runs the bytes, and must then show exactly the new grid, whatever the two
/// grids were and whatever order the writer chose.
struct FrameWriterTests {
    static let styles: [CellStyle] = [
        CellStyle(.text), CellStyle(.accent), CellStyle(.dimText), CellStyle(.selection),
        CellStyle(.title, attributes: .bold), CellStyle(.error, attributes: .underline), CellStyle(.border, attributes: .reverse),
        CellStyle(.success),
    ]

    /// Colour numbers per role as a 256-colour theme would give them; `.success` keeps the
    /// terminal's own colours, to exercise `op`.
    static func ink(_ style: CellStyle) -> Ink {
        let numbers: (Int32, Int32) =
            switch style.role {
            case .accent: (141, 235)
            case .dimText: (246, 235)
            case .selection: (254, 60)
            case .title: (3, 235)
            case .error: (210, 235)
            case .border: (12, 235)
            case .success: (-1, -1)
            default: (254, 235)
            }
        return Ink(attributes: style.attributes, foreground: numbers.0, background: numbers.1)
    }

    static func writer(_ sequences: DrawingSequences = .xterm) -> FrameWriter {
        FrameWriter(sequences: sequences, libcWidth: { CharacterWidth.of(String($0)) })
    }

    /// A grid of random words in random styles, with wide characters and long blank stretches.
    static func randomGrid(width: Int, height: Int, random: inout SplitMix64) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let words = ["lighthouse", "fox", "·", "あい", "cafe", "  ", "dusk", "東京", "x", String(repeating: " ", count: 15)]
        for y in 0..<height {
            var x = Int(random.next() % 3)
            while x < width {
                let word = words[Int(random.next() % UInt64(words.count))]
                let style = styles[Int(random.next() % UInt64(styles.count))]
                x += grid.put(word, x: x, y: y, style: style) + Int(random.next() % 2)
            }
        }
        return grid
    }

    /// `grid` with a few random rows rewritten and a few single cells changed.
    static func edited(_ grid: CellGrid, random: inout SplitMix64) -> CellGrid {
        var next = grid
        let words = ["snow", "·", "あ", "q", "harbour at noon", "  "]
        for _ in 0..<(1 + Int(random.next() % 6)) {
            let y = Int(random.next() % UInt64(grid.height))
            let x = Int(random.next() % UInt64(grid.width))
            let style = styles[Int(random.next() % UInt64(styles.count))]
            next.put(words[Int(random.next() % UInt64(words.count))], x: x, y: y, style: style)
        }
        if random.next() % 3 == 0 {
            let y = Int(random.next() % UInt64(grid.height))
            next.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: styles[Int(random.next() % 8)])
            next.put("a whole new row", x: 2, y: y, style: styles[Int(random.next() % 8)])
        }
        return next
    }

    @Test("whatever two frames, the screen ends showing the second, in either order of runs")
    func screensMatchTheGrid() throws {
        var random = SplitMix64(seed: 17)
        for round in 0..<200 {
            let width = 20 + Int(random.next() % 60)
            let height = 3 + Int(random.next() % 12)
            var writer = Self.writer()
            var screen = ScreenModel(width: width, height: height)
            var frame = Self.randomGrid(width: width, height: height, random: &random)
            try screen.run(writer.frame(from: nil, to: frame, columns: width, rows: height, ink: Self.ink))
            #expect(screen.mismatch(with: frame, ink: Self.ink) == nil, "round \(round), first frame")
            for step in 0..<4 {
                let next = Self.edited(frame, random: &random)
                try screen.run(writer.frame(from: frame, to: next, columns: width, rows: height, ink: Self.ink))
                if let mismatch = screen.mismatch(with: next, ink: Self.ink) {
                    Issue.record("round \(round), step \(step): \(mismatch)")
                    return
                }
                frame = next
            }
        }
    }

    @Test("a changed cell costs a move and its character; the pen carries over between frames")
    func oneCellIsAFewBytes() throws {
        var writer = Self.writer()
        var grid = CellGrid(width: 40, height: 5)
        grid.put("harbour at noon", x: 2, y: 1, style: CellStyle(.text))
        _ = writer.frame(from: nil, to: grid, columns: 40, rows: 5, ink: Self.ink)
        var next = grid
        next.put("d", x: 13, y: 1, style: CellStyle(.text))
        // The pen is still the text's from the last frame.
        let bytes = writer.frame(from: grid, to: next, columns: 40, rows: 5, ink: Self.ink)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[2;14Hd")
        #expect(writer.frame(from: next, to: next, columns: 40, rows: 5, ink: Self.ink).isEmpty)
    }

    @Test("only the colour that changes is sent, and runs of one ink share one pen change")
    func onlyWhatChangesInThePen() throws {
        var writer = Self.writer()
        let grid = CellGrid(width: 60, height: 6)
        _ = writer.frame(from: nil, to: grid, columns: 60, rows: 6, ink: Self.ink)
        var next = grid
        for y in [0, 2, 4] {
            next.put("fox", x: 5, y: y, style: CellStyle(.accent))
            next.put("dusk", x: 40, y: y, style: CellStyle(.dimText))
        }
        let text = String(decoding: writer.frame(from: grid, to: next, columns: 60, rows: 6, ink: Self.ink), as: UTF8.self)
        // Six runs in two inks: each foreground once, the shared background never again.
        #expect(text.components(separatedBy: "38;5;141m").count - 1 == 1)
        #expect(text.components(separatedBy: "38;5;246m").count - 1 == 1)
        #expect(!text.contains("48;5;"))
        var screen = ScreenModel(width: 60, height: 6)
        var fresh = Self.writer()
        try screen.run(fresh.frame(from: nil, to: grid, columns: 60, rows: 6, ink: Self.ink))
        try screen.run(Array(text.utf8))
        #expect(screen.mismatch(with: next, ink: Self.ink) == nil)
    }

    @Test("stale cells are rewritten though unchanged; protected ones are never bridged over")
    func staleAndProtectedCells() throws {
        var random = SplitMix64(seed: 5)
        let grid = Self.randomGrid(width: 50, height: 8, random: &random)
        var writer = Self.writer()
        var screen = ScreenModel(width: 50, height: 8)
        try screen.run(writer.frame(from: nil, to: grid, columns: 50, rows: 8, ink: Self.ink))
        // An image's pixels over some cells, as the screen model sees it.
        let image = Rect(x: 10, y: 2, width: 12, height: 3)
        screen.scribble(over: image)
        try screen.run(writer.frame(from: grid, to: grid, columns: 50, rows: 8, stale: [image], ink: Self.ink))
        #expect(screen.mismatch(with: grid, ink: Self.ink) == nil)

        // Cells left and right of a protected stretch change; the stretch is not written.
        var plain = CellGrid(width: 50, height: 8)
        for y in 0..<8 { plain.put(String(repeating: "lighthouse ", count: 5), x: 0, y: y, style: CellStyle(.text)) }
        try screen.run(writer.frame(from: grid, to: plain, columns: 50, rows: 8, ink: Self.ink))
        var next = plain
        // Two changes two cells apart, which the writer bridges anywhere else (see below).
        next.put("a", x: 9, y: 3, style: CellStyle(.text))
        next.put("b", x: 12, y: 3, style: CellStyle(.text))
        screen.written = []
        try screen.run(writer.frame(from: plain, to: next, columns: 50, rows: 8, protected: [Rect(x: 10, y: 3, width: 12, height: 1)], ink: Self.ink))
        #expect(screen.mismatch(with: next, ink: Self.ink) == nil)
        #expect(screen.written == [ScreenModel.Spot(row: 3, column: 9), ScreenModel.Spot(row: 3, column: 12)])
        screen.written = []
        try screen.run(writer.frame(from: next, to: plain, columns: 50, rows: 8, ink: Self.ink))
        #expect(screen.written == (9...12).map { ScreenModel.Spot(row: 3, column: $0) })
    }

    @Test("the bottom-right cell is left alone where writing it would scroll the screen")
    func lastCellOnAutoMarginTerminals() throws {
        var sequences = DrawingSequences.xterm
        sequences.writesLastCell = false
        var writer = Self.writer(sequences)
        var grid = CellGrid(width: 10, height: 3)
        grid.put("0123456789", x: 0, y: 2, style: CellStyle(.accent))
        var screen = ScreenModel(width: 10, height: 3)
        try screen.run(writer.frame(from: nil, to: grid, columns: 10, rows: 3, ink: Self.ink))
        #expect(!screen.written.contains(ScreenModel.Spot(row: 2, column: 9)))
        #expect(screen.written.contains(ScreenModel.Spot(row: 2, column: 8)))
    }

    @Test("long blank stretches are erased with ech where the terminal erases in colour")
    func blanksAreErased() throws {
        var grid = CellGrid(width: 80, height: 2)
        grid.put("left", x: 0, y: 0, style: CellStyle(.text))
        grid.put("right", x: 70, y: 0, style: CellStyle(.text))
        var withErase = Self.writer()
        let erased = withErase.frame(from: nil, to: grid, columns: 80, rows: 2, ink: Self.ink)
        var sequences = DrawingSequences.xterm
        sequences.eraseCharacters = nil
        var withSpaces = Self.writer(sequences)
        let spaced = withSpaces.frame(from: nil, to: grid, columns: 80, rows: 2, ink: Self.ink)
        #expect(erased.count < spaced.count / 2)
        for bytes in [erased, spaced] {
            var screen = ScreenModel(width: 80, height: 2)
            try screen.run(bytes)
            #expect(screen.mismatch(with: grid, ink: Self.ink) == nil)
        }
    }

    @Test("controls in a cell never reach the terminal")
    func controlsAreReplaced() throws {
        var grid = CellGrid(width: 20, height: 2)
        grid.put("a\u{1B}[2Jb", x: 0, y: 0, style: CellStyle(.text))
        var writer = Self.writer()
        let bytes = writer.frame(from: nil, to: grid, columns: 20, rows: 2, ink: Self.ink)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\u{1B}[2J") && text.contains("a\u{241B}[2Jb"))
    }
}

/// Just enough of xterm to check the writer: CUP, HPA, ECH, SGR (the sequences
/// `DrawingSequences.xterm` sends), UTF-8 text with wide characters, and deferred wrapping
/// (printing while a wrap is pending is an error: the writer must move first).
struct ScreenModel {
    struct Spot: Hashable {
        var row: Int
        var column: Int
    }

    struct Shown: Equatable {
        var text: String
        var ink: Ink
    }

    enum Failure: Error {
        case printedWithWrapPending(Spot)
        case unknownSequence(String)
        case outside(Spot)
    }

    let width: Int
    let height: Int
    var cells: [[Shown]]
    var pen = Ink.plain
    var cursor = Spot(row: 0, column: 0)
    var wrapPending = false
    /// Every cell a character was printed into (or erased), in order.
    var written: [Spot] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: Shown(text: " ", ink: .plain), count: width), count: height)
    }

    mutating func scribble(over rect: Rect) {
        for y in rect.minY..<rect.maxY {
            for x in rect.minX..<rect.maxX { cells[y][x] = Shown(text: "?", ink: .plain) }
        }
    }

    mutating func run(_ bytes: [UInt8]) throws {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x1B {
                index = try escape(bytes, from: index)
                continue
            }
            // One UTF-8 character.
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            let scalar = text.unicodeScalars.first!
            if scalar.properties.generalCategory == .nonspacingMark, cursor.column > 0 {
                cells[cursor.row][cursor.column - 1].text += text
            } else {
                try print(text, columns: CharacterWidth.of(text))
            }
            index = end
        }
    }

    private mutating func print(_ text: String, columns: Int) throws {
        if wrapPending { throw Failure.printedWithWrapPending(cursor) }
        guard cursor.column + columns <= width else { throw Failure.outside(cursor) }
        cells[cursor.row][cursor.column] = Shown(text: text, ink: pen)
        written.append(cursor)
        if columns == 2 { cells[cursor.row][cursor.column + 1] = Shown(text: "", ink: pen) }
        if cursor.column + columns == width {
            cursor.column = width - 1
            wrapPending = true
        } else {
            cursor.column += columns
        }
    }

    private mutating func escape(_ bytes: [UInt8], from start: Int) throws -> Int {
        guard start + 1 < bytes.count else { throw Failure.unknownSequence("ESC at the end") }
        if bytes[start + 1] == UInt8(ascii: "(") { return start + 3 }  // a charset: ignored
        guard bytes[start + 1] == UInt8(ascii: "[") else { throw Failure.unknownSequence("ESC \(bytes[start + 1])") }
        var end = start + 2
        while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
        let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        switch bytes[end] {
        case UInt8(ascii: "H"):
            cursor = Spot(row: max(1, numbers.first ?? 1) - 1, column: max(1, numbers.count > 1 ? numbers[1] : 1) - 1)
            wrapPending = false
        case UInt8(ascii: "G"):
            cursor.column = max(1, numbers.first ?? 1) - 1
            wrapPending = false
        case UInt8(ascii: "X"):
            for x in cursor.column..<min(width, cursor.column + max(1, numbers.first ?? 1)) {
                cells[cursor.row][x] = Shown(text: " ", ink: Ink(attributes: [], foreground: pen.foreground, background: pen.background))
                written.append(Spot(row: cursor.row, column: x))
            }
        case UInt8(ascii: "m"):
            try sgr(parameters.isEmpty ? [0] : numbers)
        default:
            throw Failure.unknownSequence(parameters + String(UnicodeScalar(bytes[end])))
        }
        return end + 1
    }

    private mutating func sgr(_ numbers: [Int]) throws {
        var index = 0
        while index < numbers.count {
            let number = numbers[index]
            switch number {
            case 0: pen = .plain
            case 1: pen.attributes.insert(.bold)
            case 2: pen.attributes.insert(.dim)
            case 4: pen.attributes.insert(.underline)
            case 7: pen.attributes.insert(.reverse)
            case 30...37: pen.foreground = Int32(number - 30)
            case 40...47: pen.background = Int32(number - 40)
            case 90...97: pen.foreground = Int32(number - 90 + 8)
            case 100...107: pen.background = Int32(number - 100 + 8)
            case 39: pen.foreground = -1
            case 49: pen.background = -1
            case 38, 48:
                guard index + 2 < numbers.count, numbers[index + 1] == 5 else { throw Failure.unknownSequence("SGR \(numbers)") }
                if number == 38 { pen.foreground = Int32(numbers[index + 2]) } else { pen.background = Int32(numbers[index + 2]) }
                index += 2
            default: throw Failure.unknownSequence("SGR \(number)")
            }
            index += 1
        }
    }

    /// Where the screen differs from `grid` drawn in `ink`, or nil. Blanks compare by
    /// background alone (an erased cell has no attributes or foreground to show).
    func mismatch(with grid: CellGrid, ink: (CellStyle) -> Ink) -> String? {
        for y in 0..<height {
            for x in 0..<width {
                let cell = grid[x: x, y: y]
                let shown = cells[y][x]
                if cell.isContinuation {
                    if shown.text != "" { return "(\(x), \(y)) should continue a wide character, shows \(shown.text)" }
                    continue
                }
                let expected = ink(cell.style)
                let text = cell.character.map(String.init) ?? " "
                let glyph = CellGlyph.forCharacter(Character(text), columns: CharacterWidth.of(text)) { CharacterWidth.of(String($0)) }
                let expectedText = String(String.UnicodeScalarView(glyph.scalars))
                guard shown.text == expectedText else { return "(\(x), \(y)) shows \(shown.text.debugDescription), not \(expectedText.debugDescription)" }
                let sameInk =
                    expectedText == " " && expected.attributes.isDisjoint(with: [.underline, .reverse])
                    ? shown.ink.background == expected.background : shown.ink == expected
                guard sameInk else { return "(\(x), \(y)) \(expectedText.debugDescription) drawn in \(shown.ink), not \(expected)" }
            }
        }
        return nil
    }
}
