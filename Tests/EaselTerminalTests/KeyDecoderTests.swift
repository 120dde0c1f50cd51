import CNcursesw
import EaselUI
import Testing

@testable import EaselTerminal

/// The key decoder, fed the values `wget_wch` would return; no terminal involved.
@Suite struct KeyDecoderTests {
    static let pasteStart: Int32 = 0x2100
    static let pasteEnd: Int32 = 0x2101
    static let altUpCode: Int32 = 0x2200

    func makeDecoder() -> KeyDecoder {
        var codes = KeyDecoder.Codes()
        codes.pasteStart = Self.pasteStart
        codes.pasteEnd = Self.pasteEnd
        codes.modifiedKeys[Self.altUpCode] = KeyPress(.up, [.alt])
        return KeyDecoder(codes: codes)
    }

    func decode(_ inputs: [RawKey]) -> [InputEvent] {
        var decoder = makeDecoder()
        return inputs.flatMap { decoder.decode($0) } + decoder.flush()
    }

    func characters(_ text: String) -> [RawKey] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test func printableCharactersIncludingWideAndAccented() {
        #expect(decode(characters("aé漢")) == [.key(.char("a")), .key(.char("é")), .key(.char("漢"))])
    }

    static let controlCases: [(UInt32, KeyPress)] = [
        (0x0D, KeyPress(.enter)),
        (0x0A, .ctrl("j")),
        (0x09, KeyPress(.tab)),
        (0x08, KeyPress(.backspace)),
        (0x7F, KeyPress(.backspace)),
        (0x01, .ctrl("a")),
        (0x17, .ctrl("w")),
        (0x1A, .ctrl("z")),
        (0x03, .ctrl("c")),
        (0x00, .ctrl(" ")),
        (0x1F, .ctrl("_")),
    ]

    @Test(arguments: controlCases)
    func controlCharacters(value: UInt32, expected: KeyPress) {
        #expect(decode([.character(value)]) == [.key(expected)])
    }

    @Test func everyCtrlLetterExceptTabEnterBackspaceAndLineFeed() {
        for value in UInt32(1)...26 where ![8, 9, 10, 13].contains(value) {
            let letter = Character(Unicode.Scalar(0x60 + value)!)
            #expect(decode([.character(value)]) == [.key(.ctrl(letter))], "byte \(value)")
        }
    }

    @Test func standardKeyCodes() {
        let expected: [(Int32, KeyPress)] = [
            (KEY_ENTER, KeyPress(.enter)), (KEY_BTAB, KeyPress(.tab, [.shift])),
            (KEY_BACKSPACE, KeyPress(.backspace)), (KEY_DC, KeyPress(.delete)),
            (KEY_IC, KeyPress(.insert)), (KEY_UP, KeyPress(.up)), (KEY_DOWN, KeyPress(.down)),
            (KEY_LEFT, KeyPress(.left)), (KEY_RIGHT, KeyPress(.right)), (KEY_HOME, KeyPress(.home)),
            (KEY_END, KeyPress(.end)), (KEY_A1, KeyPress(.home)), (KEY_C1, KeyPress(.end)),
            (KEY_PPAGE, KeyPress(.pageUp)), (KEY_NPAGE, KeyPress(.pageDown)),
            (KEY_A3, KeyPress(.pageUp)), (KEY_C3, KeyPress(.pageDown)),
            (KEY_SR, KeyPress(.up, [.shift])), (KEY_SF, KeyPress(.down, [.shift])),
            (KEY_SLEFT, KeyPress(.left, [.shift])), (KEY_SRIGHT, KeyPress(.right, [.shift])),
        ]
        for (code, press) in expected {
            #expect(decode([.keyCode(code)]) == [.key(press)], "code \(code)")
        }
    }

    @Test func functionKeysOneToTwelveAndShiftedOnes() {
        for number in 1...12 {
            #expect(decode([.keyCode(easel_key_f(Int32(number)))]) == [.key(KeyPress(.function(number)))])
        }
        #expect(decode([.keyCode(easel_key_f(14))]) == [.key(KeyPress(.function(2), [.shift]))])
        #expect(decode([.keyCode(easel_key_f(0))]) == [])
    }

    @Test func escapeAloneAtTheEndOfABatch() {
        #expect(decode([.character(0x1B)]) == [.key(KeyPress(.escape))])
    }

    @Test func escapeFollowedByAKeyIsAlt() {
        #expect(decode(characters("\u{1B}b")) == [.key(.alt(.character("b")))])
        #expect(decode(characters("\u{1B}f")) == [.key(.alt(.character("f")))])
        #expect(decode([.character(0x1B), .character(0x0D)]) == [.key(.alt(.enter))])
        #expect(decode([.character(0x1B), .keyCode(KEY_UP)]) == [.key(.alt(.up))])
        #expect(decode([.character(0x1B), .character(0x7F)]) == [.key(.alt(.backspace))])
    }

