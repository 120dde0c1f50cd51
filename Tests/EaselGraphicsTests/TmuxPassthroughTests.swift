import EaselGraphics
import Testing

/// tmux passthrough wrapping and detection.
struct TmuxPassthroughTests {
    @Test func everyEscapeIsDoubledInsideTheWrapper() {
        let wrapped = TmuxPassthrough.wrap(Array("\u{1B}_Gi=1;AAAA\u{1B}\\".utf8))
        #expect(wrapped.text == "\u{1B}Ptmux;\u{1B}\u{1B}_Gi=1;AAAA\u{1B}\u{1B}\\\u{1B}\\")
        #expect(TmuxPassthrough.wrap([]).text == "\u{1B}Ptmux;\u{1B}\\")
    }

    @Test func wrapEachWrapsSequencesOneByOne() {
        let joined = TmuxPassthrough.wrapEach([[0x1B, 0x41], [0x42]])
        #expect(joined.text == "\u{1B}Ptmux;\u{1B}\u{1B}A\u{1B}\\\u{1B}Ptmux;B\u{1B}\\")
    }

    @Test(arguments: [
        (["TMUX": "/tmp/tmux-1000/default,123,0"], true), (["TERM": "tmux-256color"], true),
        (["TERM": "screen-256color"], true), (["TERM": "xterm-256color"], false), (["TMUX": ""], false), ([:], false),
    ])
    func insideTmuxIsDetectedFromTheEnvironment(environment: [String: String], inside: Bool) {
        #expect(TmuxPassthrough.isInside(environment: environment) == inside)
    }
}
