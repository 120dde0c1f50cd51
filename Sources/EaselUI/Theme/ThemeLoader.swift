import EaselCore
import Foundation

/// Turns a theme name into a usable `Theme`: looks in the user's theme folder, then the
/// shipped one (when there is one on disk), then the shipped themes compiled into the binary,
/// and falls back to the built-in default so the studio always has colours.
///
/// This is the only part of EaselUI that touches the disk; everything it reads goes through
/// the pure `ThemeFileParser`.
public enum ThemeLoader {
    /// The theme used when none is chosen, and the one every failure falls back to.
    public static let defaultName = "default-dark"
    static let fileExtension = "toml"

    /// Loads the theme called `name` (`NAME.toml`), preferring `userDirectory` over
    /// `shippedDirectory` over the compiled-in copies of the shipped themes. Never fails: a
    /// missing or broken theme yields the built-in default plus the problem to show the user.
    public static func load(
        name: String, shippedDirectory: URL?, userDirectory: URL?
    ) -> (theme: Theme, problem: ThemeError?) {
        let id = themeID(name)
        guard let id, let file = [userDirectory, shippedDirectory].lazy
            .compactMap({ $0?.appendingPathComponent(id + "." + fileExtension) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) })
        else {
            if let id, let text = shippedText(id) {
                do {
                    return (try theme(fromText: text, path: "themes/\(id).\(fileExtension) (built in)", id: id), nil)
                } catch {
                    return (.builtinDefault, error)
                }
            }
            // The built-in copy stands in for a missing default-dark.toml, which is no problem.
            if id == defaultName { return (.builtinDefault, nil) }
            let names = available(shippedDirectory: shippedDirectory, userDirectory: userDirectory)
            return (.builtinDefault, .unknownTheme(name: name, available: names))
        }
        do {
            return (try load(file: file), nil)
        } catch {
            return (.builtinDefault, error)
        }
    }

    /// The names of every theme `load` can find, sorted, always including the shipped ones.
    public static func available(shippedDirectory: URL?, userDirectory: URL?) -> [String] {
        var names = Set([defaultName] + shippedNames)
        for directory in [shippedDirectory, userDirectory].compactMap({ $0 }) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix("." + fileExtension) {
                if let id = themeID(String(file.dropLast(fileExtension.count + 1))) {
                    names.insert(id)
                }
            }
        }
        return names.sorted()
    }

    /// The ids of the themes compiled into Easel, sorted.
    public static var shippedNames: [String] { shippedTexts.map(\.id) }

    /// The compiled-in text of the shipped theme `id` (the contents of `themes/ID.toml`).
    public static func shippedText(_ id: String) -> String? {
        shippedTexts.first { $0.id == id }?.text
    }

    /// Reads and parses one theme file; its id is the file name without `.toml`.
    public static func load(file: URL) throws(ThemeError) -> Theme {
        let document: TOMLFile
        do {
            document = try TOMLFile.read(file)
        } catch {
            throw ThemeError(error)
        }
        return try ThemeFileParser.parse(document, id: file.deletingPathExtension().lastPathComponent)
    }

    /// Parses theme-file text that is already in memory; `path` appears in error messages.
    public static func theme(
        fromText text: String, path: String, id: String
    ) throws(ThemeError) -> Theme {
        try ThemeFileParser.parse(text: text, path: path, id: id)
    }

    /// Where user themes live: `$XDG_CONFIG_HOME/easel/themes`, else `~/.config/easel/themes`.
    public static func userDirectory(environment: [String: String]) -> URL? {
        // The XDG spec says relative values are invalid and must be ignored.
        let configHome: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configHome = URL(fileURLWithPath: xdg, isDirectory: true)
        } else if let home = environment["HOME"], !home.isEmpty {
            configHome = URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".config", isDirectory: true)
        } else {
            return nil
        }
        return configHome.appendingPathComponent("easel/themes", isDirectory: true)
    }

    /// Finds the shipped `themes` folder: `$EASEL_THEMES_DIR` if set; else beside a
    /// development build (`.build/<triple>/debug/easel` sits three levels under the repo);
    /// else the nearest ancestor of the executable with a `themes/default-dark.toml`, or an
    /// installed `<prefix>/share/easel/themes`. Nil when there is none.
    public static func shippedDirectory(executable: URL, environment: [String: String]) -> URL? {
        if let override = environment["EASEL_THEMES_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        let binDirectory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [binDirectory.appendingPathComponent("../../../themes", isDirectory: true)]
        // Bounded by the path's depth, because the parent of "/" is not "/" on every platform.
        var ancestor = binDirectory.standardizedFileURL
        for _ in ancestor.pathComponents.indices {
            candidates.append(ancestor.appendingPathComponent("themes", isDirectory: true))
            ancestor = ancestor.deletingLastPathComponent()
        }
        candidates.append(
            binDirectory.appendingPathComponent("../share/easel/themes", isDirectory: true))
        return candidates.first { directory in
            FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(defaultName + "." + fileExtension).path)
        }?.standardizedFileURL
    }

    /// The file id a theme name refers to, or nil if it could escape the theme folder.
    private static func themeID(_ name: String) -> String? {
        let suffix = "." + fileExtension
        let id = name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
        guard !id.isEmpty, !id.hasPrefix("."), !id.contains("/"), !id.contains("\\"),
            !id.contains("\0")
        else { return nil }
        return id
    }
}
