import EaselImage
import EaselGraphics
import EaselPixels
import Testing

/// The pure half of detection: queries, merging replies with hints, choosing a renderer.
struct GraphicsProbeTests {
    static let da1Sixel = TerminalReply.primaryAttributes([62, 4, 22])
    static let da1Plain = TerminalReply.primaryAttributes([62, 22])

    @Test func queriesEndWithDA1AndWrapOnlyTheKittyQueryInTmux() {
        let plain = GraphicsProbe.queries(inTmux: false).text
        #expect(plain == "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[>q\u{1B}[16t\u{1B}[c")
        let wrapped = GraphicsProbe.queries(inTmux: true).text
        #expect(wrapped == "\u{1B}Ptmux;\u{1B}\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\u{1B}\\\u{1B}\\\u{1B}[>q\u{1B}[16t\u{1B}[c")
    }

    @Test func kittyAndSixelRepliesAreBelieved() {
        let capabilities = GraphicsProbe.capabilities(
            replies: [.kittyGraphics(id: 31, message: "OK"), .cellSize(width: 9, height: 18), Self.da1Sixel],
            environment: GraphicsEnvironment([:]))
        #expect(
            capabilities
                == GraphicsCapabilities(kitty: true, sixel: true, truecolor: true, cellSize: PixelSize(width: 9, height: 18)))
    }

    @Test func aKittyErrorOrAnotherIdIsNotSupport() {
        for reply in [TerminalReply.kittyGraphics(id: 31, message: "EINVAL"), .kittyGraphics(id: 7, message: "OK")] {
            #expect(!GraphicsProbe.capabilities(replies: [reply, Self.da1Plain], environment: GraphicsEnvironment([:])).kitty)
        }
    }

    @Test func environmentHintsCountOnlyWhereTheTerminalCouldNotAnswer() {
        let kittyHint = GraphicsEnvironment(["KITTY_WINDOW_ID": "1"])
        // DA1 answered without a kitty reply: the inherited variable is stale.
        #expect(!GraphicsProbe.capabilities(replies: [Self.da1Plain], environment: kittyHint).kitty)
        // No DA1 at all: the hint decides, and the probe says it timed out.
        let silent = GraphicsProbe.capabilities(replies: [], environment: kittyHint)
        #expect(silent.kitty && silent.timedOut)
        // Inside tmux the query cannot reach the terminal, so the hint decides too.
        let tmux = GraphicsProbe.capabilities(
            replies: [Self.da1Plain], environment: GraphicsEnvironment(["TERM": "xterm-kitty", "TMUX": "/tmp/x,1,0"]))
        #expect(tmux.kitty && tmux.inTmux && !tmux.timedOut)
    }

    @Test func itermComesFromTheVersionOrTheEnvironment() {
        let wezterm = GraphicsProbe.capabilities(
            replies: [.terminalVersion("WezTerm 20240203"), Self.da1Sixel], environment: GraphicsEnvironment([:]))
        #expect(wezterm.iterm && wezterm.sixel && wezterm.terminalName == "WezTerm 20240203")
        for environment in [["TERM_PROGRAM": "iTerm.app"], ["LC_TERMINAL": "iTerm2"], ["TERM_PROGRAM": "WezTerm"]] {
            #expect(GraphicsProbe.capabilities(replies: [Self.da1Plain], environment: GraphicsEnvironment(environment)).iterm)
        }
        let other = GraphicsProbe.capabilities(
            replies: [Self.da1Plain], environment: GraphicsEnvironment(["TERM_PROGRAM": "Apple_Terminal"]))
        #expect(!other.iterm && other.terminalName == "Apple_Terminal" && !other.truecolor)
    }

    @Test func truecolorComesFromColorterm() {
        for (value, expected) in [("truecolor", true), ("24bit", true), ("256", false)] {
            #expect(
                GraphicsProbe.capabilities(replies: [Self.da1Plain], environment: GraphicsEnvironment(["COLORTERM": value])).truecolor
                    == expected)
        }
    }

    @Test func cellSizeFallsBackToTheWindowSize() {
        let hints = GraphicsEnvironment([:])
        let window = WindowSize(columns: 80, rows: 24, pixelWidth: 800, pixelHeight: 480)
        #expect(GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: window).cellSize == PixelSize(width: 10, height: 20))
        let reported = GraphicsProbe.capabilities(
            replies: [.windowPixels(width: 1600, height: 960)], environment: hints, windowSize: window)
        #expect(reported.cellSize == PixelSize(width: 20, height: 40))
        let unknown = WindowSize(columns: 80, rows: 24)
        #expect(GraphicsProbe.capabilities(replies: [], environment: hints, windowSize: unknown).cellSize == nil)
    }
}

