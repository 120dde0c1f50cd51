/// One result of ncurses' `wget_wch`: a character (it returned `OK`) or a key code (it returned
/// `KEY_CODE_YES`). The input the pure `KeyDecoder` is fed, so tests need no terminal.
enum RawKey: Hashable, Sendable {
    /// A Unicode scalar value, already decoded from UTF-8 by ncurses.
    case character(UInt32)
    /// A `KEY_*` code, a code ncurses gave an extended terminfo key, or one we defined.
    case keyCode(Int32)
}
