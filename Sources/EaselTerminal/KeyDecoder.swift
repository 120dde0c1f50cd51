import CNcursesw
import EaselUI

/// Turns what `wget_wch` returns into the studio's input events: keys with modifiers, and
/// bracketed pastes assembled into one event.
///
/// A pure state machine (the state is a pending Escape and an open paste), fed one `RawKey` at
/// a time, so every key is tested without a terminal. Mouse and resize codes never reach it:
/// the backend handles those, calling `flush()` first so order is kept.
struct KeyDecoder: Sendable {
    /// Codes ncurses returns for keys that are not `KEY_*` constants: the extended terminfo
    /// keys (`kUP3`…) and the sequences we defined ourselves.
    struct Codes: Sendable {
        /// Extended key codes and what they mean; consulted before the standard table.
        var modifiedKeys: [Int32: KeyPress] = [:]
        /// The code for `ESC [ 200 ~`, the start of a bracketed paste.
        var pasteStart: Int32?
        /// The code for `ESC [ 201 ~`, its end.
        var pasteEnd: Int32?
    }

    /// The most text one paste keeps, in UTF-8 bytes; the rest is dropped (the paste still
    /// ends properly) so a runaway paste cannot exhaust memory.
    static let pasteLimit = 1 << 20

    /// The most bytes one terminal reply (`ESC _ G … ESC \`) may hold; the rest is dropped.
    static let replyLimit = 4096

    let codes: Codes
    private var pendingEscape = false
    private var paste: PasteText?
    /// A kitty graphics reply being read: the text after `ESC _` so far, and whether its last
    /// character was ESC (the first half of the terminator).
    private var reply: (text: [UInt8], escaped: Bool)?
    /// `ESC _` arrived; the next character decides whether a reply starts (`G`).
    private var replyIntroduced = false
    /// Complete graphics replies (`Gi=16;EINVAL:…`), oldest first; `takeReplies` empties it.
    private(set) var replies: [String] = []

    init(codes: Codes) {
        self.codes = codes
    }

    /// Whether a bracketed paste has started and not yet ended.
    var isInPaste: Bool { paste != nil }

    /// The events `input` completes (often one, sometimes none or two).
    mutating func decode(_ input: RawKey) -> [InputEvent] {
        if paste != nil { return continuePaste(with: input) }
        if reply != nil || replyIntroduced, let consumed = continueReply(with: input) { return consumed }
        switch input {
        case .character(let value):
            return decodeCharacter(value)
        case .keyCode(let code):
            if code == codes.pasteStart {
                let flushed = flush()
                paste = PasteText()
                return flushed
            }
            if code == codes.pasteEnd { return flush() }
            guard let press = codes.modifiedKeys[code] ?? Self.standardKey(code) else { return flush() }
            return [.key(takingEscape(press))]
        }
    }

    /// The events still held back at the end of a batch of input: a lone Escape.
    ///
    /// ncurses has already waited `ESCDELAY` for a sequence to follow ESC before handing it
    /// over, so an ESC that is last in a drained batch was pressed on its own. An open paste is
    /// kept: its end may arrive in the next batch.
    mutating func flush() -> [InputEvent] {
        if replyIntroduced {
            // `ESC _` ending a batch was Alt-_ typed on its own, not the start of a reply.
            replyIntroduced = false
            return [.key(KeyPress(.character("_"), [.alt]))]
        }
        guard pendingEscape else { return [] }
        pendingEscape = false
        return [.key(KeyPress(.escape))]
    }

    /// ncurses reported bytes that are not UTF-8 (wget_wch fails with EILSEQ after reading on
    /// to the end of the burst, so what followed is gone — possibly a paste's end marker). An
    /// open paste ends here with a stand-in for the loss, so the keys after it are keys again;
    /// outside a paste the garbage is dropped.
    mutating func invalidInput() -> [InputEvent] {
        guard var text = paste else { return [] }
        text.append(0xFFFD)
        paste = nil
        return [.paste(text.finished)]
    }

    /// The graphics replies completed so far, and forgets them.
    mutating func takeReplies() -> [String] {
        defer { replies.removeAll() }
        return replies
    }

    /// Reads on in a terminal's graphics reply: kitty answers a command that asked for errors
    /// (`q=1`) on the terminal's input as `ESC _ G … ESC \`, which must not become keys.
    /// Returns nil when `input` turns out not to belong to a reply and is decoded as usual.
    private mutating func continueReply(with input: RawKey) -> [InputEvent]? {
        if replyIntroduced {
            replyIntroduced = false
            // Only `ESC _ G` starts a reply; `ESC _` and anything else was Alt-_ then that key.
            guard case .character(0x47) = input else { return [.key(KeyPress(.character("_"), [.alt]))] + decode(input) }
            reply = (Array("G".utf8), false)
            return []
        }
        guard case .character(let value) = input, var current = reply else {
            reply = nil
            return nil
        }
        if current.escaped {
            reply = nil
            if value == 0x5C {
                replies.append(String(decoding: current.text, as: UTF8.self))
                return []
            }
            // ESC then something else: the reply was cut off; this may be a new key.
            pendingEscape = true
            return decodeCharacter(value)
        }
        if value == 0x1B {
            current.escaped = true
        } else if current.text.count < Self.replyLimit, let scalar = Unicode.Scalar(value) {
            current.text += Array(String(scalar).utf8)
        }
        reply = current
        return []
    }

