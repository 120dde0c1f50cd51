import EaselPixels

/// The findings about pictures: the decision, tmux, SSH, symbols and the end-to-end checks.
extension Facts {
    /// The fix for an allow-passthrough that is off.
    static let passthroughFix = "add `set -g allow-passthrough on` to ~/.tmux.conf, then run `tmux source-file ~/.tmux.conf`"
    /// How to get sixel out of xterm, which has it only as a VT340.
    static let xtermSixelFix = "start xterm as `xterm -ti vt340` (or put `XTerm*decTerminalID: vt340` in ~/.Xresources)"

    func graphicsFinding(_ decision: GraphicsDecision) -> DoctorFinding {
        var evidence = ["mode: \(evidence.mode.rawValue) (\(self.evidence.modeSource.rawValue))"]
        evidence += evidenceLines {
            switch $0 {
            case .kittyGraphics, .primaryAttributes, .terminalVersion: true
            default: false
            }
        }
        switch decision.renderer {
        case .kitty, .iterm, .sixel:
            return DoctorFinding("graphics", .ok, decision.summary, evidence: evidence)
        case .none:
            return DoctorFinding("graphics", .note, decision.summary, evidence: evidence)
        case .blocks:
            guard self.evidence.mode == .auto, answered else { return DoctorFinding("graphics", .note, decision.summary, evidence: evidence) }
            return DoctorFinding(
                "graphics", .warning, decision.summary, evidence: evidence,
                fix: isXterm
                    ? Self.xtermSixelFix
                    : "pictures are block glyphs here; a terminal with kitty graphics or sixel (kitty, Ghostty, WezTerm, foot, Konsole, xterm -ti vt340) shows real pixels")
        }
    }

    func tmuxFinding() -> DoctorFinding? {
        guard hints.inTmux else { return nil }
        switch evidence.tmux {
        case .notInside:
            return DoctorFinding(
                "tmux", .warning, "TERM=\(variable("TERM") ?? "") says tmux or screen, but $TMUX is unset (tmux on another machine?)",
                fix: "on the machine running tmux: " + Self.passthroughFix)
        case .passthrough(let value):
            let shown = DoctorText.visible(value.trimmingWhitespace)
            if shown == "on" || shown == "all" {
                return DoctorFinding("tmux", .ok, "inside tmux, allow-passthrough \(shown)", evidence: ["tmux show -gv allow-passthrough: \(shown)"])
            }
            return DoctorFinding(
                "tmux", .problem, "inside tmux with allow-passthrough \(shown.isEmpty ? "unset" : shown): tmux drops kitty, sixel and iTerm2 images",
                evidence: ["tmux show -gv allow-passthrough: \(shown)"], fix: Self.passthroughFix)
        case .failed(let reason):
            return DoctorFinding(
                "tmux", .problem, "inside tmux, but allow-passthrough could not be read (tmux 3.3 or later has it)",
                evidence: ["tmux show -gv allow-passthrough: \(DoctorText.visible(reason))"],
                fix: "upgrade tmux to 3.3 or later, then " + Self.passthroughFix)
        }
    }

    func sshFinding() -> DoctorFinding? {
        guard overSSH else { return nil }
        var evidence: [String] = []
        if let connection = variable("SSH_CONNECTION") { evidence.append("SSH_CONNECTION=\(connection)") }
        if let tty = variable("SSH_TTY") { evidence.append("SSH_TTY=\(tty)") }
        let missing = ["COLORTERM", "LC_TERMINAL"].filter { variable($0) == nil }
        return DoctorFinding(
            "ssh", .note, "over SSH: replies make a round trip, and ssh passes only the variables it is told to", evidence: evidence,
            fix: missing.isEmpty
                ? nil
                : "to pass \(missing.joined(separator: " and ")): `SendEnv \(missing.joined(separator: " "))` in ~/.ssh/config here and `AcceptEnv \(missing.joined(separator: " "))` in /etc/ssh/sshd_config on the server")
    }

    func symbolsFinding(_ set: SymbolSet) -> DoctorFinding {
        let why: String
        switch evidence.symbols {
        case .fixed: why = "as the symbols setting says"
        case .auto:
            why = hints.drawsLegacySymbols
                ? "auto: this terminal draws the block sextants and octants itself"
                : "auto: this terminal is not known to draw sextants or octants itself"
        }
        let fix = evidence.symbols == .auto && set == .half
            ? "if your font has the Unicode 13 sextants: symbols = \"sextant\" in config.toml (edges three times finer)" : nil
        return DoctorFinding("symbols", .note, "\(set.rawValue) (\(why))", evidence: ["symbols = \(Self.spelling(evidence.symbols))"], fix: fix)
    }

    static func spelling(_ choice: SymbolChoice) -> String {
        switch choice {
        case .auto: "auto"
        case .fixed(let set): set.rawValue
        }
    }

