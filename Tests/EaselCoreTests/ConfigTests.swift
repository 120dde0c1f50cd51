import EaselCore
import Foundation
import Testing

/// The config file and environment.
struct ConfigTests {
    func home(_ text: String?, mode: Int = 0o600) throws -> EaselPaths {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-config-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        if let text {
            try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
            try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: paths.configFile.path)
        }
        return paths
    }

    @Test func easelHomeHoldsEverything() {
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": "/tmp/eh", "XDG_CONFIG_HOME": "/elsewhere"])
        #expect(paths.configFile.path == "/tmp/eh/config/config.toml")
        #expect(paths.images.path == "/tmp/eh/data/images")
        let xdg = EaselPaths.resolve(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"])
        #expect(xdg.configFile.path == "/cfg/easel/config.toml")
        #expect(xdg.data.path == "/home/u/.local/share/easel")
    }

    @Test("the studio's theme and bell come from the file; a bell that is not true/false is refused")
    func studioSettings() throws {
        let config = try EaselConfig.load(paths: try home("theme = \"dusk\"\nbell = false\n"), environment: [:])
        #expect(config.theme == "dusk" && config.bell == false)
        #expect(try EaselConfig.load(paths: try home(nil), environment: [:]).bell == true)
        #expect(throws: ConfigError.self) { try EaselConfig.load(paths: try home("bell = \"loud\"\n"), environment: [:]) }
    }

    @Test func fileSettingsAndEnvironmentOverride() throws {
        let paths = try home("""
            provider = "openai"
            model = "gpt-image-1.5"
            poll_max_interval = 3

            [openai]
            base_url = "https://proxy.example/v1"
            api_key = "sk-from-file-123"
            """)
        let config = try EaselConfig.load(paths: paths, environment: ["OPENAI_BASE_URL": "https://env.example/v1"])
        #expect(config.provider == .openAI && config.model == "gpt-image-1.5" && config.pollMaxInterval == 3)
        #expect(config.providers[.openAI]?.baseURL == "https://env.example/v1")
        #expect(config.providers[.openAI]?.credential?.secret == "sk-from-file-123")
        let fromEnv = try EaselConfig.load(paths: paths, environment: ["OPENAI_API_KEY": "sk-env-456"])
        #expect(fromEnv.providers[.openAI]?.credential?.source == "OPENAI_API_KEY")
        #expect(try EaselConfig.load(paths: try home(nil), environment: [:]).hasAnyCredential == false)
    }

    @Test func aKeyInAFileOthersCanReadIsRefused() throws {
        let paths = try home("[ai-client]\ntoken = \"secret-token\"\n", mode: 0o644)
        #expect(throws: ConfigError.exposedSecret(path: paths.configFile.path, key: "ai-client.token")) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }

    @Test func syntaxErrorsNameTheLine() throws {
        let paths = try home("provider = \"openai\"\nmodel = = broken\n")
        do {
            _ = try EaselConfig.load(paths: paths, environment: [:])
            Issue.record("a broken file must not load")
        } catch {
            guard case .syntax(_, let line, _, _) = error else {
                Issue.record("expected a syntax error, got \(error)")
                return
            }
            #expect(line == 2)
            #expect(error.description.hasPrefix(paths.configFile.path + ":2:"))
        }
    }

    @Test("symbols picks the block glyphs; auto when absent; anything else is refused where it is written")
    func symbolsSetting() throws {
        #expect(try EaselConfig.load(paths: try home("symbols = \"sextant\"\n"), environment: [:]).symbols == .fixed(.sextant))
        #expect(try EaselConfig.load(paths: try home("symbols = \"Octants\"\n"), environment: [:]).symbols == .fixed(.octant))
        #expect(try EaselConfig.load(paths: try home(nil), environment: [:]).symbols == .auto)
        let paths = try home("theme = \"dusk\"\nsymbols = \"braille\"\n")
        let reason = "must be half, quadrant, sextant, octant or auto"
        #expect(throws: ConfigError.invalidAt(path: paths.configFile.path, line: 2, column: 1, key: "symbols", reason: reason)) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }

    @Test("graphics picks the picture protocol; auto when absent; a bad value names the valid ones where it is written")
    func graphicsSetting() throws {
        #expect(try EaselConfig.load(paths: try home("graphics = \"sixel\"\n"), environment: [:]).graphics == .sixel)
        #expect(try EaselConfig.load(paths: try home("graphics = \"iterm2\"\n"), environment: [:]).graphics == .iterm)
        #expect(try EaselConfig.load(paths: try home(nil), environment: [:]).graphics == .auto)
        let paths = try home("theme = \"dusk\"\n  graphics = \"retina\"\n")
        let reason = "must be auto, kitty, sixel, iterm2, symbols, blocks or none"
        #expect(throws: ConfigError.invalidAt(path: paths.configFile.path, line: 2, column: 3, key: "graphics", reason: reason)) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
        #expect(throws: ConfigError.self) { try EaselConfig.load(paths: try home("graphics = 3\n"), environment: [:]) }
    }

    @Test func unknownSettingsAreNamed() throws {
        let paths = try home("[openai]\nbase_ur1 = \"x\"\n")
        // Where the key is written, line and column, as syntax errors say it.
        #expect(throws: ConfigError.invalidAt(path: paths.configFile.path, line: 2, column: 1, key: "openai.base_ur1", reason: "unknown setting")) {
            try EaselConfig.load(paths: paths, environment: [:])
        }
    }

    @Test("stream deadlines come from the file in seconds; a non-positive one is refused")
    func streamDeadlines() throws {
        let config = try EaselConfig.load(paths: try home("stream_idle_timeout = 45\nstream_timeout = 600.5\n"), environment: [:])
        #expect(config.streamDeadlines.idle == .seconds(45))
        #expect(config.streamDeadlines.overall == .milliseconds(600_500))
        #expect(EaselConfig().streamDeadlines == StreamDeadlines())
        #expect(throws: ConfigError.self) { try EaselConfig.load(paths: try home("stream_timeout = 0\n"), environment: [:]) }
    }
}

/// Config errors say where: `file:line:column: key: reason`, for keys in nested tables too.
struct ConfigErrorPositionTests {
    @Test("a bad value deep in a section is named with its line and column")
    func nestedKeyPosition() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-position-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try "theme = \"dusk\"\n\n[a1111]\nbase_url = \"http://gpu:7860\"\n  concurrency = 0\n".write(to: paths.configFile, atomically: true, encoding: .utf8)
        do {
            _ = try EaselConfig.load(paths: paths, environment: [:])
            Issue.record("concurrency = 0 was accepted")
        } catch {
            #expect(error.description == "\(paths.configFile.path):5:3: a1111.concurrency: must be a whole number of jobs from 1 to 64")
        }
    }
}
