/// How many terminal columns a grapheme occupies: 0, 1 or 2.
///
/// The grid must agree with the terminal about widths or every cell after a disagreement lands
/// in the wrong column, so this follows what wcwidth-based terminals do (East Asian Wide and
/// Fullwidth, emoji presentation) rather than asking libc, whose answer depends on the locale
/// and the C library's Unicode version. Ambiguous-width characters count as 1, as in every
/// non-CJK locale.
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
        return text.reduce(0) { $0 + of($1) }
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
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return true
            default: return false
            }
        }
    }

    /// Whether a scalar is East Asian Wide/Fullwidth or an emoji drawn in emoji style by default.
    ///
    /// Emoji use the Emoji_Presentation property rather than whole blocks: blocks such as
    /// 1F300–1F64F also hold text-style symbols (🌡 U+1F321) that terminals draw one column wide.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
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

    /// East Asian Wide and Fullwidth ranges that are not emoji, sorted for binary search.
    /// U+303F (half-fill space) is the one narrow character inside the CJK run, hence the gap.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo leading consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3040...0xA4CF,  // kana, bopomofo, CJK ideographs, Yi
        0xA960...0xA97F,  // Hangul Jamo Extended-A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x16FF0...0x16FF1,
        0x17000...0x18CFF,  // Tangut, Khitan
        0x18D00...0x18D08,
        0x1AFF0...0x1B2FF,  // kana supplements, Nushu
        0x1F200...0x1F202,  // enclosed ideographic supplement
        0x1F210...0x1F23B,
        0x1F240...0x1F248,
        0x1F250...0x1F251,
        0x1F260...0x1F265,
        0x20000...0x2FFFD,  // CJK extensions B and later
        0x30000...0x3FFFD,
    ]
}
