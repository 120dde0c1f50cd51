import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Paths the user types (`--out`, `out = "…"`, the studio's export folder), with `~` expanded
/// the way a shell does: `~` is `$HOME`, and the account's home only when `HOME` is unset.
///
/// Foundation's `expandingTildeInPath` reads the account database first, so under `sudo -E`,
/// in containers and with a test's `HOME` it wrote into another home than the user's.
public enum UserPath {
    /// `path` with a leading `~` or `~/` replaced by `$HOME`, or `~name` by that account's home;
    /// anything else (and a `~name` no account has) is returned unchanged.
    public static func expanded(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path.hasPrefix("~") else { return path }
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        let user = path[path.index(after: path.startIndex)..<slash]
        let home: String?
        if user.isEmpty {
            home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? accountHome()
        } else {
            home = accountHome(of: String(user))
        }
        guard var home else { return path }
        while home.count > 1, home.hasSuffix("/") { home.removeLast() }
        let rest = path[slash...]
        return home == "/" && rest.hasPrefix("/") ? String(rest) : home + rest
    }

    /// The expanded path as a file URL.
    public static func url(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: expanded(path, environment: environment))
    }

    /// The home directory the account database gives this process's user (or `name`), if any.
    public static func accountHome(of name: String? = nil) -> String? {
        let found = if let name { getpwnam(name) } else { getpwuid(getuid()) }
        guard let entry = found, let directory = entry.pointee.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }
}
