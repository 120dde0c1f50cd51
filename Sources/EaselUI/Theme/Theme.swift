/// A named palette giving every UI role a colour, an xterm-256 stand-in for terminals without
/// direct colour, and whether the role is drawn bold.
///
/// A theme is complete by construction: the initialiser asks for a colour per role rather than
/// taking a dictionary, so drawing code never has to handle a missing role.
public struct Theme: Sendable, Hashable {
    /// The name `--theme` and the config file use: the theme file's name without `.toml`.
    public let id: String
    /// The name shown to people, from the file's `name` key.
    public let name: String
    /// Roles drawn in bold as well as in their colour.
    public let boldRoles: Set<UIRole>
    private let colors: [UIRole: RGBColor]
    private let indexes: [UIRole: UInt8]

    /// Builds a theme; `index256` pins a palette entry for a role, and roles it leaves out get
    /// the nearest xterm-256 colour.
    public init(
        id: String,
        name: String,
        color: (UIRole) -> RGBColor,
        index256: (UIRole) -> UInt8? = { _ in nil },
        boldRoles: Set<UIRole> = []
    ) {
        self.id = id
        self.name = name
        self.boldRoles = boldRoles
        var colors: [UIRole: RGBColor] = [:]
        var indexes: [UIRole: UInt8] = [:]
        for role in UIRole.allCases {
            let roleColor = color(role)
            colors[role] = roleColor
            indexes[role] = index256(role) ?? roleColor.nearestXterm256Index
        }
        self.colors = colors
        self.indexes = indexes
    }

    /// The direct (24-bit) colour for a role.
    public func color(for role: UIRole) -> RGBColor {
        // Every role is filled in by init; the fallback only satisfies the type checker.
        colors[role] ?? RGBColor(rgb: 0)
    }

    /// The xterm-256 palette index for a role: the theme's own choice, else the nearest match.
    public func index256(for role: UIRole) -> UInt8 {
        indexes[role] ?? color(for: role).nearestXterm256Index
    }

    /// Whether a role is drawn bold.
    public func isBold(_ role: UIRole) -> Bool {
        boldRoles.contains(role)
    }
}
