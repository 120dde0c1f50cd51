import Foundation

/// A TOML file as the config and the themes read it — the one entry point for both: read as
/// UTF-8, parsed by `TOML.parse`, and its keys located from the parser's own positions, so every
/// complaint about a key names the file, line and column it is written at.
public struct TOMLFile: Sendable {
    /// The file's path, as messages name it.
    public let path: String
    /// The root table.
    public let table: TOMLTable

    /// Why a TOML file could not be read or parsed.
    public enum Failure: Error, Sendable, Hashable {
        /// The file could not be read, or is not UTF-8 text.
        case unreadable(path: String, reason: String)
        /// The text is not TOML.
        case syntax(path: String, TOMLSyntaxError)
    }

    /// Parses `text`; `path` is only used in messages.
    public init(text: String, path: String) throws(Failure) {
        do {
            table = try TOML.parse(text)
        } catch {
            throw .syntax(path: path, error)
        }
        self.path = path
    }

    /// Reads and parses the file at `url`; a file larger than `TOML.maxBytes` is refused
    /// unread (by the parser's own message).
    public static func read(_ url: URL) throws(Failure) -> TOMLFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: url.path, reason: "not UTF-8 text")
        }
        return try TOMLFile(text: text, path: url.path)
    }

    /// Where the dotted key `key` (`colors.accent`, `acedata.callback_url`) is written; else
    /// where its nearest enclosing table is; nil when no part of it is in the file.
    public func position(of key: String) -> TOMLPosition? {
        var path = key
        while true {
            if let position = table.position(ofDotted: path) { return position }
            guard let dot = path.lastIndex(of: ".") else { return nil }
            path = String(path[..<dot])
        }
    }

    /// `keys` of the table at `section` (nil: the root) in the order they are written, so the
    /// first problem reported is the first one a person reading the file would meet.
    public func inFileOrder(_ keys: [String], section: String?) -> [String] {
        let place = { (key: String) -> (Int, Int, String) in
            let position = self.position(of: section.map { $0 + "." + key } ?? key)
            return (position?.line ?? Int.max, position?.column ?? Int.max, key)
        }
        return keys.sorted { place($0) < place($1) }
    }
}