    private mutating func decodeCharacter(_ value: UInt32) -> [InputEvent] {
        if pendingEscape, value == 0x5F {
            pendingEscape = false
            replyIntroduced = true
            return []
        }
        if value == 0x1B {
            // ESC ESC: the first was a plain Escape; the second may still start an Alt key.
            let flushed = flush()
            pendingEscape = true
            return flushed
        }
        guard let press = Self.plainKey(value) else { return flush() }
        if pendingEscape, !Self.takesAlt(value) {
            // Escape then a control key, arrived together: two keys (see `takesAlt`).
            return flush() + [.key(press)]
        }
        return [.key(takingEscape(press))]
    }

    /// Whether ESC before the character `value` means Alt held with it.
    ///
    /// Terminals send Alt-x as `ESC x`, but `ESC` then a control character is as likely to be
    /// Escape pressed just before Ctrl-C or Ctrl-S, coalesced into one read by a fast typist,
    /// tmux or an SSH link. Easel binds no Ctrl-Alt letter, so taking that pair as Ctrl-Alt
    /// would drop both keys (the Escape that closes the viewer and the Ctrl-C that quits).
    /// Alt stays meaningful with printable characters, Enter (Alt-Enter, a new line) and
    /// Backspace (Alt-Backspace, delete a word).
    static func takesAlt(_ value: UInt32) -> Bool {
        switch value {
        case 0x0D, 0x08, 0x7F: return true
        case 0x00...0x1F: return false
        default: return true
        }
    }

    /// `press` with Alt added when an ESC came just before it: that is how terminals send
    /// Alt (meta sends escape), e.g. Alt-b is `ESC b` and Alt-Enter is `ESC CR`.
    private mutating func takingEscape(_ press: KeyPress) -> KeyPress {
        guard pendingEscape else { return press }
        pendingEscape = false
        var modified = press
        modified.modifiers.insert(.alt)
        return modified
    }

    private mutating func continuePaste(with input: RawKey) -> [InputEvent] {
        // Mutated in place through the optional: copying it out would copy the whole buffer
        // on every scalar, quadratic in the paste's length.
        switch input {
        case .character(let value):
            paste?.append(value)
        case .keyCode(let code):
            if code == codes.pasteEnd, let text = paste {
                paste = nil
                return [.paste(text.finished)]
            }
            // keypad mode turns a pasted Enter on some terminals into KEY_ENTER; other key codes
            // inside a paste are escape sequences that happened to be in the text, and are dropped.
            if code == KEY_ENTER { paste?.append(0x0D) }
        }
        return []
    }

    /// The key a plain character stands for in raw mode.
    ///
    /// Raw mode with `nonl()` delivers Enter as CR, so CR is Enter and LF is Ctrl-J. Tab (9)
    /// and Backspace (8, Ctrl-H on many terminals, and 127) keep their names instead of
    /// becoming Ctrl-I and Ctrl-H.
    static func plainKey(_ value: UInt32) -> KeyPress? {
        switch value {
        case 0x0D: return KeyPress(.enter)
        case 0x0A: return .ctrl("j")
        case 0x09: return KeyPress(.tab)
        case 0x08, 0x7F: return KeyPress(.backspace)
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(0x60 + value) else { return nil }
            return .ctrl(Character(letter))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F:
            // C1 controls are never typed; an 8-bit terminal sending them is not supported.
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The key a standard ncurses `KEY_*` code stands for.
    static func standardKey(_ code: Int32) -> KeyPress? {
        switch code {
        case KEY_ENTER: return KeyPress(.enter)
        case KEY_BTAB: return KeyPress(.tab, [.shift])
        case KEY_BACKSPACE: return KeyPress(.backspace)
        case KEY_DC: return KeyPress(.delete)
        case KEY_IC: return KeyPress(.insert)
        case KEY_UP: return KeyPress(.up)
        case KEY_DOWN: return KeyPress(.down)
        case KEY_LEFT: return KeyPress(.left)
        case KEY_RIGHT: return KeyPress(.right)
        // The keypad's corners (KEY_A1 … KEY_C3) and the vt220 Find/Select keys that
        // screen and PuTTY send for Home/End.
        case KEY_HOME, KEY_A1, KEY_FIND: return KeyPress(.home)
        case KEY_END, KEY_C1, KEY_SELECT, KEY_LL: return KeyPress(.end)
        case KEY_PPAGE, KEY_A3: return KeyPress(.pageUp)
        case KEY_NPAGE, KEY_C3: return KeyPress(.pageDown)
        // Shifted keys with their own standard codes: terminfo maps `CSI 1;2A` to kri
        // (KEY_SR) and `CSI 1;2B` to kind (KEY_SF) rather than to kUP2/kDN2.
        case KEY_SR: return KeyPress(.up, [.shift])
        case KEY_SF: return KeyPress(.down, [.shift])
        case KEY_SLEFT: return KeyPress(.left, [.shift])
        case KEY_SRIGHT: return KeyPress(.right, [.shift])
        case KEY_SHOME: return KeyPress(.home, [.shift])
        case KEY_SEND: return KeyPress(.end, [.shift])
        case KEY_SDC: return KeyPress(.delete, [.shift])
        case KEY_SIC: return KeyPress(.insert, [.shift])
        case KEY_SPREVIOUS: return KeyPress(.pageUp, [.shift])
        case KEY_SNEXT: return KeyPress(.pageDown, [.shift])
        default: return functionKey(code)
        }
    }

    /// F1–F12, and F13–F36, which terminfo uses for Shift-F1… and Ctrl-F1….
    private static func functionKey(_ code: Int32) -> KeyPress? {
        let number = Int(code) - Int(easel_key_f(0))
        switch number {
        case 1...12: return KeyPress(.function(number))
        case 13...24: return KeyPress(.function(number - 12), [.shift])
        case 25...36: return KeyPress(.function(number - 24), [.control])
        default: return nil
        }
    }
}