    /// Escape then a control key in one burst (typed quickly, or coalesced by an SSH link or
    /// tmux) is two keys: Easel binds no Ctrl-Alt letter, and Ctrl-C after Escape must quit,
    /// not vanish as Ctrl-Alt-C together with the Escape.
    @Test func escapeFollowedByAControlKeyIsTwoKeys() {
        #expect(decode([.character(0x1B), .character(0x03)]) == [.key(KeyPress(.escape)), .key(.ctrl("c"))])
        #expect(decode([.character(0x1B), .character(0x13)]) == [.key(KeyPress(.escape)), .key(.ctrl("s"))])
        #expect(decode([.character(0x1B), .character(0x17)]) == [.key(KeyPress(.escape)), .key(.ctrl("w"))])
        #expect(decode([.character(0x1B), .character(0x09)]) == [.key(KeyPress(.escape)), .key(KeyPress(.tab))])
    }

    @Test func doubleEscapeIsEscapeThenAltEscapeOrTwoEscapes() {
        #expect(decode(characters("\u{1B}\u{1B}")) == [.key(KeyPress(.escape)), .key(KeyPress(.escape))])
        #expect(decode(characters("\u{1B}\u{1B}x")) == [.key(KeyPress(.escape)), .key(.alt(.character("x")))])
    }

    @Test func escapeIsNotCarriedAcrossBatches() {
        var decoder = makeDecoder()
        #expect(decoder.decode(.character(0x1B)) == [])
        #expect(decoder.flush() == [.key(KeyPress(.escape))])
        #expect(decoder.decode(.character(0x62)) == [.key(.char("b"))])
    }

    @Test func modifiedKeyCodesFromTheTable() {
        #expect(decode([.keyCode(Self.altUpCode)]) == [.key(.alt(.up))])
    }

    @Test func unknownKeyCodesAreDropped() {
        #expect(decode([.keyCode(0x3FFF)]) == [])
    }

    @Test func bracketedPasteBecomesOneEventWithNormalisedNewlines() {
        let inputs: [RawKey] =
            [.keyCode(Self.pasteStart)] + characters("one\r\ntwo\rthree\nfour\tend\u{1B}")
            + [.keyCode(KEY_ENTER), .keyCode(KEY_UP)] + characters("漢") + [.keyCode(Self.pasteEnd)] + characters("x")
        #expect(decode(inputs) == [.paste("one\ntwo\nthree\nfour\tend\n漢"), .key(.char("x"))])
    }

    /// ncurses' wget_wch swallows the rest of a burst after a byte that is not UTF-8 (it keeps
    /// reading to complete a character that can never be one), which may include the paste's end.
    @Test("an invalid byte ends an open paste with a stand-in, and is dropped outside a paste")
    func invalidByteEndsAPaste() {
        var decoder = makeDecoder()
        #expect(decoder.decode(.keyCode(Self.pasteStart)) == [])
        _ = characters("ab").flatMap { decoder.decode($0) }
        #expect(decoder.invalidInput() == [.paste("ab\u{FFFD}")])
        #expect(!decoder.isInPaste)
        #expect(decoder.decode(.character(0x0D)) == [.key(KeyPress(.enter))])
        #expect(decoder.invalidInput() == [])
    }

    @Test func pasteSurvivesBatchBoundaries() {
        var decoder = makeDecoder()
        #expect(decoder.decode(.keyCode(Self.pasteStart)) == [])
        #expect(decoder.decode(.character(0x61)) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.isInPaste)
        #expect(decoder.decode(.character(0x62)) == [])
        #expect(decoder.decode(.keyCode(Self.pasteEnd)) == [.paste("ab")])
        #expect(!decoder.isInPaste)
    }

    @Test func pasteIsCappedAtTheLimit() {
        var decoder = makeDecoder()
        _ = decoder.decode(.keyCode(Self.pasteStart))
        for _ in 0..<(KeyDecoder.pasteLimit + 10) { _ = decoder.decode(.character(0x61)) }
        let events = decoder.decode(.keyCode(Self.pasteEnd))
        guard case .paste(let text) = events.first else {
            Issue.record("no paste event")
            return
        }
        #expect(text.utf8.count == KeyDecoder.pasteLimit)
    }

    @Test func modifiedKeyTableCoversXtermParameters() {
        let byCapability = Dictionary(uniqueKeysWithValues: ModifiedKey.all.map { ($0.capability, $0) })
        #expect(byCapability["kUP3"]?.xtermSequence == "\u{1B}[1;3A")
        #expect(byCapability["kUP3"]?.press == KeyPress(.up, [.alt]))
        #expect(byCapability["kDN3"]?.press == KeyPress(.down, [.alt]))
        #expect(byCapability["kLFT5"]?.press == KeyPress(.left, [.control]))
        #expect(byCapability["kRIT5"]?.xtermSequence == "\u{1B}[1;5C")
        #expect(byCapability["kUP2"]?.press == KeyPress(.up, [.shift]))
        #expect(byCapability["kDC5"]?.xtermSequence == "\u{1B}[3;5~")
        #expect(byCapability["kNXT7"]?.press == KeyPress(.pageDown, [.alt, .control]))
        #expect(ModifiedKey.all.count == 7 * 10)
    }
}