/// `--graphics` parsing and the renderer choice.
struct GraphicsModeTests {
    @Test func modesParseAndBadValuesGetOneLine() throws {
        #expect(try GraphicsMode(parsing: "kitty") == .kitty)
        #expect(try GraphicsMode(parsing: " Sixel ") == .sixel)
        #expect(try GraphicsMode(parsing: "iterm2") == .iterm)
        #expect(try GraphicsMode(parsing: "ITERM") == .iterm)
        #expect(try GraphicsMode(parsing: "symbols") == .symbols)
        #expect(GraphicsMode.allCases.count == 7)
        #expect(throws: GraphicsModeError.unknown("ascii")) { try GraphicsMode(parsing: "ascii") }
        #expect(
            GraphicsModeError.unknown("ascii").description
                == "unknown graphics mode 'ascii' (use auto, kitty, sixel, iterm2, symbols, blocks or none)")
        // A hostile value cannot put an escape sequence into the message.
        #expect(!GraphicsModeError.unknown("x\u{1B}[2J\u{9B}").description.contains("\u{1B}"))
    }

    @Test("symbols draws with the symbols set; blocks keeps to half blocks")
    func symbolsAndBlocksDiffer() {
        let colour = GraphicsCapabilities(truecolor: true)
        #expect(GraphicsRenderer.resolve(.symbols, colour, symbols: .octant) == .blocks(.trueColor, .octant))
        #expect(GraphicsRenderer.resolve(.blocks, colour, symbols: .octant) == .blocks(.trueColor, .half))
        #expect(GraphicsRenderer.resolve(.auto, colour, symbols: .sextant) == .blocks(.trueColor, .sextant))
    }

    @Test func autoPrefersKittyThenITermThenSixelThenBlocks() {
        let everything = GraphicsCapabilities(kitty: true, sixel: true, iterm: true, truecolor: true)
        #expect(GraphicsRenderer.resolve(.auto, everything) == .kitty(placeholders: false))
        #expect(GraphicsRenderer.resolve(.auto, GraphicsCapabilities(sixel: true, iterm: true)) == .iterm)
        #expect(GraphicsRenderer.resolve(.auto, GraphicsCapabilities(sixel: true)) == .sixel)
        #expect(GraphicsRenderer.resolve(.auto, GraphicsCapabilities(truecolor: true)) == .blocks(.trueColor, .half))
        #expect(GraphicsRenderer.resolve(.auto, GraphicsCapabilities()) == .blocks(.palette256(dithered: false), .half))
        #expect(GraphicsRenderer.resolve(.auto, GraphicsCapabilities(kitty: true, inTmux: true)) == .kitty(placeholders: true))
    }

    @Test func forcedModesAreObeyed() {
        let nothing = GraphicsCapabilities()
        #expect(GraphicsRenderer.resolve(.kitty, nothing) == .kitty(placeholders: false))
        #expect(GraphicsRenderer.resolve(.iterm, nothing) == .iterm)
        #expect(GraphicsRenderer.resolve(.sixel, nothing) == .sixel)
        #expect(GraphicsRenderer.resolve(.blocks, GraphicsCapabilities(kitty: true, truecolor: true)) == .blocks(.trueColor, .half))
        #expect(GraphicsRenderer.resolve(.none, GraphicsCapabilities(kitty: true)) == .none)
    }
}
