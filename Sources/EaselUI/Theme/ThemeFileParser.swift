import EaselCore

/// Turns the text of a theme file into a `Theme`, or into its first problem, located by line
/// so the person editing the file can go straight there.
enum ThemeFileParser {
    /// Top-level keys a theme file may have; anything else is most likely a typo.
    static let topLevelKeys = ["name", "bold", "colors", "fallback256"]

    /// Parses `text`; `path` is only used in error messages, `id` names the theme.
    static func parse(text: String, path: String, id: String) throws(ThemeError) -> Theme {
        let document: TOMLFile
        do {
            document = try TOMLFile(text: text, path: path)
        } catch {
            throw ThemeError(error)
        }
        return try parse(document, id: id)
    }

    /// Turns a parsed theme file into a `Theme`.
    static func parse(_ document: TOMLFile, id: String) throws(ThemeError) -> Theme {
        let table = document.table
        let file = ThemeFileContext(document: document)

        for key in file.inFileOrder(table.keys, section: nil) where !topLevelKeys.contains(key) {
            throw file.invalid(
                key, "unknown key (expected " + topLevelKeys.joined(separator: ", ") + ")")
        }

        var name = id
        if let value = table["name"] {
            guard let text = value.string, !text.isEmpty else {
                throw file.invalid("name", "expected a non-empty string")
            }
            name = text
        }
        let colors = try parseColors(table, file)
        let indexes = try parseIndexes(table, file)
        let bold = try parseBold(table, file)
        return Theme(
            id: id, name: name,
            color: { colors[$0] ?? RGBColor(rgb: 0) },
            index256: { indexes[$0] },
            boldRoles: bold)
    }

    /// Reads `[colors]`, which must give every role a `#rrggbb` colour.
    private static func parseColors(
        _ table: TOMLTable, _ file: ThemeFileContext
    ) throws(ThemeError) -> [UIRole: RGBColor] {
        guard let value = table["colors"] else {
            throw file.invalid("colors", "missing [colors] table naming a colour for every role")
        }
        guard let section = value.table else {
            throw file.invalid("colors", "expected a table of role = \"#rrggbb\"")
        }
        var colors: [UIRole: RGBColor] = [:]
        for key in file.inFileOrder(section.keys, section: "colors") {
            let role = try file.role(key, section: "colors")
            guard let text = section[key]?.string else {
                throw file.invalid("colors." + key, "expected a colour string like \"#rrggbb\"")
            }
            guard let color = RGBColor(hex: text) else {
                throw file.invalid(
                    "colors." + key, "\(String(reflecting: text)) is not a colour (#rrggbb)")
            }
            colors[role] = color
        }
        if let missing = UIRole.allCases.first(where: { colors[$0] == nil }) {
            throw .missingRole(
                path: file.path, line: file.line(of: "colors"), role: missing)
        }
        return colors
    }

    /// Reads the optional `[fallback256]` table of role = palette index.
    private static func parseIndexes(
        _ table: TOMLTable, _ file: ThemeFileContext
    ) throws(ThemeError) -> [UIRole: UInt8] {
        guard let value = table["fallback256"] else { return [:] }
        guard let section = value.table else {
            throw file.invalid("fallback256", "expected a table of role = 0-255")
        }
        var indexes: [UIRole: UInt8] = [:]
        for key in file.inFileOrder(section.keys, section: "fallback256") {
            let role = try file.role(key, section: "fallback256")
            guard let number = section[key]?.integer, let index = UInt8(exactly: number) else {
                throw file.invalid("fallback256." + key, "expected an xterm-256 index 0-255")
            }
            indexes[role] = index
        }
        return indexes
    }

    /// Reads the optional `bold = ["title", ...]` list of roles.
    private static func parseBold(
        _ table: TOMLTable, _ file: ThemeFileContext
    ) throws(ThemeError) -> Set<UIRole> {
        guard let value = table["bold"] else { return [] }
        guard let list = value.array else {
            throw file.invalid("bold", "expected a list of roles like [\"title\"]")
        }
        var roles: Set<UIRole> = []
        for item in list {
            guard let text = item.string else {
                throw file.invalid("bold", "expected a list of role names")
            }
            guard let role = UIRole(rawValue: text) else {
                throw file.invalid("bold", file.unknownRoleMessage(text))
            }
            roles.insert(role)
        }
        return roles
    }
}

/// What the parser's checks need to build located errors for one file.
private struct ThemeFileContext {
    let document: TOMLFile

    var path: String { document.path }

    /// The line `key` (a dotted path) is written on, else its table's, else 1.
    func line(of key: String) -> Int {
        document.position(of: key)?.line ?? 1
    }

    /// An `invalidEntry` error at the line where `key` (a dotted path) is written.
    func invalid(_ key: String, _ message: String) -> ThemeError {
        .invalidEntry(path: path, line: line(of: key), key: key, message: message)
    }

    /// The role a key in `section` names, or an error saying which roles exist.
    func role(_ key: String, section: String) throws(ThemeError) -> UIRole {
        guard let role = UIRole(rawValue: key) else {
            throw invalid(section + "." + key, unknownRoleMessage(key))
        }
        return role
    }

    func unknownRoleMessage(_ name: String) -> String {
        "\(String(reflecting: name)) is not a UI role (roles: "
            + UIRole.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    }

    /// Keys in the order they are written, so the reported problem is the first one a person
    /// reading the file would meet.
    func inFileOrder(_ keys: [String], section: String?) -> [String] {
        document.inFileOrder(keys, section: section)
    }
}
