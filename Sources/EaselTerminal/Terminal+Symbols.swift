import CNcursesw
import EaselUI

extension Terminal {
    /// The finest symbol set this terminal can show through ncurses, of those `choice` allows.
    ///
    /// ncurses places cells by the C library's `wcwidth`; glibc before Unicode 16 data calls
    /// the octants (U+1CD00…) unprintable, so `CellGlyph` would swap each for U+FFFD. Where it
    /// does, octants give way to sextants (Unicode 13, known to glibc since 2.32). Call after
    /// the locale is adopted (`Terminal.open`).
    public static func symbols(for choice: SymbolChoice, drawsLegacySymbols: Bool) -> SymbolSet {
        let octantsMeasured = easel_wcwidth(wchar_t(0x1CD00)) == 1
        let set = choice.resolve(drawsLegacySymbols: drawsLegacySymbols, octantsMeasured: octantsMeasured)
        return set == .sextant && easel_wcwidth(wchar_t(0x1FB00)) != 1 ? .quadrant : set
    }
}
