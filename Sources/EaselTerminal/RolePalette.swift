import EaselUI

/// Turns a theme's roles into what ncurses needs for one colour mode: a foreground/background
/// colour number pair per role, and the attributes a cell style is drawn with.
///
/// Pure, so the mapping (including the `NO_COLOR` fallback to attributes) is tested without a
/// terminal; the backend only caches the pair numbers ncurses hands out.
struct RolePalette: Sendable {
    let theme: Theme
    let mode: ColorMode
    /// 8 or 16 in `.basic` mode: how many ANSI colours the nearest-colour search may use.
    let basicColorCount: Int

    init(theme: Theme, mode: ColorMode, colorCount: Int) {
        self.theme = theme
        self.mode = mode
        basicColorCount = colorCount >= 16 ? 16 : 8
    }

    /// The colour numbers (foreground, background) for `role`, or nil when colours are off.
    ///
    /// Everything sits on the theme background except the selection, which is the text colour
    /// on the selection colour. The `.background` role draws the text colour so a character
    /// painted in it stays readable.
    func colorNumbers(for role: UIRole) -> (foreground: Int32, background: Int32)? {
        guard mode != .none else { return nil }
        let foregroundRole: UIRole
        let backgroundRole: UIRole
        switch role {
        case .selection:
            foregroundRole = .text
            backgroundRole = .selection
        case .background:
            foregroundRole = .text
            backgroundRole = .background
        default:
            foregroundRole = role
            backgroundRole = .background
        }
        return (colorNumber(for: foregroundRole), colorNumber(for: backgroundRole))
    }

    /// The attributes a cell in `style` is drawn with: the cell's own, the theme's bold roles,
    /// and with colours off, the attribute that stands in for the role's colour.
    func attributes(for style: CellStyle) -> CellAttributes {
        var attributes = style.attributes
        if theme.isBold(style.role) { attributes.insert(.bold) }
        if mode == .none { attributes.formUnion(Self.monochromeAttributes(for: style.role)) }
        return attributes
    }

    /// How a role stays distinguishable without colour (`NO_COLOR` or a monochrome terminal).
    ///
    /// Selection must be visible, so it is reversed; headings and errors are bold (errors also
    /// underlined so they differ from headings); de-emphasised text and borders are dim;
    /// positive and negative prompt weights differ as bold versus underline.
    static func monochromeAttributes(for role: UIRole) -> CellAttributes {
        switch role {
        case .background, .text, .success: []
        case .dimText, .border: .dim
        case .accent, .title, .warning, .positiveWeight: .bold
        case .selection: .reverse
        case .negativeWeight: .underline
        case .error: [.bold, .underline]
        }
    }

    /// The colour numbers of a picture cell (upper pixel as foreground, lower as background),
    /// or nil when colours are off.
    func colorNumbers(for pixels: PixelPair) -> (foreground: Int32, background: Int32)? {
        guard mode != .none else { return nil }
        return (colorNumber(for: pixels.foreground), colorNumber(for: pixels.background))
    }

    /// The number ncurses is given for a role's colour in this mode.
    func colorNumber(for role: UIRole) -> Int32 {
        if mode == .palette256 { return Int32(theme.index256(for: role)) }
        return colorNumber(for: theme.color(for: role))
    }

    /// The number ncurses is given for an arbitrary colour in this mode.
    func colorNumber(for color: RGBColor) -> Int32 {
        switch mode {
        case .none:
            return -1
        case .basic:
            return Int32(color.nearestANSIIndex(colorCount: basicColorCount))
        case .palette256:
            return Int32(color.nearestXterm256Index)
        case .direct:
            let packed = Int32(color.red) << 16 | Int32(color.green) << 8 | Int32(color.blue)
            // Direct-colour terminfo entries (xterm-direct's setaf) send numbers below 8 as
            // palette indexes for compatibility, so a near-black like #000005 would come out as
            // the terminal's palette magenta. Nudging to 8 (#000008) keeps it an RGB colour.
            return max(packed, 8)
        }
    }
}
