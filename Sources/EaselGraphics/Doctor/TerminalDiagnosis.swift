public import EaselPixels

/// `easel doctor`'s judgement: one finding per thing checked (terminal type, colour, locale,
/// identity, graphics, tmux, SSH, symbols, the kitty and sixel checks), each with its evidence
/// and fix, and the graphics decision its one-line summary comes from. Pure: built from
/// `DoctorEvidence`, so canned replies test it.
public struct TerminalDiagnosis: Sendable, Equatable {
    /// What was checked, in report order.
    public var findings: [DoctorFinding]
    /// The renderer pictures would use here, and why.
    public var decision: GraphicsDecision
    /// The block glyphs `symbols` comes to here.
    public var symbols: SymbolSet
    /// The capabilities the replies and environment add up to.
    public var capabilities: GraphicsCapabilities

    /// The findings that need fixing.
    public var problems: [DoctorFinding] { findings.filter { $0.status == .problem } }

    /// Judges `evidence`.
    public init(_ evidence: DoctorEvidence) {
        let hints = GraphicsEnvironment(evidence.environment)
        let replies = evidence.probe?.replies ?? []
        capabilities = GraphicsProbe.capabilities(replies: replies, environment: hints, windowSize: evidence.windowSize)
        symbols = evidence.symbols.resolve(drawsLegacySymbols: hints.drawsLegacySymbols)
        decision = GraphicsDecision.decide(
            mode: evidence.mode, source: evidence.modeSource, capabilities: capabilities, replies: replies, symbols: symbols,
            isTerminal: evidence.isTerminal && evidence.probe != nil)
        let facts = Facts(evidence: evidence, hints: hints, replies: replies, capabilities: capabilities)
        findings = [
            facts.terminalFinding(), facts.termFinding(), facts.colourFinding(), facts.localeFinding(), facts.identityFinding(),
            facts.graphicsFinding(decision), facts.tmuxFinding(), facts.sshFinding(), facts.symbolsFinding(symbols),
            facts.kittyCheck(decision), facts.sixelCheck(decision),
        ].compactMap { $0 }
    }
}

/// The evidence with the lookups every finding shares.
struct Facts {
    let evidence: DoctorEvidence
    let hints: GraphicsEnvironment
    let replies: [TerminalReply]
    let capabilities: GraphicsCapabilities

