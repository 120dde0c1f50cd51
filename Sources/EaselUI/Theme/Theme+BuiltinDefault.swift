extension Theme {
    /// A compiled-in copy of `themes/default-dark.toml`, so Easel always has colours even when
    /// the theme folder is missing or the chosen file is broken. A test keeps the two equal.
    public static let builtinDefault = Theme(
        id: ThemeLoader.defaultName,
        name: "Default dark",
        color: { role in
            switch role {
            case .background: RGBColor(rgb: 0x1e1f29)
            case .text: RGBColor(rgb: 0xe6e6e6)
            case .dimText: RGBColor(rgb: 0x8a8f98)
            case .accent: RGBColor(rgb: 0x7aa2f7)
            case .selection: RGBColor(rgb: 0x3b4261)
            case .positiveWeight: RGBColor(rgb: 0x9ece6a)
            case .negativeWeight: RGBColor(rgb: 0xf7768e)
            case .error: RGBColor(rgb: 0xff5f5f)
            case .warning: RGBColor(rgb: 0xe0af68)
            case .success: RGBColor(rgb: 0x73daca)
            case .border: RGBColor(rgb: 0x4a4f63)
            case .title: RGBColor(rgb: 0xbb9af7)
            }
        },
        index256: { role in
            switch role {
            case .selection: 60
            default: nil
            }
        },
        boldRoles: [.title])
}