    /// The kitty graphics protocol end to end: the probe transmits a 1×1 image with `a=q` (check,
    /// do not keep) — through tmux's passthrough inside tmux — and only a terminal that decoded
    /// it answers OK.
    func kittyCheck(_ decision: GraphicsDecision) -> DoctorFinding {
        let wanted: Bool = if case .kitty = decision.renderer { true } else { false }
        guard evidence.probe != nil else { return DoctorFinding("kitty-check", .note, "not checked: not a terminal") }
        let answers = replies.compactMap { reply -> String? in
            if case .kittyGraphics(GraphicsProbe.kittyQueryID, let message) = reply { message } else { nil }
        }
        let lines = evidenceLines { if case .kittyGraphics = $0 { true } else { false } }
        let route = hints.inTmux ? " through tmux's passthrough" : ""
        if answers.contains("OK") {
            return DoctorFinding("kitty-check", .ok, "passed: the terminal took a test image\(route) (a=q answered OK)", evidence: lines)
        }
        if let refusal = answers.first {
            return DoctorFinding(
                "kitty-check", wanted ? .problem : .warning, "failed: the terminal refused the test image: \(DoctorText.visible(refusal))",
                evidence: lines, fix: wanted ? "set graphics = \"auto\" (or sixel) in config.toml; this terminal's kitty graphics are broken" : nil)
        }
        guard wanted else { return DoctorFinding("kitty-check", .note, "no kitty graphics: no reply to the test image (a=q)") }
        if hints.inTmux {
            let passthroughOff: Bool = if case .passthrough(let value) = evidence.tmux { !["on", "all"].contains(value.trimmingWhitespace) } else { true }
            return DoctorFinding(
                "kitty-check", .problem, "failed: no reply to the test image through tmux (the outer terminal never saw it, or tmux kept its answer)",
                fix: passthroughOff ? Self.passthroughFix : "tmux may keep the outer terminal's answer even with passthrough; if pictures do not show, set graphics = \"symbols\"")
        }
        return DoctorFinding(
            "kitty-check", .problem, "failed: kitty graphics are forced but the terminal did not answer the test image",
            fix: "use a terminal with the kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole) or set graphics = \"auto\" in config.toml")
    }

    /// Sixel end to end: DA1 must list attribute 4 and XTSMGRAPHICS report the largest sixel
    /// image (`CSI ? 2 ; 0 ; width ; height S`); the colour registers are reported beside it.
    func sixelCheck(_ decision: GraphicsDecision) -> DoctorFinding {
        let wanted = decision.renderer == .sixel
        guard evidence.probe != nil else { return DoctorFinding("sixel-check", .note, "not checked: not a terminal") }
        let lines = evidenceLines {
            switch $0 {
            case .primaryAttributes, .graphicsAttribute: true
            default: false
            }
        }
        guard let primary else {
            return DoctorFinding("sixel-check", wanted ? .problem : .note, "not checked: no DA1 reply", evidence: lines)
        }
        guard primary.dropFirst().contains(4) else {
            let fix = isXterm ? Self.xtermSixelFix : wanted ? "set graphics = \"auto\" in config.toml: this terminal has no sixel" : nil
            return DoctorFinding("sixel-check", wanted ? .problem : .note, "no sixel: DA1 does not list attribute 4", evidence: lines, fix: fix)
        }
        let registers = graphicsAttribute(1).flatMap { $0.status == 0 ? $0.values.first : nil }
        guard let geometry = graphicsAttribute(2), geometry.status == 0, geometry.values.count >= 2,
            geometry.values[0] > 0, geometry.values[1] > 0
        else {
            return DoctorFinding(
                "sixel-check", .warning, "DA1 lists sixel, but XTSMGRAPHICS gave no image geometry (its largest image is unknown)",
                evidence: lines)
        }
        let colours = registers.map { ", \($0) colour registers" } ?? ""
        // Easel's sixel palette has up to 256 entries; a terminal with fewer registers (xterm
        // as a VT340 has 16 unless told otherwise) reuses them and the colours come out wrong.
        if let registers, registers < 256 {
            return DoctorFinding(
                "sixel-check", .warning,
                "DA1 lists sixel, but only \(registers) colour registers: pictures need 256 and lose colours with fewer",
                evidence: lines,
                fix: isXterm
                    ? "put `XTerm*numColorRegisters: 256` in ~/.Xresources (or start `xterm -ti vt340 -xrm 'XTerm*numColorRegisters: 256'`)"
                    : "raise the terminal's sixel colour registers to 256 in its settings")
        }
        return DoctorFinding(
            "sixel-check", .ok, "passed: DA1 lists sixel; images up to \(geometry.values[0])×\(geometry.values[1]) px\(colours)",
            evidence: lines)
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines (a command's output ends in one).
    var trimmingWhitespace: String {
        String(unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed().map(Character.init))
    }
}
