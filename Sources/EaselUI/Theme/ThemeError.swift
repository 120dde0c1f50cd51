import EaselCore

/// Why a theme could not be used; the studio shows `description` and carries on with the
/// built-in default.
public enum ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists but could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The file is not valid TOML; position as reported by the TOML parser.
    case syntax(path: String, line: Int, column: Int?, message: String)
    /// A key holds something a theme cannot use (a bad colour, an unknown role, a wrong type).
    case invalidEntry(path: String, line: Int, key: String, message: String)
    /// `[colors]` leaves out a role; `line` is the `[colors]` header, or 1 without one.
    case missingRole(path: String, line: Int, role: UIRole)
    /// No file in either theme folder has this name.
    case unknownTheme(name: String, available: [String])

    /// The theme file at fault, if the problem is in a file.
    public var path: String? {
        switch self {
        case .unreadable(let path, _), .syntax(let path, _, _, _),
            .invalidEntry(let path, _, _, _), .missingRole(let path, _, _):
            path
        case .unknownTheme:
            nil
        }
    }

    /// The 1-based line of the problem, if it is in a file.
    public var line: Int? {
        switch self {
        case .syntax(_, let line, _, _), .invalidEntry(_, let line, _, _),
            .missingRole(_, let line, _):
            line
        case .unreadable, .unknownTheme:
            nil
        }
    }

    /// One line in the `file:line: what` shape editors and terminals make clickable.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read theme: \(Self.oneLine(reason))"
        case .syntax(let path, let line, let column, let message):
            "\(path):\(line)\(column.map { ":\($0)" } ?? ""): \(Self.oneLine(message))"
        case .invalidEntry(let path, let line, let key, let message):
            "\(path):\(line): \(key): \(Self.oneLine(message))"
        case .missingRole(let path, let line, let role):
            "\(path):\(line): colors: missing role \"\(role.rawValue)\""
        case .unknownTheme(let name, let available):
            "no theme named \(String(reflecting: name)); available: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
        }
    }

    /// The theme error for a file that could not be read or parsed.
    init(_ failure: TOMLFile.Failure) {
        switch failure {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .syntax(let path, let error): self = .syntax(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    /// Parser messages can span lines; a status line cannot.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
