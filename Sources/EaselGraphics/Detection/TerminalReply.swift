/// A terminal's answer to one of the graphics probe's queries.
public enum TerminalReply: Sendable, Equatable {
    /// `ESC _ G i=<id> ; <message> ESC \`: the kitty graphics protocol answered; `message` is
    /// `OK` or an error such as `EINVAL:…`.
    case kittyGraphics(id: UInt32?, message: String)
    /// `ESC [ ? <class> ; <attributes…> c` (DA1). Attribute 4 means sixel graphics.
    case primaryAttributes([Int])
    /// `ESC P > | <name(version)> ESC \` (XTVERSION).
    case terminalVersion(String)
    /// `ESC [ 6 ; <height> ; <width> t`: one cell's size in pixels (answer to `CSI 16 t`).
    case cellSize(width: Int, height: Int)
    /// `ESC [ 4 ; <height> ; <width> t`: the text area's size in pixels (answer to `CSI 14 t`).
    case windowPixels(width: Int, height: Int)

    /// Whether this is a DA1 answer listing sixel support.
    public var advertisesSixel: Bool {
        if case .primaryAttributes(let values) = self { return values.dropFirst().contains(4) }
        return false
    }
}
