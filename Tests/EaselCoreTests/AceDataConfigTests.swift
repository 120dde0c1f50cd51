import EaselCore
import Foundation
import Testing

/// Ace Data Cloud's configuration: `ACEDATA_TOKEN` / `ACEDATA_BASE_URL`, the `[acedata]` section
/// and its task-mode keys.
struct AceDataConfigTests {
    func home(_ text: String) throws -> EaselPaths {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-config-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.configFile.path)
        return paths
    }

    @Test func theEnvironmentAndTheSectionConfigureAcedata() throws {
        let paths = try home("""
            [acedata]
            token = "ace-file-token"
            async = true
            callback_url = "https://easel.example.net:8443/ace"
            poll_rate = 2.5
            """)
        let config = try EaselConfig.load(paths: paths, environment: ["ACEDATA_BASE_URL": "http://127.0.0.1:9/"])
        let settings = try #require(config.providers[.aceData])
        #expect(settings.credential?.secret == "ace-file-token")
        #expect(settings.baseURL == "http://127.0.0.1:9/")
        #expect(settings.tasks == TaskModeSettings(asynchronous: true, callbackURL: "https://easel.example.net:8443/ace", pollRate: 2.5))
        #expect(settings.tasks.listenAddress?.host == "easel.example.net" && settings.tasks.listenAddress?.port == 8443)
        let fromEnv = try EaselConfig.load(paths: paths, environment: ["ACEDATA_TOKEN": "ace-env-token"])
        #expect(fromEnv.providers[.aceData]?.credential?.source == "ACEDATA_TOKEN")
        #expect(EaselConfig.keyVariable(for: .aceData) == "ACEDATA_TOKEN")
    }

    @Test func aListenAddressOverridesTheCallbackURLsOwn() throws {
        let config = try EaselConfig.load(
            paths: try home("[acedata]\ncallback_url = \"https://easel.example.net/ace\"\ncallback_listen = \"127.0.0.1:8765\"\n"),
            environment: [:])
        let listen = try #require(config.providers[.aceData]?.tasks.listenAddress)
        #expect(listen.host == "127.0.0.1" && listen.port == 8765)
        let noPort = try EaselConfig.load(paths: try home("[acedata]\ncallback_url = \"https://easel.example.net/ace\"\n"), environment: [:])
        #expect(noPort.providers[.aceData]?.tasks.listenAddress == nil)
    }

    @Test func badTaskSettingsAreNamed() throws {
        for (text, key, reason) in [
            ("[acedata]\ncallback_url = \"ftp://x\"\n", "acedata.callback_url", "must be an http:// or https:// URL"),
            ("[acedata]\npoll_rate = 0\n", "acedata.poll_rate", "must be a number of requests per second above 0"),
            ("[acedata]\ncallback_listen = \"nowhere\"\n", "acedata.callback_listen", "must be HOST:PORT, e.g. \"127.0.0.1:8765\""),
            ("[acedata]\nasync = \"yes\"\n", "acedata.async", "must be true or false"),
            ("[openai]\ncallback_url = \"https://x/\"\n", "openai.callback_url", "unknown setting"),
        ] {
            let paths = try home(text)
            #expect(throws: ConfigError.invalidAt(path: paths.configFile.path, line: 2, column: 1, key: key, reason: reason)) {
                try EaselConfig.load(paths: paths, environment: [:])
            }
        }
    }
}
