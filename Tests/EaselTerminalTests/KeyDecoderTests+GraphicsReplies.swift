import EaselUI
import Testing

@testable import EaselTerminal

extension KeyDecoderTests {
    /// kitty's answer to a transmission with `q=1` arrives on the input; it must not be typed.
    @Test func aGraphicsReplyIsSetAsideNotTyped() {
        var decoder = makeDecoder()
        let input = characters("a\u{1B}_Gi=16;EINVAL:bad data\u{1B}\\b")
        let events = input.flatMap { decoder.decode($0) } + decoder.flush()
        #expect(events == [.key(KeyPress.char("a")), .key(KeyPress.char("b"))])
        #expect(decoder.takeReplies() == ["Gi=16;EINVAL:bad data"])
        #expect(decoder.takeReplies().isEmpty)
    }

    @Test func altUnderscoreIsStillAKey() {
        #expect(decode(characters("\u{1B}_x")) == [.key(KeyPress(.character("_"), [.alt])), .key(KeyPress.char("x"))])
    }

    @Test func aRunawayReplyIsCappedAndKeysFollowIt() {
        var decoder = makeDecoder()
        let long = String(repeating: "x", count: KeyDecoder.replyLimit * 2)
        let events = characters("\u{1B}_G" + long + "\u{1B}\\q").flatMap { decoder.decode($0) } + decoder.flush()
        #expect(events == [.key(KeyPress.char("q"))])
        #expect(decoder.takeReplies().first?.utf8.count == KeyDecoder.replyLimit)
    }
}
