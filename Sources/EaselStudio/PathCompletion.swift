import EaselCore
import Foundation

/// Completes a typed file path the way a shell does: `~` expanded, the folder listed, the
/// names that start with what was typed kept (hidden ones only when a dot was typed), folders
/// with a trailing slash, and the longest start they share filled in.
enum PathCompletion {
    /// At most this many names are read from one folder.
    static let limit = 2000

    /// What `typed` completes to and the matching names (sorted).
    static func complete(_ typed: String) -> (completion: String, matches: [String]) {
        let path = typed.isEmpty ? "./" : UserPath.expanded(typed)
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? "./"
        let prefix = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let base = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return (path, []) }
        let matches = names.prefix(limit)
            .filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { name -> String in
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: base + name, isDirectory: &isFolder)
                return isFolder.boolValue ? name + "/" : name
            }
            .sorted()
        guard let first = matches.first else { return (path, []) }
        // The longest start every match shares, by characters.
        var shared = first
        for name in matches.dropFirst() {
            shared = String(zip(shared, name).prefix { $0 == $1 }.map(\.0))
        }
        // Relative paths come back whole, so the field holds a path the studio can add.
        let whole = folder.hasPrefix("/") ? folder : URL(fileURLWithPath: base).standardized.path + "/"
        return (whole + shared, matches)
    }
}