    var environment: [String: String] { evidence.environment }
    /// A variable's value, made safe to print; nil when unset or empty.
    func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return DoctorText.visible(value)
    }
    /// True when the terminal was asked and answered DA1.
    var answered: Bool { evidence.probe != nil && !capabilities.timedOut }
    var overSSH: Bool { variable("SSH_CONNECTION") != nil || variable("SSH_TTY") != nil }
    var version: String? { replies.lazy.compactMap { if case .terminalVersion(let text) = $0 { text } else { nil } }.first }
    var isXterm: Bool { version?.hasPrefix("XTerm") ?? false }
    var primary: [Int]? { replies.lazy.compactMap { if case .primaryAttributes(let values) = $0 { values } else { nil } }.first }
    func graphicsAttribute(_ item: Int) -> (status: Int, values: [Int])? {
        replies.lazy.compactMap { reply -> (Int, [Int])? in
            if case .graphicsAttribute(item, let status, let values) = reply { (status, values) } else { nil }
        }.first
    }
    /// The evidence lines of the replies of some kinds.
    func evidenceLines(_ wanted: (TerminalReply) -> Bool) -> [String] { replies.filter(wanted).map(DoctorText.describe) }

    func terminalFinding() -> DoctorFinding? {
        if !evidence.isTerminal {
            return DoctorFinding(
                "tty", .warning, "no terminal to ask (no controlling terminal): only the environment was read",
                fix: "run `easel doctor` in the terminal you want examined")
        }
        if evidence.probe != nil, capabilities.timedOut {
            return DoctorFinding(
                "tty", .problem, "the terminal did not answer DA1 in time, so nothing it can do is known",
                evidence: ["queries: kitty a=q, XTVERSION, CSI 16 t, DA2, XTSMGRAPHICS, DA1 (hard timeout)"],
                fix: "on a slow link or a terminal that does not answer, name what works: graphics = \"sixel\" (or kitty, iterm2, symbols) in config.toml")
        }
        return nil
    }

    func termFinding() -> DoctorFinding {
        guard let term = variable("TERM"), term != "dumb" else {
            return DoctorFinding(
                "term", .problem, "TERM is \(variable("TERM") ?? "unset"): the studio needs a real terminal type",
                fix: "export TERM=xterm-256color (or your terminal's own, e.g. xterm-kitty)")
        }
        return DoctorFinding("term", .ok, "TERM=\(term)", evidence: variable("TERM_PROGRAM").map { ["TERM_PROGRAM=\($0)"] } ?? [])
    }

    func colourFinding() -> DoctorFinding {
        let colorTerm = variable("COLORTERM")
        var evidence = ["COLORTERM=\(colorTerm ?? "(unset)")", "TERM=\(variable("TERM") ?? "(unset)")"]
        if variable("NO_COLOR") != nil { evidence.append("NO_COLOR is set: the studio draws without colours and pictures") }
        let sshFix = "ssh drops COLORTERM: add `SendEnv COLORTERM` to ~/.ssh/config here and `AcceptEnv COLORTERM` to /etc/ssh/sshd_config on the server"
        if hints.truecolor { return DoctorFinding("colour", .ok, "24-bit colour (COLORTERM=\(colorTerm ?? ""))", evidence: evidence) }
        if capabilities.truecolor {
            return DoctorFinding("colour", .ok, "24-bit colour (kitty-protocol and iTerm2 terminals all have it)", evidence: evidence)
        }
        let term = variable("TERM") ?? ""
        if term.contains("256color") || term.contains("direct") {
            return DoctorFinding(
                "colour", .warning, "256 colours: COLORTERM does not say truecolor, so pictures use the xterm-256 palette",
                evidence: evidence, fix: overSSH ? sshFix : "if the terminal has 24-bit colour: export COLORTERM=truecolor")
        }
        return DoctorFinding(
            "colour", .warning, "8 or 16 colours at most by TERM=\(term.isEmpty ? "(unset)" : term)", evidence: evidence,
            fix: "export TERM=xterm-256color" + (overSSH ? "; " + sshFix : " (and COLORTERM=truecolor if the terminal has 24-bit colour)"))
    }

    func localeFinding() -> DoctorFinding {
        let names = ["LC_ALL", "LC_CTYPE", "LANG"]
        let deciding = names.first { variable($0) != nil }
        let value = deciding.flatMap(variable) ?? ""
        let evidence = names.map { "\($0)=\(variable($0) ?? "(unset)")" }
        let lower = value.lowercased()
        if lower.contains("utf-8") || lower.contains("utf8") {
            return DoctorFinding("locale", .ok, "UTF-8 (\(deciding ?? "LANG")=\(value))", evidence: evidence)
        }
        // The variable that decides must change: LANG is overridden by LC_CTYPE and LC_ALL.
        let fixName = deciding == "LANG" || deciding == nil ? "LANG" : deciding ?? "LANG"
        var fix = "export \(fixName)=C.UTF-8"
        if overSSH { fix += "; over ssh also `SendEnv LANG LC_*` in ~/.ssh/config and `AcceptEnv LANG LC_*` on the server" }
        return DoctorFinding(
            "locale", .problem,
            "not UTF-8 (\(deciding.map { "\($0)=\(value)" } ?? "no locale set, so POSIX")): block glyphs and text show as ?",
            evidence: evidence, fix: fix)
    }

    func identityFinding() -> DoctorFinding? {
        guard evidence.probe != nil else { return nil }
        let lines = evidenceLines {
            switch $0 {
            case .terminalVersion, .primaryAttributes, .secondaryAttributes, .cellSize, .windowPixels: true
            default: false
            }
        }
        let name = version.map { DoctorText.visible($0) } ?? variable("TERM_PROGRAM").map { "\($0) (TERM_PROGRAM; no XTVERSION reply)" }
            ?? "unknown (no XTVERSION reply)"
        let cell = capabilities.cellSize.map { "cell \($0.width)×\($0.height) px" } ?? "cell size unknown (taken as 1:2)"
        return DoctorFinding("identity", answered ? .ok : .warning, "\(name); \(cell)", evidence: lines)
    }
}
