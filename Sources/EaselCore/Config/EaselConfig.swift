public import EaselPixels
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Easel's settings from the config file and the environment (the environment wins). Keys and
/// tokens come only from here: the environment, or a config file no one else can read.
public struct EaselConfig: Sendable, Hashable {
    /// One provider's connection settings.
    public struct ProviderSettings: Sendable, Hashable {
        public var baseURL: String?
        public var credential: Credential?
        /// Azure: the deployment (`deployment = "…"`).
        public var deployment: String?
        /// Azure: the API version (`api_version = "…"`, `OPENAI_API_VERSION`).
        public var apiVersion: String?
        /// The task mode's settings (only providers with one read them: Ace Data Cloud).
        public var tasks = TaskModeSettings()
        /// How many of its jobs run at once on one server (`concurrency = N`); nil: the default.
        public var concurrency: Int?
        /// A pool of servers for one provider (`urls = ["http://gpu1:7860", …]`): each job goes to
        /// the least busy one. Empty: the one `base_url`.
        public var urls: [String] = []
        /// ComfyUI: where saved workflows take Easel's settings (`[comfyui.workflows.NAME]`).
        public var comfyUIWorkflows: [String: ComfyUIInputMapping] = [:]
    }

    public var provider: ProviderID?
    public var model: String?
    public var outDirectory: String?
    public var pollMaxInterval: Double?
    /// `stream_idle_timeout` and `stream_timeout`, in seconds: how long a streamed generation may
    /// go without progress, and in all.
    public var streamDeadlines = StreamDeadlines()
    /// The studio's theme name (`theme = "dusk"`).
    public var theme: String?
    /// Which block glyphs pictures are drawn with where no pixel protocol is used
    /// (`symbols = "half|quadrant|sextant|octant|auto"`; auto when absent).
    public var symbols: SymbolChoice = .auto
    /// How pictures are drawn (`graphics = "auto|kitty|sixel|iterm2|symbols|blocks|none"`; auto
    /// when absent): a `--graphics` flag overrides it, and `auto` asks the terminal.
    public var graphics: GraphicsMode = .auto
    /// Whether the studio rings the bell when a job finishes out of view (`bell = false` to stop).
    public var bell: Bool = true
    /// The `[keys.CONTEXT]` tables: keys the user moved to other commands, checked and applied
    /// by the studio (`Keymap.applying`).
    public var keyBindings: [KeyRebinding] = []
    public var providers: [ProviderID: ProviderSettings] = [:]

    public init() {}

    /// The environment variables of each provider: (key variable, base URL variable).
    static let variables: [ProviderID: (key: String, baseURL: String)] = [
        .aiClient: ("AICLIENT_TOKEN", "AICLIENT_BASE_URL"),
        .openAI: ("OPENAI_API_KEY", "OPENAI_BASE_URL"),
        .azure: ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"),
        .aimlAPI: ("AIMLAPI_KEY", "AIMLAPI_BASE_URL"),
        .compatible: ("COMPATIBLE_API_KEY", "COMPATIBLE_BASE_URL"),
        .aceData: ("ACEDATA_TOKEN", "ACEDATA_BASE_URL"),
        // A1111's key is HTTP Basic `user:password` (its `--api-auth`).
        .a1111: ("A1111_AUTH", "A1111_BASE_URL"),
        .comfyUI: ("COMFYUI_API_KEY", "COMFYUI_BASE_URL"),
        .sdcpp: ("SDCPP_API_KEY", "SDCPP_BASE_URL"),
    ]
    /// The config-file names of each provider's secret.
    static let secretKeys = ["token", "api_key"]

