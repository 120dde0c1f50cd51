/// Something the terminal reported: a key, pasted text, a mouse action or a new size.
public enum InputEvent: Hashable, Sendable {
    case key(KeyPress)
    /// Text the terminal delivered as one bracketed paste; newlines are kept as `\n`.
    case paste(String)
    case mouse(MouseEvent)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
}

/// A mouse action at a cell (zero-based column and row).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// A button went down (1 left, 2 middle, 3 right).
        case press(button: Int)
        /// A button came up.
        case release(button: Int)
        /// The pointer moved with `button` held (reported only while motion tracking is on,
        /// which the studio asks for while the mask editor is open).
        case drag(button: Int)
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int
    /// Shift, Ctrl and Alt held at the time (as far as the terminal reports them).
    public var modifiers: KeyModifiers

    /// Creates a mouse event.
    public init(_ kind: Kind, x: Int, y: Int, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
