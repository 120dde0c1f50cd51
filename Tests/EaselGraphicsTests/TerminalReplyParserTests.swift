import EaselGraphics
import Testing

/// The reply parser: every reply form, split input, interleaved keys, garbage.
struct TerminalReplyParserTests {
    static let kittyOK = "\u{1B}_Gi=31;OK\u{1B}\\"
    static let da1 = "\u{1B}[?62;4;22c"
    static let version = "\u{1B}P>|kitty(0.35.2)\u{1B}\\"
    static let cell = "\u{1B}[6;20;10t"

    func parse(_ pieces: [String]) -> (replies: [TerminalReply], other: String) {
        var parser = TerminalReplyParser()
        var replies: [TerminalReply] = []
        for piece in pieces { replies += parser.feed(Array(piece.utf8)) }
        parser.finish()
        return (replies, parser.takeOtherInput().text)
    }

    @Test func everyReplyFormIsRecognised() {
        let (replies, other) = parse([Self.kittyOK + Self.version + Self.cell + "\u{1B}[4;600;800t" + Self.da1])
        #expect(
            replies == [
                .kittyGraphics(id: 31, message: "OK"), .terminalVersion("kitty(0.35.2)"), .cellSize(width: 10, height: 20),
                .windowPixels(width: 800, height: 600), .primaryAttributes([62, 4, 22]),
            ])
        #expect(other.isEmpty)
        #expect(replies.last?.advertisesSixel == true)
        #expect(parse(["\u{1B}[?1;2c"]).replies.first?.advertisesSixel == false)
    }

    @Test func kittyErrorsAndMissingIdsAreReported() {
        #expect(parse(["\u{1B}_Gi=31;EINVAL:bad format\u{1B}\\"]).replies == [.kittyGraphics(id: 31, message: "EINVAL:bad format")])
        #expect(parse(["\u{1B}_Gq=2;OK\u{1B}\\"]).replies == [.kittyGraphics(id: nil, message: "OK")])
    }

    @Test func repliesSplitAtEveryByteStillParse() {
        let whole = Self.kittyOK + Self.version + Self.cell + Self.da1
        let pieces = whole.utf8.map { String(decoding: [$0], as: UTF8.self) }
        let (replies, other) = parse(pieces)
        #expect(replies.count == 4)
        #expect(other.isEmpty)
        // And split at every single position into two pieces.
        let bytes = Array(whole.utf8)
        for cut in 1..<bytes.count {
            var parser = TerminalReplyParser()
            let replies = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(replies.count == 4, "cut at \(cut)")
            #expect(parser.otherInput.isEmpty)
        }
    }

    @Test func typedKeysAroundRepliesAreKeptInOrder() {
        let (replies, other) = parse(["ab", Self.kittyOK, "\u{1B}[A", "c\u{1B}x", Self.da1 + "yz"])
        #expect(replies == [.kittyGraphics(id: 31, message: "OK"), .primaryAttributes([62, 4, 22])])
        #expect(other == "ab\u{1B}[Ac\u{1B}xyz")
    }

    @Test func unknownSequencesAndUnfinishedInputAreHandedOver() {
        #expect(parse(["\u{1B}P1$r0m\u{1B}\\"]).other == "\u{1B}P1$r0m\u{1B}\\")
        #expect(parse(["\u{1B}]11;rgb:0000/0000/0000\u{07}"]).other == "\u{1B}]11;rgb:0000/0000/0000\u{07}")
        #expect(parse(["\u{1B}[8;24;80t"]).other == "\u{1B}[8;24;80t")
        #expect(parse(["\u{1B}"]).other == "\u{1B}")
        #expect(parse(["\u{1B}\u{1B}[?1c"]) == ([.primaryAttributes([1])], "\u{1B}"))
        #expect(parse(["\u{1B}_Gi=31;O"]).other == "\u{1B}_Gi=31;O")
    }

    @Test func anInterruptedStringDoesNotSwallowTheNextReply() {
        let (replies, other) = parse(["\u{1B}_Gi=31;O", Self.da1])
        #expect(replies == [.primaryAttributes([62, 4, 22])])
        #expect(other == "\u{1B}_Gi=31;O")
    }

    @Test func runawaySequencesAreGivenUpAndParsingRecovers() {
        let longString = "\u{1B}_G" + String(repeating: "x", count: 5000)
        let (replies, other) = parse([longString, "\u{1B}\\", Self.da1])
        #expect(replies == [.primaryAttributes([62, 4, 22])])
        #expect(other.hasPrefix("\u{1B}_Gxxx"))
        let longCSI = "\u{1B}[" + String(repeating: "1;", count: 100) + "c"
        #expect(parse([longCSI + Self.da1]).replies == [.primaryAttributes([62, 4, 22])])
    }
}
