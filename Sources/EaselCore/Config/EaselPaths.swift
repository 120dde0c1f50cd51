import Foundation

/// Where Easel keeps its configuration, data (images, history) and state (logs). `EASEL_HOME`
/// puts all three under one folder (tests use it); otherwise the XDG base directories.
public struct EaselPaths: Sendable, Hashable {
    public var config: URL
    public var data: URL
    public var state: URL

    public init(config: URL, data: URL, state: URL) {
        self.config = config
        self.data = data
        self.state = state
    }

    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> EaselPaths {
        if let home = environment["EASEL_HOME"], !home.isEmpty {
            let root = URL(fileURLWithPath: home, isDirectory: true)
            return EaselPaths(
                config: root.appendingPathComponent("config"), data: root.appendingPathComponent("data"),
                state: root.appendingPathComponent("state"))
        }
        let userHome = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        func base(_ variable: String, _ fallback: String) -> URL {
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return userHome.appendingPathComponent(fallback)
        }
        return EaselPaths(
            config: base("XDG_CONFIG_HOME", ".config").appendingPathComponent("easel"),
            data: base("XDG_DATA_HOME", ".local/share").appendingPathComponent("easel"),
            state: base("XDG_STATE_HOME", ".local/state").appendingPathComponent("easel"))
    }

    /// The config file.
    public var configFile: URL { config.appendingPathComponent("config.toml") }
    /// Where generated images go unless `--out` says otherwise.
    public var images: URL { data.appendingPathComponent("images") }
    /// The history database: mirrored threads, local threads and the job journal.
    public var historyFile: URL { data.appendingPathComponent("history.sqlite") }
    /// Images only the server had, fetched once for the history browser and kept for offline use.
    public var remoteImageCache: URL { data.appendingPathComponent("remote-cache") }
    /// Masks painted in the studio's mask editor, named by a hash of their bytes.
    public var masks: URL { data.appendingPathComponent("masks") }
    /// The log file (never the screen).
    public var logFile: URL { state.appendingPathComponent("easel.log") }
}
