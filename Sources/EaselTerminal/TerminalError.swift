/// Why the studio could not take over the terminal. Each message is one line a user can act on.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or file, not a terminal.
    case notATerminal(stream: String)
    /// `TERM` is unset, empty or `dumb`: there is no way to move the cursor.
    case dumbTerminal
    /// `TERM` names a terminal the terminfo database does not know.
    case unknownTerminal(String)
    /// Neither the user's locale nor `C.UTF-8` gives a UTF-8 character set.
    case noUnicodeLocale
    /// Another `Terminal` in this process has not been shut down; ncurses allows one owner.
    case alreadyOpen
    /// The signal handlers or the wake pipe could not be set up.
    case setupFailed(String)

    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case .notATerminal(let stream):
            "the studio needs a terminal: \(stream) is not a tty (use `easel generate` in scripts)"
        case .dumbTerminal:
            "the studio needs a terminal that can move the cursor, but TERM is unset or dumb (set TERM, e.g. TERM=xterm-256color)"
        case .unknownTerminal(let name):
            "the terminal type '\(name)' has no terminfo entry (install it or set TERM=xterm-256color)"
        case .noUnicodeLocale:
            "the studio needs a UTF-8 locale, and neither the current one nor C.UTF-8 is available (set LANG=C.UTF-8)"
        case .alreadyOpen:
            "the terminal is already in use by this process (shut the other screen down first)"
        case .setupFailed(let what):
            "could not prepare the terminal: \(what)"
        }
    }
}
