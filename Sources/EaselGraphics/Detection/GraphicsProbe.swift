import EaselImage
/// Asks the terminal which graphics protocols it speaks, and interprets the answers.
///
/// The queries go out in one write, DA1 last: every terminal answers DA1 and answers in
/// order, so once the DA1 reply is in, a query that got no answer is unsupported and there is
/// nothing to wait for. The reading side lives in `GraphicsProbe+Terminal.swift`; the pieces
/// here are pure so they can be tested without a terminal.
public enum GraphicsProbe {
    /// The id the kitty query uses; the reply names it.
    public static let kittyQueryID: UInt32 = 31

    /// How long to wait for DA1 by default: a local terminal answers in a few milliseconds, and
    /// a slow ssh link should not hold up `easel show` for long.
    public static let defaultTimeout: Duration = .milliseconds(200)

    /// The longest wait a caller can ask for, so a typo cannot hang the command.
    public static let maximumTimeout: Duration = .seconds(2)

    /// The queries, in the order they are written.
    ///
    /// - kitty: a 1×1 RGB image with action `a=q` (check, don't store), answered with
    ///   `ESC _ G i=31 ; OK ESC \` by terminals that speak the protocol. Inside tmux it is
    ///   wrapped for passthrough, but tmux does not reliably hand the outer terminal's answer
    ///   to the pane (tmux 3.3a, no passthrough allowed, simply dropped it), so there the
    ///   environment hint decides.
    /// - `CSI > q` (XTVERSION): the terminal's name and version.
    /// - `CSI 16 t`: the cell size in pixels.
    /// - `CSI c` (DA1): the sentinel.
    public static func queries(inTmux: Bool) -> [UInt8] {
        let kitty = KittyGraphics.command(
            keys: "i=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24", payload: Array("AAAA".utf8))
        var bytes = inTmux ? TmuxPassthrough.wrap(kitty) : kitty
        bytes += "\u{1B}[>q\u{1B}[16t\u{1B}[c".utf8
        return bytes
    }

    /// What `easel doctor` asks: the same as `queries(inTmux:)` plus DA2 (`CSI > c`, the
    /// terminal's model and version) and XTSMGRAPHICS for sixel colour registers and geometry
    /// (`CSI ? 1 ; 1 ; 0 S`, `CSI ? 2 ; 1 ; 0 S`), all before DA1 so it stays the sentinel.
    /// Terminals ignore queries they do not know.
    public static func doctorQueries(inTmux: Bool) -> [UInt8] {
        var bytes = queries(inTmux: inTmux)
        let da1 = Array("\u{1B}[c".utf8)
        bytes.removeLast(da1.count)
        bytes += "\u{1B}[>c\u{1B}[?1;1;0S\u{1B}[?2;1;0S".utf8
        return bytes + da1
    }

    /// Combines the replies that arrived, the environment's hints and the kernel's window
    /// size into capabilities.
    ///
    /// Replies win where they exist. The environment decides kitty support only when the
    /// terminal could not have answered (no DA1 in time, or inside tmux), so a stale
    /// `KITTY_WINDOW_ID` inherited by another terminal does not turn kitty output on.
    public static func capabilities(
        replies: [TerminalReply], environment: GraphicsEnvironment, windowSize: WindowSize? = nil
    ) -> GraphicsCapabilities {
        var kittyAnswered = false
        var sawDA1 = false
        var sixel = false
        var version: String?
        var cellSize: PixelSize?
        var windowPixels: PixelSize?
        for reply in replies {
            switch reply {
            case .kittyGraphics(let id, let message):
                if id == kittyQueryID, message == "OK" { kittyAnswered = true }
            case .primaryAttributes:
                sawDA1 = true
                sixel = sixel || reply.advertisesSixel
            case .terminalVersion(let text):
                version = text
            case .cellSize(let width, let height):
                cellSize = PixelSize(width: width, height: height)
            case .windowPixels(let width, let height):
                windowPixels = PixelSize(width: width, height: height)
            case .secondaryAttributes, .graphicsAttribute:
                break
            }
        }
        let unreachable = !sawDA1 || environment.inTmux
        let kitty = kittyAnswered || (unreachable && environment.kitty)
        let versionSaysITerm = version.map { $0.hasPrefix("iTerm2") || $0.hasPrefix("WezTerm") } ?? false
        let iterm = versionSaysITerm || environment.iterm
        return GraphicsCapabilities(
            kitty: kitty, sixel: sixel, iterm: iterm,
            // Terminals with kitty or iTerm2 images all have direct colour.
            truecolor: environment.truecolor || kitty || iterm,
            cellSize: cellSize ?? windowSize?.cellSize(reportedPixels: windowPixels),
            terminalName: version ?? environment.terminalProgram,
            inTmux: environment.inTmux, timedOut: !sawDA1)
    }
}
