/// How many colours the terminal can show, which decides the SGR form the writers use.
public enum ColorDepth: Sendable, Equatable {
    /// 24-bit colour: `38;2;r;g;b` / `48;2;r;g;b`.
    case trueColor
    /// The xterm-256 palette: `38;5;n` / `48;5;n`, optionally ordered-dithered.
    case palette256(dithered: Bool)
}
