/// How many terminal columns a grapheme occupies: 0, 1 or 2.
///
/// The grid must agree with the terminal about widths or every cell after a disagreement lands
/// in the wrong column, so this follows what wcwidth-based terminals do (East Asian Wide and
/// Fullwidth, emoji presentation) rather than asking libc, whose answer depends on the locale
/// and the C library's Unicode version. Ambiguous-width characters count as 1, as in every
/// non-CJK locale. The tables are generated from Unicode's data by
/// `scripts/gen-character-width.py` and checked against glibc's `wcwidth` by the tests.
public enum CharacterWidth {
    /// The columns `character` occupies.
    ///
    /// Decided mostly by the grapheme's first scalar; the rest of the cluster only matters for
    /// emoji sequences, which terminals draw as one wide glyph.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII is most of what is drawn; it needs no Unicode property lookups.
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.allSatisfy(isZeroWidth) { return 0 }
        if isControl(first) { return 0 }
        if scalars.count > 1, isEmojiSequence(scalars, first: first) { return 2 }
        return isWide(first) ? 2 : 1
    }

    /// The columns `text` occupies: the sum over its graphemes.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var columns = 0
        for scalar in text.unicodeScalars {
            guard let width = simpleWidth(scalar) else { return text.reduce(0) { $0 + of($1) } }
            columns += width
        }
        return columns
    }

    /// The columns of `scalar` when it is a whole grapheme wherever it stands, needs no
    /// stand-in on screen and has a width of its own — printable Latin (below U+0300) and the
    /// punctuation, arrows, box drawing, shapes and symbols of U+2010…U+2BFF, without the
    /// combining marks, line separators, bidi and invisible controls among them — else nil.
    ///
    /// None of these joins a neighbour into one grapheme (Unicode's break rules join only
    /// marks, joiners, Hangul jamo, regional indicators, prepended and spacing marks, none of
    /// which are here), so text made only of them is measured and laid out a scalar at a time,
    /// without grapheme breaking. Anything else (a mark, an emoji sequence, CJK) returns nil
    /// and goes the grapheme way.
    public static func simpleWidth(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA0...0x2FF:
            return 1
        case 0x20D0...0x20FF, 0x2028...0x202F, 0x2060...0x206F:
            return nil
        case 0x2010...0x2BFF:
            if isZeroWidth(scalar) { return nil }
            return isWide(scalar) ? 2 : 1
        default:
            return nil
        }
    }

    /// Controls have no glyph and so no cell; `DisplayText` swaps them for stand-ins before
    /// they reach a grid.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Clusters a terminal draws as a single wide emoji even when the first scalar alone is
    /// narrow: a flag (two regional indicators), anything asking for emoji presentation with
    /// VS16, and ZWJ sequences such as families.
    private static func isEmojiSequence(_ scalars: Character.UnicodeScalarView, first: Unicode.Scalar) -> Bool {
        let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
        if regionalIndicators.contains(first.value) {
            return scalars.dropFirst().first.map { regionalIndicators.contains($0.value) } ?? false
        }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return true }
        return first.value > 0x7F && first.properties.isEmoji && scalars.contains { $0.value == 0x200D }
    }

    /// Scalars that draw nothing of their own: combining marks, format characters and the
    /// Hangul vowels and finals that merge into the syllable before them.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF:
            return true
        case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            // Soft hyphen and the prepended concatenation marks are format characters that
            // terminals nevertheless draw in a column of their own.
            return false
        default:
            return contains(zeroWidthRanges, scalar.value)
        }
    }

    /// Whether a scalar is East Asian Wide or Fullwidth, which since Unicode 9 includes every
    /// emoji drawn in emoji style by default. Text-style symbols in the emoji blocks (🌡 U+1F321)
    /// are not, and terminals draw them one column wide.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x1100 && contains(wideRanges, scalar.value)
    }

    /// Binary search in a sorted table of disjoint ranges (the generated tables).
    private static func contains(_ table: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = table.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = table[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
