/// Makes untrusted text (server responses, files, config) safe to put in a cell.
///
/// A terminal obeys control bytes, so a server that could get `ESC ]52;…` onto the screen could
/// write the user's clipboard, retitle the window or move the cursor to forge output; bidi
/// overrides can reorder what the user reads. Every such scalar becomes a visible stand-in
/// instead of being dropped, so the user can see that something odd was sent.
public enum DisplayText {
    /// How many graphemes `sanitize` keeps by default: more than any pane shows, few enough
    /// that a megabyte error body cannot stall layout.
    public static let defaultLimit = 4096

    /// The marker appended where text was cut.
    public static let ellipsis = "…"

    /// Stand-in for C1 controls and invisible bidi/format characters. U+FFFD is in every
    /// font, and `TerminalText` in EaselCore uses it too, so the same hostile input looks the
    /// same everywhere.
    static let hiddenStandIn: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every control and bidi/format character replaced by a visible stand-in, cut
    /// to at most `limit` graphemes (the `…` marker included).
    ///
    /// Newline and tab are kept because callers lay them out; a CR that ends a CRLF is dropped
    /// so Windows line endings do not sprout `␍` everywhere, while a lone CR (which could
    /// return the cursor and overprint a line) shows as `␍`.
    public static func sanitize(_ text: String, limit: Int = defaultLimit) -> String {
        guard limit > 0 else { return "" }
        let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex) ?? text.endIndex
        let shown = visible(text[..<cut], keepingLayout: true)
        if cut == text.endIndex, shown.count <= limit { return shown }
        return String(shown.prefix(limit - 1)) + ellipsis
    }

    /// `bytes` decoded as UTF-8, with each maximal invalid subsequence replaced by U+FFFD (the
    /// Unicode-recommended practice, which is what the standard library's decoder does), then
    /// sanitized like `sanitize(_:limit:)`.
    public static func sanitize(bytes: [UInt8], limit: Int = defaultLimit) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// `text` cut at a grapheme boundary so that it, plus a trailing `…`, fits in `width`
    /// columns; text that already fits comes back unchanged. A wide character that would
    /// straddle the limit is left out whole, so the result may be one column short.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if CharacterWidth.of(text) <= width { return text }
        let budget = width - CharacterWidth.of(ellipsis)
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let columns = CharacterWidth.of(text[end])
            if used + columns > budget { break }
            used += columns
            end = text.index(after: end)
        }
        return String(text[..<end]) + ellipsis
    }

    /// `text` made safe for a single grid row: like `sanitize` but newline and tab become
    /// stand-ins too, because a cell cannot hold a line break. Returns `text` itself in the
    /// common case where nothing needs replacing.
    public static func cellSafe(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ !needsStandIn($0, keepingLayout: false) }) { return text }
        return visible(Substring(text), keepingLayout: false)
    }

    /// Replaces each unsafe scalar. Works on scalars, not graphemes, because a control can hide
    /// inside a cluster (a ZWJ or bidi mark after a letter joins that letter's grapheme).
    private static func visible(_ text: Substring, keepingLayout: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if keepingLayout, scalar == "\r", next == "\n" { continue }
            if scalar == "\u{200D}", index > 0, joinsEmoji(scalars[index - 1], next) {
                out.append(scalar)
            } else if needsStandIn(scalar, keepingLayout: keepingLayout) {
                out.append(standIn(for: scalar))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `scalar` must not reach the terminal as itself.
    private static func needsStandIn(_ scalar: Unicode.Scalar, keepingLayout: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// The visible replacement: the Control Pictures block for C0 and DEL (␛ says "escape"
    /// plainly), U+FFFD for the rest, which have no pictures of their own.
    private static func standIn(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: Unicode.Scalar(0x2400 + scalar.value) ?? hiddenStandIn
        case 0x7F: "\u{2421}"
        default: hiddenStandIn
        }
    }

    /// A zero-width joiner between two emoji is what builds 👨‍👩‍👧 or 🏳️‍🌈; it cannot reorder
    /// text or smuggle anything, so it is kept there and replaced everywhere else.
    private static func joinsEmoji(_ before: Unicode.Scalar, _ after: Unicode.Scalar?) -> Bool {
        guard let after else { return false }
        let isPictograph = { (scalar: Unicode.Scalar) in scalar.value > 0x7F && scalar.properties.isEmoji }
        let endsEmoji = isPictograph(before) || before.value == 0xFE0F || before.properties.isEmojiModifier
        return endsEmoji && isPictograph(after)
    }
}