    /// Reads the config file (if there is one) and overlays the environment.
    public static func load(
        paths: EaselPaths, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> EaselConfig {
        var config = EaselConfig()
        let file = paths.configFile
        if let problem = Self.problem(with: file.path) { throw .unreadable(path: file.path, reason: problem) }
        if FileManager.default.fileExists(atPath: file.path) {
            try config.read(file: file)
        }
        for (provider, names) in variables {
            var settings = config.providers[provider] ?? ProviderSettings()
            if let key = environment[names.key], !key.isEmpty {
                settings.credential = Credential(secret: key, source: names.key)
            }
            if let base = environment[names.baseURL], !base.isEmpty { settings.baseURL = base }
            config.providers[provider] = settings
        }
        config.applyAzureEnvironment(environment)
        return config
    }

    /// True when any provider has a key: otherwise Easel runs on its sandbox.
    public var hasAnyCredential: Bool { providers.values.contains { $0.credential != nil } }

    /// Every secret the config holds, for redaction.
    public var secrets: [String] { providers.values.compactMap { $0.credential?.secret } }

    private mutating func read(file: URL) throws(ConfigError) {
        let document: TOMLFile
        do {
            document = try TOMLFile.read(file)
        } catch {
            switch error {
            case .unreadable(let path, _): throw .unreadable(path: path, reason: "not readable as UTF-8 text")
            case .syntax(let path, let error): throw .syntax(path: path, line: error.line, column: error.column, reason: error.message)
            }
        }
        do {
            try apply(document.table, path: document.path)
        } catch .invalid(let path, let key, let reason) {
            // Where the key is written, as syntax errors and theme errors say it.
            guard let position = document.position(of: key) else { throw .invalid(path: path, key: key, reason: reason) }
            throw .invalidAt(path: path, line: position.line, column: position.column, key: key, reason: reason)
        }
    }

    private mutating func apply(_ table: TOMLTable, path: String) throws(ConfigError) {
        let privateFile = Self.isPrivate(path)
        for key in table.keys {
            switch key {
            case "provider": provider = ProviderID(rawValue: try Self.string(table, key, path))
            case "model": model = try Self.string(table, key, path)
            case "out": outDirectory = try Self.string(table, key, path)
            case "theme": theme = try Self.string(table, key, path)
            case "symbols":
                guard let choice = try? SymbolChoice(parsing: try Self.string(table, key, path)) else {
                    throw .invalid(path: path, key: key, reason: "must be \(SymbolChoice.spellings)")
                }
                symbols = choice
            case "graphics":
                guard let mode = try? GraphicsMode(parsing: try Self.string(table, key, path)) else {
                    throw .invalid(path: path, key: key, reason: "must be \(GraphicsMode.spellings)")
                }
                graphics = mode
            case "bell":
                guard let value = table[key]?.bool else {
                    throw .invalid(path: path, key: key, reason: "must be true or false")
                }
                bell = value
            case "keys":
                guard let keys = table[key]?.table else {
                    throw .invalid(path: path, key: key, reason: "must be tables such as [keys.history] (easel keys lists them)")
                }
                keyBindings = try Self.keyRebindings(keys, path: path)
            case "poll_max_interval":
                guard let value = table[key]?.double, value > 0 else {
                    throw .invalid(path: path, key: key, reason: "must be a number of seconds above 0")
                }
                pollMaxInterval = value
            case "stream_idle_timeout", "stream_timeout":
                guard let value = table[key]?.double, value > 0, value <= 86_400 else {
                    throw .invalid(path: path, key: key, reason: "must be a number of seconds above 0 (at most a day)")
                }
                let duration = Duration.milliseconds(Int64(value * 1000))
                if key == "stream_timeout" { streamDeadlines.overall = duration } else { streamDeadlines.idle = duration }
            default:
                guard let section = table[key]?.table else {
                    throw .invalid(path: path, key: key, reason: "unknown setting")
                }
                let provider = ProviderID(rawValue: key)
                guard Self.variables[provider] != nil || Catalog.bundled.provider(provider) != nil else {
                    throw .invalid(path: path, key: key, reason: "unknown provider")
                }
                providers[provider] = try Self.providerSettings(section, key, path, privateFile: privateFile)
            }
        }
    }

    private static func providerSettings(
        _ section: TOMLTable, _ name: String, _ path: String, privateFile: Bool
    ) throws(ConfigError) -> ProviderSettings {
        var settings = ProviderSettings()
        for key in section.keys {
            let qualified = "\(name).\(key)"
            switch key {
            case "base_url":
                settings.baseURL = try string(section, key, path, qualified: qualified)
            case _ where secretKeys.contains(key):
                guard privateFile else { throw .exposedSecret(path: path, key: qualified) }
                settings.credential = Credential(
                    secret: try string(section, key, path, qualified: qualified), source: path, isBearerToken: key == "token")
            case "deployment":
                settings.deployment = try string(section, key, path, qualified: qualified)
            case "api_version":
                settings.apiVersion = try string(section, key, path, qualified: qualified)
            case "concurrency":
                settings.concurrency = try concurrency(section, key, path, qualified: qualified)
            case "urls":
                guard let list = section[key]?.array, !list.isEmpty, list.count <= maximumPoolSize else {
                    throw .invalid(path: path, key: qualified, reason: "must be a list of 1 to \(maximumPoolSize) base URLs")
                }
                settings.urls = try list.map { value throws(ConfigError) -> String in
                    guard let url = value.string else { throw .invalid(path: path, key: qualified, reason: "must hold strings (base URLs)") }
                    return url
                }
            case "workflows" where name == ProviderID.comfyUI.rawValue:
                guard let workflows = section[key]?.table else { throw .invalid(path: path, key: qualified, reason: "must be a table") }
                settings.comfyUIWorkflows = try comfyUIMappings(workflows, path: path)
            case _ where TaskModeSettings.keys.contains(key) && Catalog.bundled.provider(ProviderID(rawValue: name))?.wire == .aceDataImages:
                try settings.tasks.read(key, from: section, qualified: qualified, path: path)
            default:
                throw .invalid(path: path, key: qualified, reason: "unknown setting")
            }
        }
        if settings.baseURL != nil, !settings.urls.isEmpty {
            throw .invalid(path: path, key: "\(name).urls", reason: "give base_url (one server) or urls (a pool), not both")
        }
        return settings
    }

    private static func string(_ table: TOMLTable, _ key: String, _ path: String, qualified: String? = nil) throws(ConfigError) -> String {
        guard let value = table[key]?.string else {
            throw .invalid(path: path, key: qualified ?? key, reason: "must be a string")
        }
        return value
    }

    /// What keeps the config path from being read as a file, if something is there at all: a
    /// directory, or a symbolic link to nothing. Nil when there is nothing, or a file.
    static func problem(with path: String) -> String? {
        var link = stat()
        guard lstat(path, &link) == 0 else { return nil }
        var target = stat()
        if stat(path, &target) != 0 {
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "nothing"
            return "is a broken symbolic link to \(destination)"
        }
        if target.st_mode & S_IFMT == S_IFDIR { return "is a directory, not a file" }
        return nil
    }

    /// True when neither group nor others may read the file (mode 0600 or stricter).
    static func isPrivate(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? NSNumber
        else { return false }
        return mode.intValue & 0o077 == 0
    }
}
