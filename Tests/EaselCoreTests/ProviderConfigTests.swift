import EaselCore
import Foundation
import Testing

/// How Azure, AI/ML API and compatible servers are configured: flags over the environment over
/// the config file over the catalog, and what is refused before anything is sent.
struct ProviderConfigTests {
    func paths(_ text: String?) throws -> EaselPaths {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("easel-providers-\(UUID().uuidString)")
        let paths = EaselPaths.resolve(environment: ["EASEL_HOME": root.path])
        if let text {
            try FileManager.default.createDirectory(at: paths.config, withIntermediateDirectories: true)
            try text.write(to: paths.configFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.configFile.path)
        }
        return paths
    }

    func entry(_ id: ProviderID) throws -> ProviderEntry { try #require(Catalog.bundled.provider(id)) }

    let azureFile = """
        [azure]
        base_url = "https://file.openai.azure.com/"
        api_key = "azure-key-from-file"
        deployment = "file-deployment"
        api_version = "2024-06-01"
        """

    @Test func azureFileThenEnvironmentThenFlags() throws {
        let paths = try paths(azureFile)
        let fromFile = try EaselConfig.load(paths: paths, environment: [:]).endpoint(for: try entry(.azure))
        #expect(fromFile == ProviderEndpoint(
            provider: .azure, baseURL: "https://file.openai.azure.com/",
            credential: Credential(secret: "azure-key-from-file", source: paths.configFile.path), deployment: "file-deployment",
            apiVersion: "2024-06-01"))
        let environment = [
            "AZURE_OPENAI_ENDPOINT": "https://env.openai.azure.com", "AZURE_OPENAI_API_KEY": "azure-key-from-env",
            "OPENAI_API_VERSION": "2024-10-21",
        ]
        let config = try EaselConfig.load(paths: paths, environment: environment)
        let fromEnvironment = try config.endpoint(for: try entry(.azure))
        #expect(fromEnvironment.baseURL == "https://env.openai.azure.com")
        #expect(fromEnvironment.credential?.source == "AZURE_OPENAI_API_KEY" && fromEnvironment.credential?.isBearerToken == false)
        #expect(fromEnvironment.apiVersion == "2024-10-21" && fromEnvironment.deployment == "file-deployment")
        let fromFlags = try config.endpoint(
            for: try entry(.azure), baseURL: "https://flag.openai.azure.com", deployment: "flag-deployment", apiVersion: "v1")
        #expect(fromFlags.baseURL == "https://flag.openai.azure.com" && fromFlags.deployment == "flag-deployment" && fromFlags.apiVersion == "v1")
        #expect(fromFlags.credential?.secret == "azure-key-from-env")
    }

    @Test func anEntraTokenIsABearerTokenAndAKeyWins() throws {
        let base = ["AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com", "AZURE_OPENAI_AD_TOKEN": "eyJ-entra-token"]
        let token = try EaselConfig.load(paths: try paths(nil), environment: base).endpoint(for: try entry(.azure))
        #expect(token.credential == Credential(secret: "eyJ-entra-token", source: "AZURE_OPENAI_AD_TOKEN", isBearerToken: true))
        var both = base
        both["AZURE_OPENAI_API_KEY"] = "azure-key"
        #expect(try EaselConfig.load(paths: try paths(nil), environment: both).endpoint(for: try entry(.azure)).credential?.isBearerToken == false)
        let file = try EaselConfig.load(paths: try paths("[azure]\nbase_url = \"https://r.example\"\ntoken = \"file-token\"\n"), environment: [:])
        #expect(try file.endpoint(for: try entry(.azure)).credential?.isBearerToken == true)
    }

    @Test func missingOrMalformedPiecesAreRefusedWithWhatToSet() throws {
        let empty = try EaselConfig.load(paths: try paths(nil), environment: [:])
        #expect(throws: GenerationError.configuration(
            "azure needs an endpoint (https://RESOURCE.openai.azure.com): set AZURE_OPENAI_ENDPOINT, base_url under [azure] in the config file, or --base-url")) {
            try empty.endpoint(for: try entry(.azure))
        }
        #expect(throws: GenerationError.configuration("aimlapi needs a key: set AIMLAPI_KEY (or use --sandbox)")) {
            try empty.endpoint(for: try entry(.aimlAPI))
        }
        #expect(throws: GenerationError.configuration(
            "compatible needs a base URL: set COMPATIBLE_BASE_URL, base_url under [compatible] in the config file, or --base-url")) {
            try empty.endpoint(for: try entry(.compatible))
        }
        let azure = try EaselConfig.load(paths: try paths(nil), environment: ["AZURE_OPENAI_ENDPOINT": "https://r.example", "AZURE_OPENAI_API_KEY": "k-123"])
        #expect(throws: GenerationError.self) { try azure.endpoint(for: try entry(.azure), deployment: "../admin") }
        #expect(throws: GenerationError.self) { try azure.endpoint(for: try entry(.azure), apiVersion: "2024-10-21&x=1") }
        #expect(throws: GenerationError.self) { try azure.endpoint(for: try entry(.azure), baseURL: "ftp://r.example") }
        #expect(try azure.endpoint(for: try entry(.azure), deployment: "dall-e-3_v2.prod").deployment == "dall-e-3_v2.prod")
        let numbered = try paths("[azure]\ndeployment = 3\n")
        #expect(throws: ConfigError.invalidAt(path: numbered.configFile.path, line: 2, column: 1, key: "azure.deployment", reason: "must be a string")) {
            _ = try EaselConfig.load(paths: numbered, environment: [:])
        }
    }

    @Test func aimlAPIHasADefaultBaseURLAndAnOverride() throws {
        let key = try EaselConfig.load(paths: try paths(nil), environment: ["AIMLAPI_KEY": "aiml-key"])
        #expect(try key.endpoint(for: try entry(.aimlAPI)).baseURL == "https://api.aimlapi.com/v1")
        #expect(key.defaultProvider == .aimlAPI && key.hasAnyProvider)
        let moved = try EaselConfig.load(paths: try paths(nil), environment: ["AIMLAPI_KEY": "aiml-key", "AIMLAPI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(try moved.endpoint(for: try entry(.aimlAPI)).baseURL == "http://127.0.0.1:9/v1")
    }

    @Test func aCompatibleServerNeedsOnlyABaseURL() throws {
        let config = try EaselConfig.load(paths: try paths(nil), environment: ["COMPATIBLE_BASE_URL": "http://127.0.0.1:8080/v1"])
        #expect(config.isConfigured(.compatible) && config.hasAnyProvider && !config.hasAnyCredential)
        #expect(config.defaultProvider == .compatible)
        #expect(try config.endpoint(for: try entry(.compatible)).credential == nil)
        let keyed = try EaselConfig.load(
            paths: try paths(nil), environment: ["COMPATIBLE_BASE_URL": "http://127.0.0.1:8080/v1", "COMPATIBLE_API_KEY": "local-key"])
        #expect(try keyed.endpoint(for: try entry(.compatible)).credential?.secret == "local-key")
        #expect(keyed.secrets.contains("local-key"))
        // A key alone is not enough: there is no default server to send it to.
        let keyOnly = try EaselConfig.load(paths: try paths(nil), environment: ["COMPATIBLE_API_KEY": "local-key"])
        #expect(!keyOnly.isConfigured(.compatible) && keyOnly.missingVariable(.compatible) == "COMPATIBLE_BASE_URL")
        // A key without its endpoint still means that provider: told what is missing, not moved to the sandbox.
        let azureKeyOnly = try EaselConfig.load(paths: try paths(nil), environment: ["AZURE_OPENAI_API_KEY": "k-1"])
        #expect(azureKeyOnly.hasAnyProvider && azureKeyOnly.defaultProvider == .azure && azureKeyOnly.missingVariable(.azure) == "AZURE_OPENAI_ENDPOINT")
        // ai-client stays the default when it is configured, as before.
        let both = try EaselConfig.load(paths: try paths(nil), environment: ["AICLIENT_TOKEN": "t", "COMPATIBLE_BASE_URL": "http://h/v1"])
        #expect(both.defaultProvider == .aiClient)
    }
}
