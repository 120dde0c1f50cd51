/// One key as the studio understands it, already decoded from the terminal's bytes: the key
/// itself plus the modifiers held. Ctrl-A is `KeyPress(.character("a"), [.control])`,
/// Alt-Up is `KeyPress(.up, [.alt])`, Shift-Tab is `KeyPress(.tab, [.shift])`.
public struct KeyPress: Hashable, Sendable {
    /// The key pressed.
    public var key: Key
    /// Modifiers held with it.
    public var modifiers: KeyModifiers

    /// Creates a key press.
    public init(_ key: Key, _ modifiers: KeyModifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// A plain printable character.
    public static func char(_ character: Character) -> KeyPress { KeyPress(.character(character)) }
    /// Ctrl plus a letter (`ctrl("w")`), lowercase by convention.
    public static func ctrl(_ letter: Character) -> KeyPress { KeyPress(.character(letter), [.control]) }
    /// Alt plus a key.
    public static func alt(_ key: Key) -> KeyPress { KeyPress(key, [.alt]) }
}

/// The keys the studio distinguishes. Printable text arrives as `.character`; everything with a
/// name in terminfo gets its own case.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case tab
    case escape
    case backspace
    case delete
    case insert
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1…F12.
    case function(Int)
}

/// Modifier keys held with a key.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    /// Creates modifiers from their raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let shift = KeyModifiers(rawValue: 1 << 0)
    public static let alt = KeyModifiers(rawValue: 1 << 1)
    public static let control = KeyModifiers(rawValue: 1 << 2)
}
