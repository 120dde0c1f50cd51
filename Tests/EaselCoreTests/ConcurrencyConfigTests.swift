import EaselCore
import Foundation
import Testing

/// `concurrency = N` in a provider's section: how many of its jobs the studio runs at once.
struct ConcurrencyConfigTests {
    func load(_ text: String) throws -> EaselConfig {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-concurrency-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.configFile.path)
        return try EaselConfig.load(paths: paths, environment: [:])
    }

    @Test("a provider's concurrency is read; unset it is nil (the studio's default applies)")
    func readsConcurrency() throws {
        let config = try load("[openai]\nconcurrency = 2\n\n[ai-client]\nbase_url = \"http://127.0.0.1:9/api/v1\"\n")
        #expect(config.providers[.openAI]?.concurrency == 2)
        #expect(config.providers[.aiClient]?.concurrency == nil)
    }

    @Test("zero, negative, too many or not a whole number is refused with the key and the range", arguments: ["0", "-1", "65", "2.5", "\"4\""])
    func refusesBadConcurrency(value: String) throws {
        do {
            _ = try load("[openai]\nconcurrency = \(value)\n")
            Issue.record("concurrency = \(value) was accepted")
        } catch {
            #expect("\(error)".contains("openai.concurrency") && "\(error)".contains("from 1 to 64"), "\(error)")
        }
    }
}

/// `urls = [...]`: a pool of servers for one provider.
struct PoolConfigTests {
    func load(_ text: String, environment: [String: String] = [:]) throws -> EaselConfig {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-pool-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
        try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.configFile.path)
        return try EaselConfig.load(paths: paths, environment: environment)
    }

    @Test("a pool's servers become the endpoint's; a local backend runs one job per server by default")
    func poolEndpoint() throws {
        let config = try load("[a1111]\nurls = [\"http://gpu1:7860\", \"http://gpu2:7860\"]\n")
        let endpoint = try config.endpoint(for: #require(Catalog.bundled.provider(.a1111)))
        #expect(endpoint.servers == ["http://gpu1:7860", "http://gpu2:7860"])
        #expect(endpoint.baseURL == "http://gpu1:7860" && endpoint.isPool)
        #expect(endpoint.perServerLimit == 1)
        #expect(config.isConfigured(.a1111))
        #expect(config.serverCount(for: .a1111) == 2)
        #expect(config.concurrency(for: .openAI) == 4)
    }

    @Test("a base URL from the environment stands alone, pool or not")
    func environmentWins() throws {
        let config = try load("[comfyui]\nurls = [\"http://gpu1:8188\", \"http://gpu2:8188\"]\n", environment: ["COMFYUI_BASE_URL": "http://127.0.0.1:8188"])
        let endpoint = try config.endpoint(for: #require(Catalog.bundled.provider(.comfyUI)))
        #expect(endpoint.servers == ["http://127.0.0.1:8188"] && !endpoint.isPool)
    }

    @Test("bad pools are refused with the key", arguments: [
        "urls = []", "urls = \"http://gpu1:7860\"", "urls = [1, 2]", "base_url = \"http://a:1\"\nurls = [\"http://b:1\"]",
    ])
    func refusesBadPools(text: String) throws {
        do {
            _ = try load("[a1111]\n\(text)\n")
            Issue.record("\(text) was accepted")
        } catch {
            #expect("\(error)".contains("a1111.urls"), "\(error)")
        }
    }

    @Test("a server of a pool that is not an http URL is named")
    func badServer() throws {
        let config = try load("[a1111]\nurls = [\"http://gpu1:7860\", \"gpu2:7860\"]\n")
        #expect(throws: GenerationError.self) { try config.endpoint(for: #require(Catalog.bundled.provider(.a1111))) }
        do { _ = try config.endpoint(for: #require(Catalog.bundled.provider(.a1111))) } catch {
            #expect("\(error)".contains("gpu2:7860"), "\(error)")
        }
    }
}
