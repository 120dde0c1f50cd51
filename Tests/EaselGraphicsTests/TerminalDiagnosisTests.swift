import EaselGraphics
import EaselPixels
import Testing

/// `easel doctor`'s judgement from canned evidence: replies, environment, tmux's answers.
struct TerminalDiagnosisTests {
    static let utf8 = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
    static let xtermVT340: [TerminalReply] = [
        .terminalVersion("XTerm(390)"), .secondaryAttributes([41, 390, 0]),
        .graphicsAttribute(item: 1, status: 0, values: [1024]), .graphicsAttribute(item: 2, status: 0, values: [1000, 1000]),
        .primaryAttributes([63, 1, 2, 4, 6, 9, 15, 22]),
    ]

    static func probe(_ replies: [TerminalReply], environment: [String: String]) -> GraphicsProbe.Outcome {
        var outcome = GraphicsProbe.Outcome(capabilities: GraphicsCapabilities(), replies: replies, otherInput: [])
        outcome.capabilities = GraphicsProbe.capabilities(replies: replies, environment: GraphicsEnvironment(environment))
        return outcome
    }

    static func diagnose(
        _ replies: [TerminalReply]?, environment: [String: String] = utf8, tmux: DoctorEvidence.TmuxAnswer = .notInside,
        mode: GraphicsMode = .auto, source: DoctorEvidence.ModeSource = .automatic, symbols: SymbolChoice = .auto
    ) -> TerminalDiagnosis {
        TerminalDiagnosis(
            DoctorEvidence(
                environment: environment, isTerminal: replies != nil, probe: replies.map { probe($0, environment: environment) },
                tmux: tmux, mode: mode, modeSource: source, symbols: symbols))
    }

    static func finding(_ diagnosis: TerminalDiagnosis, _ topic: String) -> DoctorFinding? {
        diagnosis.findings.first { $0.topic == topic }
    }

    @Test("the doctor's queries add DA2 and XTSMGRAPHICS before DA1, which stays last")
    func doctorQueries() {
        let text = GraphicsProbe.doctorQueries(inTmux: false).text
        #expect(text.hasSuffix("\u{1B}[>q\u{1B}[16t\u{1B}[>c\u{1B}[?1;1;0S\u{1B}[?2;1;0S\u{1B}[c"))
        #expect(text.hasPrefix("\u{1B}_Gi=31,"))
    }

