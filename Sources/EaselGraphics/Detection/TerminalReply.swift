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
    /// `ESC [ > <type> ; <version> ; <rom> c` (DA2): the terminal's model number and firmware
    /// version (xterm: its patch level; tmux, VTE and others put their own numbers here).
    case secondaryAttributes([Int])
    /// `ESC [ ? <item> ; <status> ; <values…> S` (XTSMGRAPHICS): item 1 is the number of
    /// sixel colour registers, item 2 the largest sixel image in pixels; status 0 is success.
    case graphicsAttribute(item: Int, status: Int, values: [Int])

    /// Whether this is a DA1 answer listing sixel support.
    public var advertisesSixel: Bool {
        if case .primaryAttributes(let values) = self { return values.dropFirst().contains(4) }
        return false
    }
}
