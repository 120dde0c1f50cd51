import CNcursesw
import Glibc

/// Puts the process in the user's locale with a UTF-8 character set, which ncursesw needs to
/// read and write anything beyond ASCII and which makes `wcwidth` answer for non-ASCII.
enum UnicodeLocale {
    /// Adopts the environment's locale and, when its codeset is not UTF-8 (an unset `LANG`
    /// gives the 7-bit "C" locale), switches just the character type to `C.UTF-8`. Returns
    /// whether a UTF-8 character set is now in effect.
    static func adopt() -> Bool {
        _ = setlocale(LC_ALL, "")
        if isUTF8() { return true }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return isUTF8()
    }

    /// Whether the current character set is UTF-8 (glibc spells it `UTF-8`, others `utf8`).
    static func isUTF8() -> Bool {
        guard let codeset = easel_locale_codeset() else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