    @Test("DA2 and XTSMGRAPHICS replies are read; a broken one is left as input")
    func newReplies() {
        var parser = TerminalReplyParser()
        let replies = parser.feed(Array("\u{1B}[>41;390;0c\u{1B}[?2;0;1000;800S\u{1B}[?1;0;256S\u{1B}[?2S".utf8))
        #expect(
            replies == [
                .secondaryAttributes([41, 390, 0]), .graphicsAttribute(item: 2, status: 0, values: [1000, 800]),
                .graphicsAttribute(item: 1, status: 0, values: [256]),
            ])
        #expect(parser.otherInput.text == "\u{1B}[?2S")
    }

    @Test("xterm -ti vt340: sixel is chosen because DA1 lists it, and the sixel check passes with its geometry")
    func sixelTerminal() {
        let diagnosis = Self.diagnose(Self.xtermVT340)
        #expect(diagnosis.decision.renderer == .sixel)
        #expect(diagnosis.decision.summary == "sixel — DA1 lists sixel (attribute 4)")
        let check = Self.finding(diagnosis, "sixel-check")
        #expect(check?.status == .ok)
        #expect(check?.summary == "passed: DA1 lists sixel; images up to 1000×1000 px, 1024 colour registers")
        #expect(Self.finding(diagnosis, "identity")?.summary.hasPrefix("XTerm(390)") == true)
        #expect(Self.finding(diagnosis, "identity")?.evidence.contains("DA2: CSI > 41;390;0 c") == true)
        #expect(Self.finding(diagnosis, "kitty-check")?.status == .note)
        #expect(diagnosis.problems.isEmpty)
    }

    @Test("xterm with its default 16 sixel colour registers: a warning and the resource that fixes it")
    func fewRegisters() {
        var replies = Self.xtermVT340
        replies[2] = .graphicsAttribute(item: 1, status: 0, values: [16])
        let check = Self.finding(Self.diagnose(replies), "sixel-check")
        #expect(check?.status == .warning)
        #expect(check?.fix?.contains("XTerm*numColorRegisters: 256") == true)
    }

    @Test("plain xterm: blocks, and the fix is to start it as a VT340")
    func plainXterm() {
        let diagnosis = Self.diagnose([.terminalVersion("XTerm(390)"), .primaryAttributes([65, 1, 2, 6, 22])])
        #expect(diagnosis.decision.reason == "no kitty reply, no iTerm2 name, DA1 without sixel")
        let graphics = Self.finding(diagnosis, "graphics")
        #expect(graphics?.status == .warning)
        #expect(graphics?.fix?.contains("xterm -ti vt340") == true)
        #expect(Self.finding(diagnosis, "sixel-check")?.summary == "no sixel: DA1 does not list attribute 4")
    }

    @Test("kitty: the test image answered OK decides it, and the kitty check passes")
    func kittyTerminal() {
        let diagnosis = Self.diagnose([
            .kittyGraphics(id: 31, message: "OK"), .terminalVersion("kitty(0.39.1)"), .cellSize(width: 10, height: 21),
            .primaryAttributes([62, 52, 4]),
        ])
        #expect(diagnosis.decision.renderer == .kitty(placeholders: false))
        #expect(diagnosis.decision.reason == "the terminal answered the kitty graphics query with OK")
        #expect(Self.finding(diagnosis, "kitty-check")?.status == .ok)
        #expect(Self.finding(diagnosis, "identity")?.summary == "kitty(0.39.1); cell 10×21 px")
        // Truecolour follows from kitty even without COLORTERM.
        #expect(Self.finding(diagnosis, "colour")?.status == .ok)
    }

    @Test("kitty forced where nothing answers: a problem with its fix")
    func kittyForcedWithoutAnswer() {
        let diagnosis = Self.diagnose([.primaryAttributes([62, 22])], mode: .kitty, source: .flag)
        #expect(diagnosis.decision.summary == "kitty — --graphics kitty (detection skipped)")
        let check = Self.finding(diagnosis, "kitty-check")
        #expect(check?.status == .problem)
        #expect(check?.fix?.contains("graphics = \"auto\"") == true)
        let refused = Self.diagnose([.kittyGraphics(id: 31, message: "EINVAL:bad"), .primaryAttributes([62])], mode: .kitty, source: .config)
        #expect(Self.finding(refused, "kitty-check")?.summary == "failed: the terminal refused the test image: EINVAL:bad")
        #expect(refused.decision.reason == "graphics = \"kitty\" in the config (detection skipped)")
    }

    @Test("a terminal that answers nothing: a problem saying so, blocks, and how to skip detection")
    func silentTerminal() {
        let diagnosis = Self.diagnose([])
        #expect(diagnosis.decision.reason == "no answer to DA1 within 200 ms")
        let tty = Self.finding(diagnosis, "tty")
        #expect(tty?.status == .problem)
        #expect(tty?.fix?.contains("graphics = \"sixel\"") == true)
    }

    @Test("not a terminal: environment-only findings, nothing checked, no problem claimed about the terminal")
    func notATerminal() {
        let diagnosis = Self.diagnose(nil)
        #expect(diagnosis.decision.reason == "not a terminal, so nothing could be asked")
        #expect(Self.finding(diagnosis, "tty")?.status == .warning)
        #expect(Self.finding(diagnosis, "kitty-check")?.summary == "not checked: not a terminal")
        #expect(Self.finding(diagnosis, "identity") == nil)
        #expect(diagnosis.problems.isEmpty)
    }

    @Test("tmux: passthrough off is a problem with the exact line; on is fine; an old tmux is told to upgrade")
    func tmuxPassthrough() {
        let environment = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "LANG": "C.UTF-8", "KITTY_WINDOW_ID": "1"]
        let off = Self.diagnose([.primaryAttributes([65, 1, 9])], environment: environment, tmux: .passthrough("off\n"))
        let finding = Self.finding(off, "tmux")
        #expect(finding?.status == .problem)
        #expect(finding?.fix == "add `set -g allow-passthrough on` to ~/.tmux.conf, then run `tmux source-file ~/.tmux.conf`")
        // The environment names kitty and tmux keeps the answer: kitty placeholders, but the check fails.
        #expect(off.decision.renderer == .kitty(placeholders: true))
        #expect(Self.finding(off, "kitty-check")?.fix == finding?.fix)
        let on = Self.diagnose(
            [.kittyGraphics(id: 31, message: "OK"), .primaryAttributes([65, 1, 9])], environment: environment, tmux: .passthrough("on\n"))
        #expect(Self.finding(on, "tmux")?.status == .ok)
        #expect(Self.finding(on, "kitty-check")?.summary == "passed: the terminal took a test image through tmux's passthrough (a=q answered OK)")
        let old = Self.diagnose([.primaryAttributes([65])], environment: environment, tmux: .failed("invalid option: allow-passthrough"))
        #expect(Self.finding(old, "tmux")?.fix?.hasPrefix("upgrade tmux to 3.3 or later") == true)
    }

    @Test("locale, colour and SSH: each problem gets its exact fix")
    func environmentFixes() {
        let latin = Self.diagnose([.primaryAttributes([62])], environment: ["TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "POSIX"])
        let locale = Self.finding(latin, "locale")
        #expect(locale?.status == .problem)
        #expect(locale?.fix == "export LC_ALL=C.UTF-8")
        #expect(Self.finding(Self.diagnose(nil, environment: ["TERM": "xterm"]), "locale")?.fix == "export LANG=C.UTF-8")
        let ssh = Self.diagnose(
            [.primaryAttributes([62])], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "SSH_CONNECTION": "10.0.0.2 5 10.0.0.1 22"])
        #expect(Self.finding(ssh, "colour")?.fix?.contains("SendEnv COLORTERM") == true)
        #expect(Self.finding(ssh, "colour")?.fix?.contains("AcceptEnv COLORTERM") == true)
        #expect(Self.finding(ssh, "ssh")?.evidence == ["SSH_CONNECTION=10.0.0.2 5 10.0.0.1 22"])
        let local = Self.diagnose([.primaryAttributes([62])])
        #expect(Self.finding(local, "colour")?.fix == "if the terminal has 24-bit colour: export COLORTERM=truecolor")
        #expect(Self.finding(local, "ssh") == nil)
        #expect(Self.finding(Self.diagnose(nil, environment: ["TERM": "dumb", "LANG": "C.UTF-8"]), "term")?.status == .problem)
    }

    @Test("symbols: auto resolves by the terminal, a fixed choice is kept")
    func symbols() {
        let kitty = Self.diagnose(nil, environment: ["TERM": "xterm-kitty", "LANG": "C.UTF-8"])
        #expect(kitty.symbols == .octant)
        #expect(Self.finding(kitty, "symbols")?.summary == "octant (auto: this terminal draws the block sextants and octants itself)")
        let fixed = Self.diagnose(nil, symbols: .fixed(.quadrant))
        #expect(fixed.symbols == .quadrant && Self.finding(fixed, "symbols")?.fix == nil)
    }

    @Test("replies are untrusted: escape sequences in them never reach the findings")
    func hostileReplies() {
        let diagnosis = Self.diagnose([
            .terminalVersion("evil\u{1B}]52;c;AAAA\u{07}\u{9B}2J"), .kittyGraphics(id: 31, message: "E\u{1B}[2Jvil"), .primaryAttributes([62]),
        ])
        let text = diagnosis.findings.flatMap { [$0.summary] + $0.evidence + [$0.fix ?? ""] }.joined() + diagnosis.decision.summary
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("evil?]52;c;AAAA??2J"))
    }
}
